import { type Envelope, fail } from "@ecology/protocol";
import type { ToolContext } from "./tool.js";

/** The refusal a grant answers for a spend above its `confirmAbove` (DESIGN.md §10, ADR 0038). */
function needsConfirmation(
  envelope: Envelope<unknown>,
): { amount?: number; limit?: number } | undefined {
  if (envelope.success || envelope.error.code !== "not_authorized") return undefined;
  const grant = envelope.error.details?.grant as
    | { reason?: unknown; amount?: number; limit?: number }
    | undefined;
  return grant?.reason === "confirmation_required" ? grant : undefined;
}

/**
 * Runs a spending call; when the session's grant refuses it for want of confirmation, asks the
 * human through MCP elicitation and, on a yes, runs it again with `confirmed: true` (the kernel
 * checks every other limit again). No elicitation in the client, or a no, is a `not_authorized`
 * refusal that says which. Nothing is spent before the human says yes: the refused call changed
 * nothing.
 *
 * @example
 * ```ts
 * await withConfirmation(ctx, "invoke shop.buy", (confirmed) =>
 *   ctx.client.call("invoke", { target: "shop", method: "buy", ...(confirmed ? { confirmed } : {}) }));
 * ```
 */
export async function withConfirmation(
  ctx: ToolContext,
  what: string,
  call: (confirmed: boolean) => Promise<Envelope<unknown>>,
): Promise<Envelope<unknown>> {
  const first = await call(false);
  const refusal = needsConfirmation(first);
  if (!refusal || first.success) return first;
  const amount = refusal.amount === undefined ? "" : ` ${refusal.amount} scrip`;
  const above =
    refusal.limit === undefined ? "" : ` (above the grant's confirmAbove ${refusal.limit})`;
  const yes = await ctx.ask(`Allow ${what} to spend${amount}${above}?`);
  if (yes === undefined) {
    return fail(
      "not_authorized",
      `${first.error.message}; this MCP client does not support elicitation, so no human can confirm it: use a client that does, or a grant without confirmAbove`,
      first.error.details,
    );
  }
  if (!yes) return fail("not_authorized", `the human declined: ${what}`, first.error.details);
  return call(true);
}
