import type { EventFilter, JsonValue, Kernel, KernelEvent } from "@ecology/kernel";
import { TestingError } from "./testing-error.js";

/** A row of a kernel discovery query. */
export type Row = { [key: string]: JsonValue };

/** Every row of a paged `kernel.query`, in order. */
export function queryAll(kernel: Kernel, kind: "artifacts" | "principals" | "listings"): Row[] {
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
