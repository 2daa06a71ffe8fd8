/** The report's only stylesheet, inlined: the file must read the same offline. */
export const STYLES = `
:root { color-scheme: light; --ink: #1b1f24; --muted: #5b6470; --line: #d8dde3; --bg: #f6f7f9; --bad: #b3261e; --good: #1b6e3a; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: var(--ink); background: var(--bg); }
main { max-width: 1000px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 32px 0 10px; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
h2.side { font-size: 22px; margin-top: 44px; border-bottom: 3px solid var(--ink); }
h3 { font-size: 16px; margin: 18px 0 6px; }
p.description { color: var(--muted); margin: 0 0 12px; }
dl.facts { display: flex; flex-wrap: wrap; gap: 4px 20px; margin: 8px 0 0; color: var(--muted); }
dl.facts div { display: flex; gap: 6px; } dl.facts dt::after { content: ":"; } dl.facts dd { margin: 0; color: var(--ink); font-weight: 600; }
.cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(180px, 1fr)); gap: 12px; margin-top: 18px; }
.card { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; }
.card .label { color: var(--muted); font-size: 13px; } .card .value { font-size: 24px; font-weight: 650; }
.card .sub { color: var(--muted); font-size: 13px; }
.card.bad .value { color: var(--bad); } .card.good .value { color: var(--good); }
figure.chart { background: #fff; border: 1px solid var(--line); border-radius: 8px; margin: 0; padding: 10px; }
figure.chart svg { width: 100%; height: auto; display: block; }
.grid { stroke: #e9ecef; } .zero { stroke: #7a828c; stroke-dasharray: 4 3; } .start { stroke: #1b1f24; stroke-width: 1.5; }
.tick, .axis-label { font-size: 11px; fill: var(--muted); }
.legend { display: flex; flex-wrap: wrap; gap: 6px 16px; padding: 6px 4px 0; font-size: 13px; }
.legend .key { display: inline-flex; align-items: center; gap: 6px; white-space: nowrap; }
table { border-collapse: collapse; width: 100%; background: #fff; border: 1px solid var(--line); font-size: 14px; }
th, td { padding: 6px 10px; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
th { background: #eef1f4; font-weight: 600; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
td.pos { color: var(--good); } td.neg { color: var(--bad); }
code { font: 12.5px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; word-break: break-all; }
.swatch { display: inline-block; width: 10px; height: 10px; border-radius: 2px; margin-right: 6px; }
article.violation { background: #fff; border: 1px solid #e7b8b4; border-left: 4px solid var(--bad); border-radius: 6px; padding: 4px 14px 12px; margin: 12px 0; }
article.violation .message { font-weight: 600; }
details { margin: 8px 0; } summary { cursor: pointer; color: var(--muted); }
p.none { color: var(--good); font-weight: 600; }
footer { margin-top: 40px; color: var(--muted); font-size: 12px; }
@media print { body { background: #fff; } }
`;
