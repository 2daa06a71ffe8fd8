import {
  type ContextBase,
  type Ctx,
  defineContract,
  type Integer,
  type JsonValue,
} from "@ecology/sdk";
import {
  type AgreedAction,
  approveProposal,
  chargeAttached,
  createPool,
  createThreshold,
  createUsage,
  distributePool,
  eventsFromTrusted,
  idMapHas,
  joinPool,
  type PoolState,
  poolMembers,
  poolRevenue,
  propose,
  readAllEvents,
  recordUse,
  requirePositiveAmount,
  type ThresholdState,
  type UsageState,
  withdrawFromPool,
} from "@ecology/sdk/patterns";

/** The cooperative's state: its pool, its threshold of members, its usage and its price. */
export type CooperativeState = {
  pool: PoolState;
  t: ThresholdState;
  usage: UsageState;
  price: number;
};
type State = CooperativeState;

/**
 * A new cooperative selling at `price` and deciding with `required` approvals (its `init`;
 * exported so that variants of this contract start the same way).
 */
export function openCooperative(price: Integer, required: Integer): CooperativeState {
  return { pool: createPool(), t: createThreshold([], required), usage: createUsage(), price };
}

/**
 * The seed's cooperative service: providers join a pool (Pattern 6), the pool sells a service
 * per use (Pattern 2, the price attached to each call lands in the pool's wallet), revenue is
 * distributed proportionally (Pattern 6), price changes and payouts need a threshold of
 * members (Pattern 3), and each provider's reliability is read back from the event log
 * (Pattern 4).
 */
export default defineContract({
  init: (_ctx, price: Integer, required: Integer): State => openCooperative(price, required),
  methods: {
    join(ctx: Ctx<State>) {
      const joined = joinPool(ctx, ctx.state.pool);
      ctx.state.t.parties = poolMembers(ctx.state.pool);
      return joined;
    },
    withdraw(ctx: Ctx<State>) {
      const out = withdrawFromPool(ctx, ctx.state.pool);
      ctx.state.t.parties = poolMembers(ctx.state.pool);
      return out;
    },
    /** A consumer buys one answer; the provider on duty is chosen in turn among members. */
    use(ctx: Ctx<State>, request: string) {
      chargeAttached(ctx, ctx.state.price);
      const members = poolMembers(ctx.state.pool);
      if (members.length === 0)
        return ctx.fail("invalid_state", "the cooperative has no providers yet");
      const provider = members[ctx.state.usage.total % members.length] as string;
      recordUse(ctx, ctx.state.usage, "use");
      ctx.emit("service.served", { provider, consumer: ctx.caller, request });
      return { provider, answer: `${provider} answered: ${request.toUpperCase()}` };
    },
    /** A consumer who used the service rates a provider. */
    rate(ctx: Ctx<State>, provider: string, good: boolean) {
      if (!idMapHas(ctx.state.usage.uses, ctx.caller))
        ctx.fail("not_authorized", "only consumers who used the service can rate it");
      ctx.emit("service.rated", { provider, good, by: ctx.caller });
    },
    distribute: (ctx: Ctx<State>) => distributePool(ctx, ctx.state.pool),
    propose(ctx: Ctx<State>, description: string, action: AgreedAction) {
      if (action.kind !== "custom")
        ctx.fail("invalid_argument", "propose setPrice or payout (custom actions)");
      return propose(ctx, ctx.state.t, description, action);
    },
    approve: (ctx: Ctx<State>, id: Integer) =>
      approveProposal(ctx, ctx.state.t, id, (c, name, data) => decide(c, ctx.state, name, data)),
  },
  views: {
    status: (ctx: Ctx<State>) => ({
      price: ctx.state.price,
      members: poolMembers(ctx.state.pool),
      contributions: ctx.state.pool.contributions,
      revenue: poolRevenue(ctx, ctx.state.pool),
      uses: ctx.state.usage.total,
    }),
    proposals: (ctx: Ctx<State>) => Object.values(ctx.state.t.proposals),
    reliability: (ctx: Ctx<State>, provider: string) => reliability(ctx, provider),
  },
});

/** Executes a decision the members agreed on. A payout may only spend revenue. */
function decide(ctx: ContextBase, state: State, name: string, data: JsonValue): JsonValue {
  const d = data as { price?: number; to?: string; amount?: number };
  if (name === "setPrice") {
    requirePositiveAmount(ctx, d.price, "price");
    state.price = d.price;
    return { price: d.price };
  }
  if (name === "payout") {
    requirePositiveAmount(ctx, d.amount, "amount");
    if (d.amount > poolRevenue(ctx, state.pool))
      ctx.fail("invalid_argument", "a payout may only spend revenue");
    ctx.transfer(String(d.to), d.amount);
    return { paid: d.amount, to: String(d.to) };
  }
  return ctx.fail("invalid_argument", `unknown decision ${name}`);
}

/**
 * How reliable a provider has been, from this contract's own events in the log. The `artifact`
 * filter also matches events of other contracts that merely mention this one, so only events
 * this contract emitted count.
 */
function reliability(ctx: ContextBase, provider: string) {
  const mentioning = readAllEvents(
    ctx,
    { artifact: ctx.self, types: ["contract.service.served", "contract.service.rated"] },
    1000,
  );
  const events = eventsFromTrusted(ctx, mentioning, { ids: [ctx.self] });
  const mine = events.filter((e) => e.data.provider === provider);
  const served = mine.filter((e) => e.type === "contract.service.served").length;
  const ratings = mine.filter((e) => e.type === "contract.service.rated");
  const good = ratings.filter((e) => e.data.good === true).length;
  return { provider, served, good, bad: ratings.length - good };
}
