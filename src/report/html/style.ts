/** The page's style, inline: system fonts only (no web font is fetched), print-friendly. */
export const STYLE = `
:root { --ink: #111827; --muted: #6b7280; --line: #e5e7eb; --band: #f9fafb; --accent: #0072B2; --neg: #b91c1c; }
* { box-sizing: border-box; }
body { margin: 0; background: #f3f4f6; color: var(--ink); font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
main { max-width: 1000px; margin: 0 auto; padding: 28px 24px 40px; }
header { margin-bottom: 20px; padding-bottom: 14px; border-bottom: 3px solid var(--accent); }
h1 { font-size: 24px; margin: 0 0 6px; letter-spacing: -0.01em; }
.sub { margin: 2px 0; color: var(--muted); }
.block { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 16px 18px; margin: 0 0 18px; box-shadow: 0 1px 2px rgba(0,0,0,0.04); }
h2 { font-size: 16px; margin: 0 0 10px; }
figure.chart { margin: 0; overflow-x: auto; }
figure.chart svg { display: block; max-width: 100%; height: auto; }
p.empty { color: var(--muted); font-style: italic; margin: 4px 0; }
.note { color: var(--muted); font-size: 12.5px; margin: 8px 0 0; }
details.numbers { margin-top: 8px; }
details.numbers > summary { cursor: pointer; color: var(--accent); font-size: 13px; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 13px; margin-top: 6px; }
th, td { padding: 4px 10px; border-bottom: 1px solid var(--line); white-space: nowrap; text-align: left; }
thead th { border-bottom: 2px solid #d1d5db; font-weight: 600; vertical-align: bottom; }
tbody tr:nth-child(even) { background: var(--band); }
tbody th { font-weight: 500; }
th.indent { padding-left: 24px; }
tr.group th { background: #eef2f7; font-weight: 600; padding-top: 6px; }
.num { text-align: right; }
td.neg { color: var(--neg); }
.notes ul { margin: 0; padding-left: 20px; color: var(--muted); }
footer { color: var(--muted); font-size: 12px; margin-top: 24px; }
@media print { body { background: #fff; } .block { box-shadow: none; break-inside: avoid; } }
`.trim();
