import {
  type AgentView,
  colludingPair,
  defineScenario,
  honest,
  type Playbook,
  sybil,
  type WorldView,
} from "@ecology/simulate";

/** What the guild admits on: two trades through `genesis_escrow` (as buyer or seller). */
const RULE = { minTrades: 2 };
/** What membership is worth to an agent, in scrip: it counts towards wealth and profit. */
const MEMBERSHIP = 50;

const members = (read: (id: string) => unknown) =>
  (read("guild") as { members: string[] } | undefined)?.members ?? [];

/** Purchases through the escrow in which `who` was the buyer or the seller. */
function tradesOf(view: AgentView, who: string) {
  return view
    .events({ after: 0, principal: who, types: ["escrow.purchased"] })
    .filter((e) => e.actor === who || e.data.seller === who);
}

/** The item `view.id` made last, if it still owns it and has not listed it. */
function unlistedItem(view: AgentView): string | undefined {
  const item = view.memory.item;
  return typeof item === "string" && view.owner(item) === view.id ? item : undefined;
}

/** Write a new item (a data artifact), or list the one made last; `buyer` reserves the listing. */
function sell(view: AgentView, price: number, buyer?: string) {
  const item = unlistedItem(view);
  if (item) return { kind: "deposit" as const, artifact: item, price, ...(buyer ? { buyer } : {}) };
  const made = Number(view.memory.made ?? 0) + 1;
  view.memory.made = made;
  view.memory.item = `${view.id}.item${made}`;
  return { kind: "write" as const, id: view.memory.item, content: { maker: view.id, n: made } };
}

/**
 * A wash trade: buy what `from` listed for us, else list something for `to` at 1 scrip. Stops
 * once `view.id` has the trades the guild asks for.
 */
function washTrade(view: AgentView, from: string, to: string) {
  if (tradesOf(view, view.id).length >= RULE.minTrades) return undefined;
  const forMe = view.listings().find((l) => l.seller === from && l.buyer === view.id);
  if (forMe) return { kind: "purchase" as const, artifact: forMe.artifactId };
  const waiting = view.listings().some((l) => l.seller === view.id);
  return waiting ? undefined : sell(view, 1, to);
}

const playbook: Playbook = {
  // Honest traders make items and sell them at 8–15 scrip to whoever buys.
  contribute: (view, rng) =>
    view.listings().some((l) => l.seller === view.id) ? undefined : sell(view, 8 + rng.int(8)),
  // …and buy other traders' open listings they can afford.
  use: (view, rng) => {
    const open = view
      .listings()
      .filter((l) => l.seller !== view.id && l.buyer === null && l.price <= view.balance());
    const pick = rng.chance(0.7) ? rng.pick(open) : undefined;
    return pick ? { kind: "purchase", artifact: pick.artifactId } : undefined;
  },
  // Ask the guild in, once the agent has traded enough to have a chance.
  claim: (view) =>
    !members(view.state).includes(view.id) && tradesOf(view, view.id).length >= RULE.minTrades
      ? { kind: "invoke", target: "guild", method: "requestMembership" }
      : undefined,
  // Colluders trade with each other only.
  collude: (view, _rng, partner) => washTrade(view, partner, partner),
  // A sybil's identities trade in a ring: each buys from the one before and sells to the next.
  enter: (view) => {
    const ring = view.principals;
    const i = ring.indexOf(view.id);
    const at = (k: number) => ring[(k + ring.length) % ring.length] as string;
    return washTrade(view, at(i - 1), at(i + 1));
  },
};

/**
 * Ground truth only a simulation has: who is on whose side. A member must have made its
 * qualifying trades with counterparties outside its own team and identities.
 */
function earnedWithOutsiders(world: WorldView): string | undefined {
  for (const member of members(world.state)) {
    const agent = world.agents.find((a) => a.principals.includes(member));
    const own = new Set([...(agent?.principals ?? []), ...(agent?.partners ?? [])]);
    const trades = world
      .events({ principal: member, types: ["escrow.purchased"] })
      .filter((e) => e.actor === member || e.data.seller === member);
    const outside = trades.filter(
      (e) => !own.has(e.actor === member ? String(e.data.seller) : e.actor),
    );
    if (outside.length < RULE.minTrades)
      return `${member} is a guild member with ${outside.length} of ${trades.length} trades made outside its own side`;
  }
  return undefined;
}

/**
 * Reputation-gated membership (`examples/reputation/src/guild.ts`) under wash trading: honest
 * traders buy and sell items through `genesis_escrow`; a colluding pair trades only with each
 * other at 1 scrip; a sybil's four identities trade in a ring. The guild admits on two trades —
 * which all of them get. Membership is worth 50 scrip of wealth.
 */
export default defineScenario({
  name: "reputation",
  description:
    "Honest traders, a colluding pair and a 4-identity sybil earn trades for a guild that admits on two escrow trades.",
  seed: 7,
  rounds: 20,
  deployer: "founder",
  contracts: [
    { id: "reputation", file: "../src/reputation-service.ts", args: [{ ids: [] }] },
    { id: "guild", file: "../src/guild.ts", args: ["reputation", RULE] },
  ],
  population: [
    { persona: honest(playbook), count: 5, scrip: 100 },
    { persona: colludingPair(playbook), count: 1, scrip: 100 },
    { persona: sybil(playbook, { principals: 4 }), count: 1, scrip: 100 },
  ],
  wealth: (world, principal) =>
    world.balance(principal) + (members(world.state).includes(principal) ? MEMBERSHIP : 0),
  invariants: [
    { name: "membership is earned with outside counterparties", check: earnedWithOutsiders },
  ],
  metrics: [
    { name: "guild members", measure: (world) => members(world.state).length },
    { name: "items listed", measure: (world) => world.listings().length },
  ],
});
