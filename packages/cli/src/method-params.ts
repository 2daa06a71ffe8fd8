import { genesisManifests, type Manifest, type ManifestParam } from "@ecology/protocol";
import type { CommandContext } from "./context.js";

/**
 * The manifest of `target`, for reading its params: genesis manifests are known statically;
 * a contract's comes from `getArtifact`, an operator view, so only embedded. With `--kernel`
 * an invoke sends only the caller's token: the operator token never goes to a server just to
 * read a manifest. Undefined when it cannot be known — then args are parsed without it.
 */
async function manifestOf(ctx: CommandContext, target: string): Promise<Manifest | undefined> {
  const genesis = genesisManifests()[target];
  if (genesis) return genesis;
  if (ctx.options.kernel) return undefined;
  const operator = ctx.credentials.storedOperatorToken();
  if (!operator) return undefined;
  const envelope = await ctx.call("getArtifact", { id: target }, operator);
  return envelope.success ? envelope.result.code?.manifest : undefined;
}

/** The params `target.method` declares, or undefined when the manifest is not available. */
export async function methodParams(
  ctx: CommandContext,
  target: string,
  method: string,
): Promise<ManifestParam[] | undefined> {
  const manifest = await manifestOf(ctx, target);
  return manifest?.methods.find((m) => m.name === method)?.params;
}
