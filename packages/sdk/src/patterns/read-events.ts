import type { EventFilter, KernelEvent } from "@ecology/protocol";
import type { ContextBase } from "../ctx.js";
import { genesis } from "../genesis.js";

/**
 * Reads every event matching `filter`, oldest first, page by page, up to `max` events (through
 * `genesis_event_log`, as this contract). Events of type `contract.*` can be emitted by any
 * contract: check their `actor` (the emitter) before trusting them.
 */
export function readAllEvents(ctx: ContextBase, filter: EventFilter, max: number): KernelEvent[] {
  const out: KernelEvent[] = [];
  let after: number | undefined = filter.after;
  while (out.length < max) {
    const limit = Math.min(1000, max - out.length);
    const page = ctx.call(
      genesis.eventLog,
      "read",
      after === undefined ? { ...filter, limit } : { ...filter, limit, after },
    );
    out.push(...page.events);
    if (page.next === null || page.events.length === 0) break;
    after = page.next;
  }
  return out;
}
