import { basename } from "node:path";
import type { Policy } from "@ecology/protocol";
import type { ts } from "ts-morph";
import { type Catalog, priceOf, signatureText } from "./catalog.js";
import { readContractShape } from "./contract-shape.js";
import { findInvokeSites, type InvokeSite } from "./invoke-sites.js";
import type { ArtifactInfo, HoverInfo, Span } from "./types.js";

function contains(node: ts.Node, offset: number): boolean {
  return offset >= node.getStart() && offset <= node.getEnd();
}

function spanOf(node: ts.Node): Span {
  return { start: node.getStart(), end: node.getEnd() };
}

function policyText(policy: Policy): string {
  const allow = (list: "*" | string[] | undefined) =>
    list === undefined || list === "*" ? "anyone" : list.join(", ");
  const parts = [
    `invoke price ${policy.invokePrice ?? 0}`,
    `read price ${policy.readPrice ?? 0}`,
    `invoke: ${allow(policy.allowInvoke)}`,
    `read: ${allow(policy.allowRead)}`,
  ];
  if (policy.gate) parts.push(`gate: \`${policy.gate}\``);
  return parts.join(" · ");
}

// Whether the owner can replace the code is known once deployed (policy.upgradable, §9); it is
// shown beside the owner because it is the owner's power over everyone who relies on the code.
function upgradeText(artifact: ArtifactInfo): string {
  if (!artifact.policy) return "";
  return artifact.policy.upgradable === true
    ? " · upgradable: the owner can replace the code"
    : " · not upgradable";
}

function priceText(artifact: ArtifactInfo, method: string): string {
  const price = priceOf(artifact, method);
  return price === undefined ? "price set at deploy" : `price ${price}`;
}

/**
 * Markdown describing an artifact, optionally focused on one method.
 *
 * @example
 * ```ts
 * artifactMarkdown(catalog.get("genesis_escrow")!, "deposit");
 * ```
 */
export function artifactMarkdown(artifact: ArtifactInfo, method?: string): string {
  const lines = [`**${artifact.id}** — ${artifact.origin} artifact`];
  if (artifact.description) lines.push("", artifact.description);
  lines.push(
    "",
    `owner: \`${artifact.owner ?? "unknown until deployed"}\`${upgradeText(artifact)}`,
  );
  if (artifact.policy) lines.push("", `policy: ${policyText(artifact.policy)}`);
  const shown = method ? artifact.methods.filter((m) => m.name === method) : artifact.methods;
  if (shown.length > 0) {
    lines.push("", "```ts");
    for (const m of shown)
      lines.push(`${m.kind} ${signatureText(m)} // ${priceText(artifact, m.name)}`);
    lines.push("```");
  }
  // One method in focus: what it does, when its manifest says (genesis methods do).
  const described = method ? shown[0]?.description : undefined;
  if (described) lines.push("", described);
  return lines.join("\n");
}

function siteHover(site: InvokeSite, offset: number, catalog: Catalog): HoverInfo | undefined {
  if (site.targetId === undefined) return undefined;
  const artifact = catalog.get(site.targetId);
  if (!artifact) return undefined;
  if (contains(site.targetNode, offset)) {
    return { span: spanOf(site.targetNode), markdown: artifactMarkdown(artifact) };
  }
  if (site.methodNode && site.method && contains(site.methodNode, offset)) {
    return { span: spanOf(site.methodNode), markdown: artifactMarkdown(artifact, site.method) };
  }
  return undefined;
}

/** Where in the workspace `id.method` is called from, as `file:line` entries. */
function callersOf(id: string, method: string, files: readonly ts.SourceFile[]): string[] {
  const out: string[] = [];
  for (const file of files) {
    for (const site of findInvokeSites(file)) {
      if (site.targetId !== id || site.method !== method) continue;
      const { line } = file.getLineAndCharacterOfPosition(site.call.getStart());
      out.push(`${basename(file.fileName)}:${line + 1}`);
    }
  }
  return out;
}

function memberHover(
  file: ts.SourceFile,
  offset: number,
  catalog: Catalog,
  files: readonly ts.SourceFile[],
): HoverInfo | undefined {
  const shape = readContractShape(file);
  const member = shape?.members.find((m) => offset >= m.nameSpan.start && offset <= m.nameSpan.end);
  if (!shape || !member) return undefined;
  const artifact = catalog.get(shape.id);
  const price = artifact ? priceOf(artifact, member.name) : shape.prices.get(member.name);
  const callers = callersOf(shape.id, member.name, files);
  const lines = [
    `**${shape.id}.${member.name}** — ${member.kind}`,
    "",
    `price: ${price ?? 0}${price === undefined ? " (no default price)" : ""}`,
    "",
    callers.length > 0
      ? `callers in the workspace (${callers.length}): ${callers.join(", ")}`
      : "no callers in the workspace",
  ];
  return { span: member.nameSpan, markdown: lines.join("\n") };
}

/**
 * Hover at `offset` of `file`: on an invoke target, the artifact's owner, policy and methods
 * with prices; on the method name of a call, that method's signature and price; on a method
 * definition, its price and its callers in the workspace.
 *
 * @example
 * ```ts
 * hoverAt(file, offset, catalog, workspace.files())?.markdown;
 * ```
 */
export function hoverAt(
  file: ts.SourceFile,
  offset: number,
  catalog: Catalog,
  files: readonly ts.SourceFile[],
): HoverInfo | undefined {
  for (const site of findInvokeSites(file)) {
    if (!contains(site.call, offset)) continue;
    const hover = siteHover(site, offset, catalog);
    if (hover) return hover;
  }
  return memberHover(file, offset, catalog, files);
}
