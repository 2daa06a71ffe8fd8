import type { Envelope, KernelEvent } from "./kernel-types.js";

/**
 * Renders an invoke or deploy result as the lines the output channel shows: the value, what it
 * cost and the events it emitted, or the error with its code, path and source position.
 *
 * @example
 * ```ts
 * formatEnvelope("pool.join", envelope).join("\n");
 * ```
 */
export function formatEnvelope(label: string, envelope: Envelope): string[] {
  if (!envelope.success) {
    const { error } = envelope;
    const lines = [`✗ ${label} failed: ${error.code}: ${error.message}`];
    if (error.path?.length) {
      lines.push(`  path: ${error.path.map((f) => `${f.artifact}.${f.method}`).join(" → ")}`);
    }
    if (error.at) lines.push(`  at: ${error.at.file ?? "?"}:${error.at.line}:${error.at.column}`);
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

/** A one-line summary of an invoke result, for a notification. */
export function summarizeEnvelope(label: string, envelope: Envelope): string {
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
