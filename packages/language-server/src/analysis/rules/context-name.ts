import { ts } from "ts-morph";

/**
 * The name of the contract context in scope at `node`: the first parameter of the nearest
 * enclosing function that has one named like a context (`ctx`, `_ctx`, `context`), or else of
 * the outermost enclosing function. Undefined outside functions.
 *
 * @example
 * ```ts
 * contextNameAt(dateNowCall); // "ctx" inside `go(ctx) { Date.now() }`
 * ```
 */
export function contextNameAt(node: ts.Node): string | undefined {
  let outermost: string | undefined;
  for (let at: ts.Node | undefined = node.parent; at; at = at.parent) {
    if (!ts.isFunctionLike(at)) continue;
    const first = at.parameters[0];
    if (!first || !ts.isIdentifier(first.name)) continue;
    if (/ctx|context/i.test(first.name.text)) return first.name.text;
    outermost = first.name.text;
  }
  return outermost;
}
