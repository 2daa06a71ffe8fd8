const ESCAPES: { [c: string]: string } = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Escapes text for HTML content and attribute values: scenario text is data, never markup. */
export function esc(value: unknown): string {
  return String(value).replace(/[&<>"']/g, (c) => ESCAPES[c] as string);
}

/**
 * A number for people: thousands separated by a thin space, at most 2 decimals, a real minus
 * sign. Locale-free, so the same report renders the same bytes everywhere.
 */
export function num(n: number, options: { sign?: boolean } = {}): string {
  const rounded = Math.round(n * 100) / 100;
  const [int = "0", frac] = Math.abs(rounded).toString().split(".");
  const grouped = int.replace(/\B(?=(\d{3})+(?!\d))/g, "\u2009");
  const body = frac ? `${grouped}.${frac}` : grouped;
  if (rounded < 0) return `\u2212${body}`;
  return options.sign && rounded > 0 ? `+${body}` : body;
}

/** A rate in [0, 1] as a percentage with one decimal. */
export function pct(rate: number): string {
  return `${(Math.round(rate * 1000) / 10).toFixed(1)}\u00a0%`;
}

/** Okabe–Ito colours (distinguishable with colour-blindness), then greys. */
const PALETTE = [
  "#0072B2",
  "#D55E00",
  "#009E73",
  "#CC79A7",
  "#E69F00",
  "#56B4E9",
  "#000000",
  "#8c8c8c",
];

/** The colour of the `i`-th persona group. */
export function colorOf(i: number): string {
  return PALETTE[i % PALETTE.length] as string;
}
