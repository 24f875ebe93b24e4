/** Text made safe for HTML and SVG content and attribute values. */
export function esc(text: string | number): string {
  return String(text)
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}

/** 1234567 → "1,234,567" (fixed locale, so pages are the same on every machine). */
export function int(n: number): string {
  return Math.round(n)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** 0.01234 → "1.23%". */
export function pct(share: number): string {
  return `${(share * 100).toFixed(2)}%`;
}
