/** The look both pages share: system fonts, a quiet palette, tables and cards. */
export const BASE_CSS = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1d2329;background:#f6f7f9}
h1{font-size:20px;margin:0}
h2{font-size:18px;margin:0 0 6px}
h3{font-size:15px;margin:18px 0 8px}
a{color:#2458a6}
header.top{display:flex;align-items:center;gap:24px;padding:10px 20px;background:#1f2a37;color:#fff}
header.top h1 span{font-weight:400;opacity:.75}
.card{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:14px 16px;margin:0 0 14px}
.muted{color:#5b6570}
.badge{display:inline-block;padding:1px 7px;border-radius:9px;font-size:12px;background:#e8edf3;color:#2c3e50}
.badge.inverted{background:#fde7d9;color:#8a3a0a}
table.data{border-collapse:collapse;width:100%;font-size:13px}
table.data th,table.data td{padding:4px 8px;border-bottom:1px solid #e6e9ed;text-align:left;vertical-align:top}
table.data th{background:#f0f2f5;font-weight:600}
table.data td.num,table.data th.num{text-align:right;font-variant-numeric:tabular-nums}
pre{margin:0;white-space:pre-wrap;word-break:break-word;font:12.5px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace}
.chart{overflow-x:auto}
.chart svg{max-width:100%;height:auto}
.stats{display:flex;flex-wrap:wrap;gap:12px;margin:0 0 14px}
.stat{background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:8px 14px;min-width:130px}
.stat b{display:block;font-size:20px;font-variant-numeric:tabular-nums}
.error{background:#fdecea;border:1px solid #f5c2bd;color:#8a1f11;padding:8px 12px;border-radius:6px;margin:8px 0}
`;
