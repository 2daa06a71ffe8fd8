import type { Persona } from "@ecology/simulate";

/**
 * A consumer of the cooperative's service: most rounds it buys one answer at the current price
 * (attached to the call, as the service requires); after a use it sometimes rates the provider
 * who answered.
 */
const consumer: Persona = {
  name: "consumer",
  act(view, rng) {
    const state = view.state("coop") as { price: number } | undefined;
    const provider = view.memory.provider;
    if (typeof provider === "string" && rng.chance(0.3)) {
      delete view.memory.provider;
      return { kind: "invoke", target: "coop", method: "rate", args: [provider, rng.chance(0.8)] };
    }
    if (!state || state.price > view.balance() || !rng.chance(0.8)) return undefined;
    // The provider on duty is chosen in turn; remember who to rate next time.
    const uses = (view.state("coop") as { usage: { total: number } }).usage.total;
    const members = Object.keys(
      (view.state("coop") as { pool: { contributions: object } }).pool.contributions,
    ).sort();
    const next = members[uses % Math.max(1, members.length)];
    if (next !== undefined) view.memory.provider = next;
    return {
      kind: "invoke",
      target: "coop",
      method: "use",
      args: [`question ${view.round}`],
      value: state.price,
    };
  },
};

export default consumer;
