import type { Envelope, JournalRecord, KernelEvent, TraceFrame } from "../types.js";

const scrip = (n: unknown) => `${String(n)} scrip`;

/** The first event of `type` among `events`. */
function first(events: readonly KernelEvent[], type: string): KernelEvent | undefined {
  return events.find((e) => e.type === type);
}

/** What a successful invoke did, from the domain events it left. */
function invokeSummary(
  r: JournalRecord,
  events: readonly KernelEvent[],
  calls: TraceFrame[],
): string {
  const bought = first(events, "escrow.purchased");
  if (bought)
    return `${bought.data.buyer} bought ${bought.target} from ${bought.data.seller} through genesis_escrow for ${scrip(bought.data.price)}`;
  const listed = first(events, "escrow.deposited");
  if (listed)
    return `${listed.data.seller} listed ${listed.target} on genesis_escrow for ${scrip(listed.data.price)}`;
  const cancelled = first(events, "escrow.cancelled");
  if (cancelled)
    return `${cancelled.data.seller} took ${cancelled.target} back from genesis_escrow`;
  const top = calls[0];
  const call = `${String(r.params.target)}.${String(r.params.method)}`;
  if (call === "genesis_ledger.transfer") {
    const moved = first(events, "scrip.transferred");
    if (moved) return `${moved.data.from} paid ${moved.data.to} ${scrip(moved.data.amount)}`;
  }
  const parts = [`${r.origin} called ${call}`];
  if (top && top.price > 0) parts.push(`paying ${scrip(top.price)}`);
  if (top && top.value > 0) parts.push(`with ${scrip(top.value)} attached`);
  const nested = countCalls(calls, () => true) - 1;
  const failed = countCalls(calls, (c) => !c.success);
  if (nested > 0) {
    const undone = failed > 0 ? `, ${failed} failed and rolled back` : "";
    parts.push(`(${nested} nested call${nested === 1 ? "" : "s"}${undone})`);
  }
  return parts.join(" ");
}

function countCalls(calls: TraceFrame[], which: (c: TraceFrame) => boolean): number {
  return calls.reduce((n, c) => n + (which(c) ? 1 : 0) + countCalls(c.calls, which), 0);
}

/** The failing frame deepest in the tree: where the failure started. */
function failingLeaf(calls: TraceFrame[]): TraceFrame | undefined {
  for (const c of calls) {
    if (c.success) continue;
    return failingLeaf(c.calls) ?? c;
  }
  return undefined;
}

const DONE: { [op: string]: (r: JournalRecord) => string } = {
  createPrincipal: (r) =>
    `operator created principal ${r.params.id} with ${scrip(r.params.scrip ?? 0)}`,
  mint: (r) => `operator minted ${scrip(r.params.amount)} for ${r.params.id}`,
  deploy: (r) => `${r.origin} deployed contract ${r.params.id ?? "(new id)"}`,
  upgrade: (r) => `${r.origin} upgraded ${r.params.id} to new code`,
  write: (r) => `${r.origin} wrote ${r.params.id}`,
  read: (r) => `${r.origin} read ${r.params.id}`,
  delete: (r) => `${r.origin} deleted ${r.params.id}`,
  setPolicy: (r) => `${r.origin} changed the policy of ${r.params.id}`,
  transferOwnership: (r) => `${r.origin} gave ${r.params.id} to ${r.params.to}`,
};

/**
 * One line in plain words saying what a transaction did: "bob bought report from alice through
 * genesis_escrow for 30 scrip", "alice called pool.join paying 2 scrip (1 nested call)", or for a
 * failure where it failed and that nothing moved.
 */
export function summaryOf(
  r: JournalRecord,
  env: Envelope,
  events: readonly KernelEvent[],
  calls: TraceFrame[],
): string {
  if (!env.success) {
    const what =
      r.op === "invoke" ? `call to ${String(r.params.target)}.${String(r.params.method)}` : r.op;
    const leaf = failingLeaf(calls);
    const at =
      leaf && (leaf.target !== String(r.params.target) || leaf.depth > 1)
        ? ` in ${leaf.target}.${leaf.method}`
        : "";
    return `${r.origin}'s ${what} failed${at}: ${env.error.code} — ${env.error.message}; nothing moved`;
  }
  if (r.op === "invoke") return invokeSummary(r, events, calls);
  if (r.op === "deploy") {
    const id = (env.result as { id?: unknown }).id;
    return `${r.origin} deployed contract ${String(id)}`;
  }
  return DONE[r.op]?.(r) ?? `${r.origin} performed ${r.op}`;
}
