import type { KernelEvent } from "@ecology/protocol";

/** At most this many move lines after one call; the rest are counted. */
const MAX_MOVE_LINES = 10;

/** Why scrip moved, in words, from the `reason` the kernel logs on `scrip.transferred`. */
function describeReason(reason: unknown): string {
  if (typeof reason !== "string") return "transfer";
  const [kind, subject] = [reason.split(" ")[0], reason.slice(reason.indexOf(" ") + 1)];
  switch (kind) {
    case "purchase":
      return `escrow purchase of ${subject}`;
    case "price":
      return `price of ${subject}`;
    case "value":
      return `value attached to ${subject}`;
    case "read":
      return `read price of ${subject}`;
    case "transfer":
      return "ledger transfer";
    default:
      return reason;
  }
}

/**
 * One line per scrip move a call made (`scrip.transferred` events of its envelope), e.g.
 * `moved: bob → alice 30 (escrow purchase of report)`. The envelope's `cost` only counts the
 * price and value of the top-level call; scrip a genesis method or a contract moved is shown here.
 */
export function moveLines(events: readonly KernelEvent[]): string[] {
  const moves = events.filter((e) => e.type === "scrip.transferred");
  const lines = moves.slice(0, MAX_MOVE_LINES).map((e) => {
    const { from, to, amount, reason } = e.data;
    return `moved: ${String(from)} → ${String(to)} ${String(amount)} (${describeReason(reason)})`;
  });
  const rest = moves.length - lines.length;
  if (rest > 0) lines.push(`moved: … and ${rest} more (\`--json\` lists every event)`);
  return lines;
}
