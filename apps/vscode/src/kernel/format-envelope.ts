import type { Envelope, KernelEvent } from "@ecology/protocol";
import { type SourceBase, sourceErrorsOf } from "./source-errors.js";

/**
 * Renders an invoke or deploy result as the lines the output channel shows: the value, what it
 * cost and the events it emitted, or the error with its code, path and source position — every
 * compile error of a deploy on a line of its own. Relative files are resolved against `base`
 * when given (see {@link sourceErrorsOf}), so that the output channel links them.
 *
 * @example
 * ```ts
 * formatEnvelope("deploy pool", envelope, { workspace: "/ws", entry: "/ws/src/pool.ts" });
 * ```
 */
export function formatEnvelope(
  label: string,
  envelope: Envelope<unknown>,
  base?: SourceBase,
): string[] {
  if (!envelope.success) {
    const { error } = envelope;
    const lines = [`✗ ${label} failed: ${error.code}: ${error.message}`];
    if (error.path?.length) {
      lines.push(`  path: ${error.path.map((f) => `${f.artifact}.${f.method}`).join(" → ")}`);
    }
    const listed = Array.isArray(error.details?.diagnostics);
    for (const e of sourceErrorsOf(envelope, base)) {
      const where = `${e.file}:${e.line}:${e.column}`;
      lines.push(listed ? `  ${where}: ${e.message}` : `  at: ${where}`);
    }
    return lines;
  }
  const { cost } = envelope;
  const lines = [
    `✓ ${label} → ${JSON.stringify(envelope.result)}`,
    `  cost: price ${cost.price}, value ${cost.value}, compute ${cost.compute}`,
  ];
  for (const event of envelope.events) lines.push(`  event ${formatEvent(event)}`);
  return lines;
}

/** A one-line summary of an invoke or deploy result, for a notification. */
export function summarizeEnvelope(label: string, envelope: Envelope<unknown>): string {
  if (!envelope.success) {
    const path = envelope.error.path?.map((f) => `${f.artifact}.${f.method}`).join(" → ");
    return `${label} failed: ${envelope.error.message}${path ? ` (at ${path})` : ""}`;
  }
  return `${label} → ${JSON.stringify(envelope.result)} (price ${envelope.cost.price}, ${envelope.events.length} events)`;
}

/** `#seq type actor → target` — how the Events view and the output channel name an event. */
export function formatEvent(event: KernelEvent): string {
  return `#${event.seq} ${event.type} by ${event.actor}${event.target ? ` → ${event.target}` : ""}`;
}
