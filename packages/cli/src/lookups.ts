import type {
  ArtifactSummary,
  PrincipalSummary,
  RpcMethod,
  RpcParams,
  RpcResult,
  SuccessEnvelope,
} from "@ecology/protocol";
import { CliError } from "./cli-error.js";
import type { CommandContext } from "./context.js";
import { clientHint } from "./output.js";

/**
 * Calls `method` for a command that goes on with its result; a failure envelope becomes a
 * CliError (with the client's own hint only: `details.hint` may come from contract code).
 */
export async function callSuccess<M extends RpcMethod>(
  ctx: CommandContext,
  method: M,
  params: RpcParams<M>,
  token: string,
): Promise<SuccessEnvelope<RpcResult<M>>> {
  const envelope = await ctx.call(method, params, token);
  if (envelope.success) return envelope;
  throw new CliError(envelope.error.code, envelope.error.message, clientHint(envelope));
}

/** The result of {@link callSuccess}. */
export async function callResult<M extends RpcMethod>(
  ctx: CommandContext,
  method: M,
  params: RpcParams<M>,
  token: string,
): Promise<RpcResult<M>> {
  return (await callSuccess(ctx, method, params, token)).result;
}

/** Largest page of `query`. */
const PAGE = 1000;

/** Every principal with its balance, in id order (pages through `query principals`). */
export async function listPrincipals(
  ctx: CommandContext,
  token: string,
): Promise<PrincipalSummary[]> {
  const all: PrincipalSummary[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const filters = { limit: PAGE, offset };
    // `query` answers the rows of the kind asked for; the union type cannot know which.
    const page = (await callResult(
      ctx,
      "query",
      { kind: "principals", filters },
      token,
    )) as PrincipalSummary[];
    all.push(...page);
    if (page.length < PAGE) return all;
  }
}

/** Ids of artifacts whose id contains `text` (at most one page). */
export async function artifactIdsLike(
  ctx: CommandContext,
  token: string,
  text: string,
): Promise<string[]> {
  const filters = { nameContains: text, limit: PAGE };
  const found = await callResult(ctx, "artifacts", filters, token);
  return found.map((a: ArtifactSummary) => a.id);
}

/** Edit distance of two short ids (for "did you mean"). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Up to three ids close to `id`: at most two edits apart, or starting with it. */
export function closeIds(id: string, candidates: readonly string[]): string[] {
  const lower = id.toLowerCase();
  return candidates
    .map((c) => ({ c, d: distance(lower, c.toLowerCase()) }))
    .filter(({ c, d }) => d <= 2 || c.startsWith(id))
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .slice(0, 3)
    .map(({ c }) => c);
}
