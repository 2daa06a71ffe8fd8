import type { ScripMove } from "@ecology/protocol";

const SVG = "http://www.w3.org/2000/svg";
const ROW = 44;
const WIDTH = 560;

function el<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attrs: { [name: string]: string | number },
  text?: string,
): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, String(value));
  if (text !== undefined) node.textContent = text;
  return node;
}

/**
 * The scrip flows of a transaction as an SVG graph: every wallet that paid or was paid is a box
 * (payers left, payees right, a wallet that did both on the left), every move an arrow labelled
 * with its amount, in the order the moves happened. Text is set as text, never markup.
 */
export function flowGraph(moves: readonly ScripMove[]): SVGSVGElement {
  const payers: string[] = [];
  const payees: string[] = [];
  for (const m of moves) {
    const from = m.from ?? "(minted)";
    if (!payers.includes(from)) payers.push(from);
  }
  for (const m of moves) if (!payers.includes(m.to) && !payees.includes(m.to)) payees.push(m.to);
  const rows = Math.max(payers.length, payees.length, 1);
  const svg = el("svg", {
    viewBox: `0 0 ${WIDTH} ${rows * ROW + 10}`,
    width: WIDTH,
    role: "img",
    "aria-label": "scrip flows",
    class: "flow-graph",
  });
  const box = (id: string, x: number, y: number) => {
    svg.append(el("rect", { x, y, width: 150, height: 28, rx: 5, class: "wallet" }));
    svg.append(el("text", { x: x + 75, y: y + 18, "text-anchor": "middle" }, id));
  };
  const at = (id: string): { x: number; y: number } => {
    const left = payers.indexOf(id);
    if (left >= 0) return { x: 10, y: 8 + left * ROW };
    return { x: WIDTH - 160, y: 8 + payees.indexOf(id) * ROW };
  };
  for (const id of payers) box(id, at(id).x, at(id).y);
  for (const id of payees) box(id, at(id).x, at(id).y);
  moves.forEach((m, i) => {
    const a = at(m.from ?? "(minted)");
    const b = at(m.to);
    const [x1, y1] = [a.x + 150, a.y + 14];
    const [x2, y2] = b.x === a.x ? [b.x + 150, b.y + 14] : [b.x, b.y + 14];
    const bend = b.x === a.x ? 60 : 0;
    svg.append(
      el("path", {
        d: `M ${x1} ${y1} C ${x1 + 40 + bend} ${y1}, ${x2 - 40 + bend} ${y2}, ${x2} ${y2}`,
        class: "flow",
        "marker-end": "url(#arrow)",
      }),
    );
    svg.append(
      el(
        "text",
        { x: (x1 + x2) / 2 + bend / 2, y: (y1 + y2) / 2 - 4 - i * 2, class: "amount" },
        String(m.amount),
      ),
    );
  });
  const defs = el("defs", {});
  const marker = el("marker", {
    id: "arrow",
    viewBox: "0 0 10 10",
    refX: 10,
    refY: 5,
    markerWidth: 7,
    markerHeight: 7,
    orient: "auto",
  });
  marker.append(el("path", { d: "M 0 0 L 10 5 L 0 10 z" }));
  defs.append(marker);
  svg.prepend(defs);
  return svg;
}
