import { KernelError } from "@ecology/kernel";
import { queryAll, withSharedQueries } from "./kernel-pages.js";
import type { TestKernel } from "./test-kernel.js";

/**
 * A property of the whole economy that must hold after every transaction. `check` returns a
 * message describing the violation, or nothing when the invariant holds; a thrown error (for
 * example a failed `expect`) counts as a violation too.
 *
 * @example
 * ```ts
 * const poolHoldsDeposits: Invariant = {
 *   name: "pool holds deposits",
 *   check: (k) => (k.balance("pool") >= 100 ? undefined : "pool lost deposits"),
 * };
 * ```
 */
export interface Invariant {
  name: string;
  check(k: TestKernel): string | undefined | undefined;
}

/** Sum of all balances = total minted, and every balance is a non-negative safe integer. */
export const conservation: Invariant = {
  name: "conservation",
  check(k) {
    const balances = k.balances();
    let sum = 0;
    for (const [id, b] of Object.entries(balances)) {
      if (!Number.isSafeInteger(b) || b < 0) return `balance of ${id} is ${b}`;
      sum += b;
    }
    const minted = k.kernel.totalMinted();
    if (sum !== minted) return `sum of balances is ${sum} but ${minted} scrip was minted`;
  },
};

/**
 * Every artifact has one existing owner; artifacts in escrow custody are exactly the actively
 * listed ones, each listed once (and the kernel's own ownership check agrees).
 */
export const singleOwnership: Invariant = {
  name: "single ownership",
  check(k) {
    const principals = new Set(queryAll(k.kernel, "principals").map((p) => String(p.id)));
    const artifacts = queryAll(k.kernel, "artifacts");
    const ids = new Set(artifacts.map((a) => String(a.id)));
    for (const a of artifacts) {
      const owner = String(a.owner);
      if (!principals.has(owner) && !ids.has(owner))
        return `${String(a.id)} is owned by ${owner}, which does not exist`;
    }
    const listed = new Set<string>();
    for (const l of queryAll(k.kernel, "listings")) {
      if (l.status !== "active") continue;
      const id = String(l.artifactId);
      if (listed.has(id)) return `${id} has two active escrow listings`;
      listed.add(id);
    }
    try {
      k.kernel.checkInvariants();
    } catch (e) {
      if (e instanceof KernelError) return e.message;
      throw e;
    }
  },
};

type PoolSlice = { contributions: { [member: string]: number }; total: number };

function isPoolSlice(x: unknown): x is PoolSlice {
  if (typeof x !== "object" || x === null || Array.isArray(x)) return false;
  const s = x as { contributions?: unknown; total?: unknown };
  return (
    typeof s.total === "number" &&
    typeof s.contributions === "object" &&
    s.contributions !== null &&
    !Array.isArray(s.contributions) &&
    Object.values(s.contributions).every((v) => typeof v === "number")
  );
}

/** Pool slices (`@ecology/sdk/patterns` `PoolState`) at the top of a state or one level down. */
function poolSlices(state: unknown): [string, PoolSlice][] {
  if (isPoolSlice(state)) return [["state", state]];
  if (typeof state !== "object" || state === null) return [];
  return Object.entries(state)
    .filter((e): e is [string, PoolSlice] => isPoolSlice(e[1]))
    .map(([key, slice]) => [`state.${key}`, slice]);
}

/**
 * Pools never promise more than they hold: in every contract state holding an SDK pool slice
 * (`{ contributions, total }`), `total` is the sum of the contributions and the contract's
 * wallet covers it. The kernel makes minting impossible for contracts, so a pool that "creates"
 * scrip (say, a rounding remainder) can only do it by paying out members' deposits — this
 * catches exactly that.
 */
export const poolBacking: Invariant = {
  name: "pool backing",
  check(k) {
    for (const a of queryAll(k.kernel, "artifacts")) {
      if (a.kind !== "contract") continue;
      const id = String(a.id);
      for (const [where, slice] of poolSlices(k.kernel.getArtifact(id)?.state)) {
        const sum = Object.values(slice.contributions).reduce((s, v) => s + v, 0);
        if (sum !== slice.total)
          return `${id} ${where}.total is ${slice.total} but its contributions sum to ${sum}`;
        const held = k.balance(id);
        if (held < slice.total)
          return `${id} holds ${held} scrip but owes its members ${slice.total} (${where})`;
      }
    }
  },
};

/** The invariants every test kernel checks unless told otherwise. */
export const BUILT_IN_INVARIANTS: readonly Invariant[] = Object.freeze([
  conservation,
  singleOwnership,
  poolBacking,
]);

/** The first violated invariant as `name: message`, or undefined when all hold. */
export function firstViolation(
  k: TestKernel,
  invariants: readonly Invariant[],
): string | undefined {
  return withSharedQueries(k.kernel, () => {
    for (const inv of invariants) {
      let message: unknown;
      try {
        message = inv.check(k);
      } catch (e) {
        message = e instanceof Error ? e.message : String(e);
      }
      if (message) return `${inv.name}: ${String(message)}`;
    }
    return undefined;
  });
}
