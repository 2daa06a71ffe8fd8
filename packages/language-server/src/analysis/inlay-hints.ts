import type { ts } from "ts-morph";
import { type Catalog, priceOf } from "./catalog.js";
import { findInvokeSites } from "./invoke-sites.js";
import type { InlayInfo, Span } from "./types.js";

/**
 * Price hints after the method name of every `ctx.invoke`/`ctx.call` in `range` whose target
 * and method are known and cost something, e.g. `"join"` followed by `2 scrip`.
 *
 * @example
 * ```ts
 * priceHints(file, { start: 0, end: file.end }, catalog).map((h) => h.label); // ["2 scrip"]
 * ```
 */
export function priceHints(file: ts.SourceFile, range: Span, catalog: Catalog): InlayInfo[] {
  const hints: InlayInfo[] = [];
  for (const site of findInvokeSites(file)) {
    const node = site.methodNode;
    if (!node || site.targetId === undefined || site.method === undefined) continue;
    if (node.getEnd() < range.start || node.getStart() > range.end) continue;
    const artifact = catalog.get(site.targetId);
    if (!artifact?.methods.some((m) => m.name === site.method)) continue;
    const price = priceOf(artifact, site.method);
    // Free calls (every genesis method) would only add noise to the line.
    if (price === undefined || price === 0) continue;
    hints.push({
      offset: node.getEnd(),
      label: `${price} scrip`,
      tooltip: `${site.targetId}.${site.method} costs ${price} scrip per call (${artifact.origin})`,
    });
  }
  return hints;
}
