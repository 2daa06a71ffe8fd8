import { type Envelope, ESCROW_ID, type JsonValue, SCHEMAS, s } from "@ecology/protocol";
import { withConfirmation } from "./confirmation.js";
import { DATA_NOTE, type EcologyTool, envelopeSchema, type ToolContext } from "./tool.js";

const ARTIFACT_ID = s.object({ artifactId: SCHEMAS.ID });
const LISTING_OUT = envelopeSchema(SCHEMAS.LISTING);

function escrow(ctx: ToolContext, method: string, args: JsonValue[]): Promise<Envelope<unknown>> {
  return withConfirmation(ctx, `escrow ${method} ${String(args[0])}`, (confirmed) =>
    ctx.client.call("invoke", {
      target: ESCROW_ID,
      method,
      args,
      ...(confirmed ? { confirmed } : {}),
    } as never),
  );
}

/** `escrow_deposit`: lists an artifact the session's principal owns for sale through the escrow. */
export const escrowDepositTool: EcologyTool = {
  name: "escrow_deposit",
  description: `Lists an artifact you own for sale at price (scrip): the escrow takes custody until someone buys it (you get the price, atomically) or you cancel. buyer, when set, is the only principal allowed to buy. Answers the listing. ${DATA_NOTE}`,
  inputSchema: s.object({
    artifactId: SCHEMAS.ID,
    price: SCHEMAS.AMOUNT,
    buyer: s.optional(SCHEMAS.ID),
  }),
  outputSchema: LISTING_OUT,
  annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
  audience: "principal",
  run(args, ctx) {
    const { artifactId, price, buyer } = args as {
      artifactId: string;
      price: number;
      buyer?: string;
    };
    return escrow(
      ctx,
      "deposit",
      buyer === undefined ? [artifactId, price] : [artifactId, price, buyer],
    );
  },
};

/** `escrow_purchase`: buys a listed artifact, paying its listing price to the seller. */
export const escrowPurchaseTool: EcologyTool = {
  name: "escrow_purchase",
  description: `Buys an artifact listed in escrow: its listing price moves from you to the seller and the artifact to you in one transaction, or nothing happens. Check the price first with discover (listings). ${DATA_NOTE}`,
  inputSchema: ARTIFACT_ID,
  outputSchema: LISTING_OUT,
  annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
  audience: "principal",
  run: (args, ctx) => escrow(ctx, "purchase", [(args as { artifactId: string }).artifactId]),
};

/** `escrow_cancel`: the seller takes a listed artifact back. */
export const escrowCancelTool: EcologyTool = {
  name: "escrow_cancel",
  description: `Cancels your own escrow listing: the artifact comes back to you. ${DATA_NOTE}`,
  inputSchema: ARTIFACT_ID,
  outputSchema: LISTING_OUT,
  annotations: { readOnlyHint: false, destructiveHint: true, openWorldHint: false },
  audience: "principal",
  run: (args, ctx) => escrow(ctx, "cancel", [(args as { artifactId: string }).artifactId]),
};
