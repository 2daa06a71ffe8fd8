import {
  defineScenario,
  freeRider,
  honest,
  type Playbook,
  proportionalPayouts,
  sybil,
} from "@ecology/simulate";

/** The pool's state as its `contributions` view shows it (`examples/pool/src/pool.ts`). */
type PoolState = { pool: { contributions: { [member: string]: number }; total: number } };

const poolState = (read: (id: string) => unknown) => read("pool") as PoolState | undefined;

/** Scrip a member put in (and can take back). */
const stake = (read: (id: string) => unknown, id: string) =>
  poolState(read)?.pool.contributions[id] ?? 0;

/** Revenue the pool holds beyond what members can withdraw. */
const revenue = (read: (id: string) => unknown, balance: (id: string) => number) =>
  balance("pool") - (poolState(read)?.pool.total ?? 0);

/** The pool in the built-in personas' terms. */
const playbook: Playbook = {
  // Honest members put in 40–60 scrip once.
  contribute: (view, rng) =>
    stake(view.state, view.id) === 0
      ? { kind: "invoke", target: "pool", method: "join", value: 40 + rng.int(21) }
      : undefined,
  // The smallest stake that makes one a member.
  enter: (view) =>
    stake(view.state, view.id) === 0
      ? { kind: "invoke", target: "pool", method: "join", value: 1 }
      : undefined,
  // Share out the revenue; honest members do it now and then, free-riders and sybils always.
  claim: (view, rng) =>
    revenue(view.state, view.balance) > 0 && (view.persona !== "honest" || rng.chance(0.5))
      ? { kind: "invoke", target: "pool", method: "distribute" }
      : undefined,
};

/**
 * The pool under pressure: honest members stake 40–60, customers pay the pool every round,
 * free-riders stake 1 scrip and try to take revenue every round, and one sybil owner splits its
 * 100 scrip over 5 identities that each stake 1. A proportional pool pays each of them for
 * what they staked — next to nothing.
 */
export default defineScenario({
  name: "pool",
  description:
    "Honest members, paying customers, free-riders staking 1 scrip and a 5-identity sybil against the proportional pool.",
  seed: 42,
  rounds: 30,
  contracts: [{ id: "pool", file: "../src/pool.ts" }],
  population: [
    { persona: honest(playbook), count: 4, scrip: 100 },
    { persona: "./personas/customer.ts", count: 2, scrip: 400 },
    { persona: freeRider(playbook), count: 2, scrip: 100 },
    { persona: sybil(playbook, { principals: 5 }), count: 1, scrip: 100 },
  ],
  // A member's wealth includes the stake it can withdraw.
  wealth: (world, principal) => world.balance(principal) + stake(world.state, principal),
  invariants: [
    // Every payout checked against the kernel's own record of who staked what.
    proportionalPayouts({ contract: "pool" }),
    {
      name: "the pool holds what members can withdraw",
      check: (world) =>
        revenue(world.state, world.balance) >= 0 ||
        `the pool holds ${world.balance("pool")} but owes ${poolState(world.state)?.pool.total}`,
    },
  ],
  metrics: [
    {
      name: "members",
      description: "principals with a stake",
      measure: (world) => Object.keys(poolState(world.state)?.pool.contributions ?? {}).length,
    },
    {
      name: "undistributed revenue",
      description: "scrip in the pool beyond the stakes",
      measure: (world) => revenue(world.state, world.balance),
    },
  ],
});
