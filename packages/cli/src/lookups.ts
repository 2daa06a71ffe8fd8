import type { Envelope, FailureEnvelope, SuccessEnvelope } from "@ecology/kernel";
import { CliError } from "./cli-error.js";
import type { CommandContext } from "./context.js";
import { clientHint, outcomeAsFailure } from "./output.js";

/** A principal as `principal list` shows it. */
export interface PrincipalRow {
  id: string;
  balance: number;
  createdAt: number;
}

/** Calls a method whose result is plain data; a failure becomes a CliError. */
export async function callData(
  ctx: CommandContext,
  method: string,
  params: unknown,
  token: string,
): Promise<unknown> {
  const outcome = await (await ctx.transport()).call(method, params, token);
  if (!outcome.ok) {
    const { error } = outcomeAsFailure(outcome) as FailureEnvelope;
    throw new CliError(error.code, error.message, clientHint(outcome));
  }
  return outcome.result;
}

/** Calls a view whose result is an envelope (`query`, `events`); a failure becomes a CliError. */
export async function callEnvelope<T = unknown>(
  ctx: CommandContext,
  method: string,
  params: unknown,
  token: string,
): Promise<SuccessEnvelope<T>> {
  const envelope = (await callData(ctx, method, params, token)) as Envelope<T>;
  // Not the envelope's details.hint: contract code can set it.
  if (!envelope.success) throw new CliError(envelope.error.code, envelope.error.message);
  return envelope;
}

/** The result of {@link callEnvelope}. */
export async function callView(
  ctx: CommandContext,
  method: string,
  params: unknown,
  token: string,
): Promise<unknown> {
  return (await callEnvelope(ctx, method, params, token)).result;
}

/** Largest page of `query`. */
const PAGE = 1000;

/** Every principal with its balance, in id order (pages through `query principals`). */
export async function listPrincipals(ctx: CommandContext, token: string): Promise<PrincipalRow[]> {
  const all: PrincipalRow[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const filters = { limit: PAGE, offset };
    const page = (await callView(
      ctx,
      "query",
      { kind: "principals", filters },
      token,
    )) as PrincipalRow[];
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
  const found = (await callView(ctx, "query", { kind: "artifacts", filters }, token)) as {
    id: string;
  }[];
  return found.map((a) => a.id);
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
