import type { EventFilter, JsonValue, Kernel, KernelEvent } from "@ecology/kernel";
import { TestingError } from "./testing-error.js";

/** A row of a kernel discovery query. */
export type Row = { [key: string]: JsonValue };

type Kind = "artifacts" | "principals" | "listings";

// While invariants run nothing can change the kernel (they are synchronous reads), so one pass
// may share its queries: several invariants list every artifact.
let memo: Map<string, Row[]> | undefined;
let memoKernel: Kernel | undefined;

/** Runs `fn` with `queryAll` results of `kernel` shared across the calls it makes. */
export function withSharedQueries<T>(kernel: Kernel, fn: () => T): T {
  if (memo) return fn();
  memo = new Map();
  memoKernel = kernel;
  try {
    return fn();
  } finally {
    memo = undefined;
    memoKernel = undefined;
  }
}

/** Every row of a paged `kernel.query`, in order. */
export function queryAll(kernel: Kernel, kind: Kind): Row[] {
  const shared = memoKernel === kernel ? memo?.get(kind) : undefined;
  if (shared) return shared;
  const rows = fetchAll(kernel, kind);
  if (memoKernel === kernel) memo?.set(kind, rows);
  return rows;
}

function fetchAll(kernel: Kernel, kind: Kind): Row[] {
  const rows: Row[] = [];
  for (let offset = 0; ; offset += 1000) {
    const env = kernel.query(kind, { limit: 1000, offset });
    if (!env.success)
      throw new TestingError("setup_failed", `query ${kind} failed: ${env.error.message}`);
    const page = env.result as Row[];
    rows.push(...page);
    if (page.length < 1000) return rows;
  }
}

/**
 * Events matching `filter` (plus an optional single `type`), oldest first: every page unless
 * `limit` is set.
 *
 * @throws {TestingError} `setup_failed` for a filter the kernel refuses.
 */
export function eventsMatching(
  kernel: Kernel,
  filter: EventFilter & { type?: string },
): KernelEvent[] {
  const { type, ...rest } = filter;
  const query = { ...rest, ...(type ? { types: [...(rest.types ?? []), type] } : {}) };
  const out: KernelEvent[] = [];
  let after = query.after;
  for (;;) {
    const page = kernel.events({
      ...query,
      limit: query.limit ?? 1000,
      ...(after === undefined ? {} : { after }),
    } as { [key: string]: JsonValue });
    if (!page.success)
      throw new TestingError("setup_failed", `bad event filter: ${page.error.message}`);
    out.push(...page.result.events);
    if (query.limit !== undefined || page.result.next === null) return out;
    after = page.result.next;
  }
}
