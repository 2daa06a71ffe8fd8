import type { Envelope, JsonValue, Kernel, KernelEvent } from "@ecology/kernel";

/** Where narration lines go (console.log for the demo, an array in tests). */
export type Say = (line: string) => void;

function short(value: JsonValue | undefined): string {
  const text = JSON.stringify(value) ?? "null";
  return text.length > 90 ? `${text.slice(0, 87)}...` : text;
}

function describeMove(e: KernelEvent): string | undefined {
  if (e.type === "scrip.transferred") {
    const reason = String(e.data.reason ?? "");
    const why = reason.startsWith("price")
      ? "price"
      : reason.startsWith("value")
        ? "attached value"
        : reason === "contract transfer"
          ? "paid out by the contract"
          : reason;
    return `💸 ${e.data.from} → ${e.data.to}: ${e.data.amount} scrip (${why})`;
  }
  if (e.type === "artifact.owner_changed")
    return `📦 ${e.target} changes hands: ${e.data.from} → ${e.data.to}`;
  return undefined;
}

/** Prints what one envelope did: result or refusal, money and ownership moves, events. */
export function narrateEnvelope(say: Say, envelope: Envelope<JsonValue>): void {
  if (!envelope.success) {
    say(`   ✗ refused (${envelope.error.code}): ${envelope.error.message}`);
    say("     nothing changed hands; the log records invoke.failed");
    return;
  }
  for (const e of envelope.events) {
    const move = describeMove(e);
    if (move) say(`   ${move}`);
  }
  const logged = envelope.events.filter(
    (e) => e.type.startsWith("contract.") || e.type.startsWith("escrow."),
  );
  for (const e of logged) say(`   📝 ${e.type} ${short(e.data)}`);
  say(`   ✓ result: ${short(envelope.result)}`);
}

/** Invokes as `caller` with a narrated line, then narrates the envelope. */
export function narratedInvoke(
  kernel: Kernel,
  say: Say,
  caller: string,
  target: string,
  method: string,
  args: JsonValue[] = [],
  value = 0,
): Envelope<JsonValue> {
  const attached = value > 0 ? ` with ${value} scrip attached` : "";
  const shown = args.map((a) => short(a)).join(", ");
  say(`\n▶ ${caller} calls ${target}.${method}(${shown})${attached}`);
  const envelope = kernel.invoke(caller, target, method, args, value > 0 ? { value } : {});
  narrateEnvelope(say, envelope);
  return envelope;
}

/** One line with the balances of `ids`. */
export function narrateBalances(kernel: Kernel, say: Say, ids: string[]): void {
  say(`   balances: ${ids.map((id) => `${id} ${kernel.balance(id)}`).join(" · ")}`);
}
