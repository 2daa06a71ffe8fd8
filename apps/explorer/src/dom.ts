/** What an element can hold: nodes, text (numbers shown as text), nothing, or lists of these. */
export type Child = Node | string | number | null | undefined | false | readonly Child[];

/** Attributes of {@link h}: strings (undefined leaves one out) and `on<event>` listeners. */
export type Attrs = { [name: string]: string | undefined | ((event: Event) => void) };

/**
 * Creates an element. Text is always set as text, never parsed as HTML, so data written by
 * contracts and agents cannot inject markup (the page shows exactly that kind of data).
 *
 * @example
 * ```ts
 * h("a", { href: "#/artifacts" }, "artifacts"); // <a href="#/artifacts">artifacts</a>
 * ```
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value);
  }
  append(element, children);
  return element;
}

/** Appends children (see {@link Child}) to `parent`. */
export function append(parent: Node, children: readonly Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(parent, child);
    else if (typeof child === "string" || typeof child === "number")
      parent.appendChild(document.createTextNode(String(child)));
    else parent.appendChild(child as Node);
  }
}

/** A table with a header row; `empty` is shown in one cell when there are no rows. */
export function table(headers: readonly string[], rows: readonly Child[][], empty: string) {
  const body =
    rows.length === 0
      ? [h("tr", {}, h("td", { colspan: String(headers.length), class: "empty" }, empty))]
      : rows.map((cells) => h("tr", {}, ...cells.map((cell) => h("td", {}, cell))));
  return h(
    "table",
    {},
    h("thead", {}, h("tr", {}, ...headers.map((name) => h("th", {}, name)))),
    h("tbody", {}, ...body),
  );
}

/** A definition list of label → value pairs (detail views). */
export function facts(pairs: readonly [string, Child][]): HTMLDListElement {
  return h(
    "dl",
    {},
    ...pairs.flatMap(([label, value]) => [h("dt", {}, label), h("dd", {}, value)]),
  );
}
