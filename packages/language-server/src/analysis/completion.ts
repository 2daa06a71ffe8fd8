import type { ts } from "ts-morph";
import { type Catalog, priceOf, signatureText } from "./catalog.js";
import { contentSpan, findInvokeSites, stringValue } from "./invoke-sites.js";
import type { CompletionEntry } from "./types.js";

function inside(node: ts.Node | undefined, offset: number): node is ts.Node {
  if (!node || stringValue(node) === undefined) return false;
  const span = contentSpan(node);
  return offset >= span.start && offset <= span.end;
}

/**
 * Completions at `offset` of `file`: artifact ids inside the first string argument of
 * `ctx.invoke`/`ctx.call`, and the target's methods inside the second. Empty elsewhere.
 *
 * @example
 * ```ts
 * completeAt(file, offset, catalog).map((c) => c.label); // ["genesis_escrow", ...]
 * ```
 */
export function completeAt(
  file: ts.SourceFile,
  offset: number,
  catalog: Catalog,
): CompletionEntry[] {
  for (const site of findInvokeSites(file)) {
    if (inside(site.targetNode, offset)) {
      const replace = contentSpan(site.targetNode);
      return catalog.all().map((a) => ({
        label: a.id,
        kind: "artifact",
        detail: `${a.origin} artifact${a.owner ? ` owned by ${a.owner}` : ""}`,
        documentation: a.methods.map((m) => m.name).join(", "),
        replace,
      }));
    }
    if (inside(site.methodNode, offset) && site.targetId !== undefined) {
      const artifact = catalog.get(site.targetId);
      if (!artifact) return [];
      const replace = contentSpan(site.methodNode);
      return artifact.methods.map((m) => {
        const price = priceOf(artifact, m.name);
        return {
          label: m.name,
          kind: "method",
          detail: signatureText(m),
          documentation: `${m.kind} of ${artifact.id}${price === undefined ? "" : ` · price ${price}`}${m.description ? `\n\n${m.description}` : ""}`,
          replace,
        };
      });
    }
  }
  return [];
}
