import type { KernelEvent } from "@ecology/protocol";
import type { Invariant } from "../scenario.js";
import type { WorldView } from "../world-view.js";

/** Options of {@link proportionalPayouts}. */
export interface ProportionalPayoutsOptions {
  /** The contract that holds the stakes and pays out. */
  contract: string;
  /** Methods whose attached value becomes the caller's stake (default `["join"]`). */
  stake?: readonly string[];
  /** Methods that pay a stake back to its owner (default `["withdraw"]`). */
  unstake?: readonly string[];
  /** The invariant's name (default "payouts follow contributions"). */
  name?: string;
}

type Stakes = Map<string, number>;

const amountOf = (e: KernelEvent) => Number(e.data.amount);

/** Consecutive events of one transaction. */
function byTransaction(events: readonly KernelEvent[]): KernelEvent[][] {
  const groups: KernelEvent[][] = [];
  for (const e of events) {
    const last = groups.at(-1);
    if (last && last[0]?.tx === e.tx) last.push(e);
    else groups.push([e]);
  }
  return groups;
}

/** The payout in `moves` that exceeds its proportional share, described; or undefined. */
function unfairPayout(moves: KernelEvent[], contract: string, stakes: Stakes): string | undefined {
  const payouts = moves.filter((e) => e.data.from === contract);
  const total = payouts.reduce((s, e) => s + amountOf(e), 0);
  const staked = [...stakes.values()].reduce((s, v) => s + v, 0);
  for (const p of payouts) {
    const own = stakes.get(String(p.data.to)) ?? 0;
    // Largest-remainder rounding gives a member at most one unit above the floor of its share;
    // someone with no stake is owed nothing at all.
    const fair = own === 0 ? 0 : Math.floor((total * own) / staked) + 1;
    if (amountOf(p) > fair)
      return `${p.data.to} was paid ${amountOf(p)} of a ${total}-scrip payout by ${contract} with ${own} of ${staked} scrip staked (its share is at most ${fair})`;
  }
  return undefined;
}

function applyStakeMoves(
  kind: "stake" | "unstake",
  moves: KernelEvent[],
  contract: string,
  stakes: Stakes,
): void {
  for (const m of moves) {
    if (kind === "stake" && m.data.to === contract) {
      const who = String(m.data.from);
      stakes.set(who, (stakes.get(who) ?? 0) + amountOf(m));
    }
    if (kind === "unstake" && m.data.from === contract) {
      const who = String(m.data.to);
      const left = (stakes.get(who) ?? 0) - amountOf(m);
      if (left > 0) stakes.set(who, left);
      else stakes.delete(who);
    }
  }
}

/**
 * A built-in invariant for pools and anything that pays out to stakeholders: every scrip
 * transfer out of `contract` made by a top-level call to any method other than `stake` /
 * `unstake` is at most the recipient's proportional share of that call's total payout (plus one
 * unit of rounding). Stakes are rebuilt from the kernel's own events — value attached to `stake`
 * calls in, `unstake` transfers out — so the check trusts nothing the contract says about
 * itself, and judges a broken contract as well as a sound one.
 *
 * @example
 * ```ts
 * invariants: [proportionalPayouts({ contract: "pool" })]
 * ```
 */
export function proportionalPayouts(options: ProportionalPayoutsOptions): Invariant {
  const { contract } = options;
  const stake = new Set(options.stake ?? ["join"]);
  const unstake = new Set(options.unstake ?? ["withdraw"]);
  return {
    name: options.name ?? "payouts follow contributions",
    description: `every payout of ${contract} is proportional to the scrip staked with it`,
    check(world: WorldView) {
      const stakes: Stakes = new Map();
      for (const group of byTransaction(world.events({ artifact: contract }))) {
        const call = group.find(
          (e) => e.type === "invoke.succeeded" && e.target === contract && e.data.depth === 1,
        );
        if (!call) continue;
        const method = String(call.data.method);
        const moves = group.filter((e) => e.type === "scrip.transferred");
        if (stake.has(method)) applyStakeMoves("stake", moves, contract, stakes);
        else if (unstake.has(method)) applyStakeMoves("unstake", moves, contract, stakes);
        else {
          const unfair = unfairPayout(moves, contract, stakes);
          if (unfair) return unfair;
        }
      }
      return undefined;
    },
  };
}
