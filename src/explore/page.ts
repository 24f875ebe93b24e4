import { BASE_CSS } from '../html/base-css.js';
import { DATA_ELEMENT, type ExploreData } from './data.js';

/** Marks files `flanmix explore --static` wrote, so it replaces only its own files. */
export const GENERATOR = 'flanmix explore';

const CSS = `
header.top nav{display:flex;gap:4px}
header.top nav a{color:#cfd8e3;text-decoration:none;padding:6px 12px;border-radius:5px}
header.top nav a.active{background:#3b4a5c;color:#fff}
.layout{display:grid;grid-template-columns:250px minmax(0,1fr);gap:16px;padding:16px 20px;align-items:start}
.layout.mix{grid-template-columns:300px minmax(0,1fr)}
.card.head p{margin:0}
nav.sidebar{position:sticky;top:12px;max-height:calc(100vh - 90px);overflow-y:auto;background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:6px 12px}
nav.sidebar h4{margin:10px 0 2px;font-size:12px;text-transform:uppercase;letter-spacing:.04em;color:#5b6570}
nav.sidebar ul{list-style:none;margin:0;padding:0}
nav.sidebar li a{display:block;padding:2px 6px;border-radius:4px;text-decoration:none;color:#1d2329}
nav.sidebar li a.active{background:#e2ebf7;color:#173f7a;font-weight:600}
.controls{display:flex;flex-direction:column;gap:10px}
.controls select{max-width:100%;font:inherit;padding:3px}
.drop{border:2px dashed #b7c2cf;border-radius:6px;padding:10px 12px;background:#fafbfc}
.drop.over{border-color:#2458a6;background:#eef4fc}
.drop label.file{color:#2458a6;text-decoration:underline;cursor:pointer}
.drop label.file input{display:none}
.drop button{margin-left:10px}
.templates{display:flex;flex-direction:column}
.template header{display:flex;gap:10px;align-items:center;margin-bottom:8px}
.template.is-inverted{border-left:4px solid #e8894a}
.io{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:12px}
.io pre{background:#f6f8fa;border:1px solid #e6e9ed;border-radius:4px;padding:8px;min-height:34px;max-height:360px;overflow:auto}
.io-label{font-size:11px;text-transform:uppercase;letter-spacing:.05em;color:#5b6570;margin-bottom:3px}
details.row-fields summary{cursor:pointer;font-weight:600}
details.row-fields table{margin-top:8px}
.mix-form label.check{display:flex;align-items:center;gap:6px;padding:2px 0;cursor:pointer}
.mix-form label.check.removed{color:#8a96a3;text-decoration:line-through}
.mix-form .swatch{width:10px;height:10px;border-radius:2px;display:inline-block}
.mix-form label.field{display:grid;grid-template-columns:100px 1fr;gap:2px 8px;align-items:center;margin:6px 0}
.mix-form label.field input{font:inherit;padding:3px 6px;width:100%}
.mix-form label.field small{grid-column:2}
.mix-form .actions{margin:12px 0 6px}
.mix-form button,.drop button{font:inherit;padding:5px 12px;border-radius:5px;border:1px solid #2458a6;background:#2458a6;color:#fff;cursor:pointer}
.small{font-size:12px}
`;

/**
 * The explorer's single page: styles and the sample rows inline, the app (the core bundled for the
 * browser) from `app.js` next to it, loaded as a classic script so the page also works from disk.
 */
export function explorerHtml(data: ExploreData): string {
  // `</` cannot end the JSON's script element early once escaped.
  const json = JSON.stringify(data).replaceAll('</', '<\\/');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${GENERATOR}">
<title>flanmix explore</title>
<style>${BASE_CSS}${CSS}</style>
</head>
<body>
<header class="top"><h1>flanmix <span>explore · ${data.flanmix}</span></h1><nav id="tabs"></nav></header>
<main id="app"><p style="padding:20px">Loading…</p></main>
<script type="application/json" id="${DATA_ELEMENT}">${json}</script>
<script src="app.js"></script>
</body>
</html>
`;
}
