import type { ContextBase } from "../ctx.js";
import { requirePositiveAmount, requireValue } from "./guards.js";
import { type IdMap, idMapGet, idMapHas, idMapSet } from "./id-map.js";
import { sha256Hex } from "./sha256.js";

/**
 * A commit–reveal round for games of chance (`ctx.random` is predictable from the public log,
 * and a calling contract can revert a call it lost). Each player first commits the SHA-256 of a
 * secret, with the stake attached; once everyone committed, each reveals the secret; the
 * outcome is derived from all the secrets together. Nobody can see the outcome before
 * committing, a commitment cannot be changed, and a player who does not reveal before the
 * deadline forfeits the stake — so reverting a losing reveal only turns the loss into a forfeit.
 */
export interface CommitRevealState {
  /** Commitments needed before reveals open. */
  players: number;
  /** Scrip each player attaches to the commit; the winner takes the pot. */
  stake: number;
  /** How long reveals stay open after the last commit, in ms of kernel time. */
  revealWindow: number;
  phase: "committing" | "revealing" | "settled";
  /** Players in commit order. */
  order: string[];
  /** Commitment (64 hex) by player. */
  commits: IdMap<string>;
  /** Revealed secret by player. */
  secrets: IdMap<string>;
  /** Kernel time after which reveals are refused and the round can be settled. */
  revealDeadline: number | null;
  winner: string | null;
  /** SHA-256 over the revealed secrets in commit order: the round's public randomness. */
  seed: string | null;
}

/**
 * A new round for `players` players staking `stake` each, reveals open for `revealWindow` ms.
 *
 * @example
 * ```ts
 * init: () => ({ round: createCommitReveal({ players: 2, stake: 10, revealWindow: 60_000 }) })
 * ```
 */
export function createCommitReveal(options: {
  players: number;
  stake: number;
  revealWindow: number;
}): CommitRevealState {
  return {
    players: options.players,
    stake: options.stake,
    revealWindow: options.revealWindow,
    phase: "committing",
    order: [],
    commits: {},
    secrets: {},
    revealDeadline: null,
    winner: null,
    seed: null,
  };
}

/**
 * The commitment a player sends for `secret` in the round run by contract `contract`. It binds
 * the contract and the player: nobody can replay another player's commitment, or reveal a
 * secret someone else already revealed. Compute it off-chain with the same function (or
 * node:crypto's SHA-256 of the same text). The secret should be long and random (it is also
 * the salt): a guessable secret can be found from its commitment.
 *
 * @example
 * ```ts
 * const c = commitmentFor("coinflip", "alice", "7f3c…random…"); // alice commits c
 * ```
 */
export function commitmentFor(contract: string, player: string, secret: string): string {
  return sha256Hex(`ecology-commit\n${contract}\n${player}\n${secret}`);
}

function requirePhase(
  ctx: ContextBase,
  round: CommitRevealState,
  phase: CommitRevealState["phase"],
): void {
  if (round.phase !== phase)
    ctx.fail("invalid_state", `the round is ${round.phase}; this needs it to be ${phase}`);
}

/**
 * Commits the caller with `commitment` (see {@link commitmentFor}) and exactly `round.stake`
 * attached. The last commitment opens the reveals until `ctx.now + revealWindow`.
 *
 * @throws (via `ctx.fail`) `invalid_state` outside the commit phase or for a second commit,
 * `invalid_argument` for a malformed commitment or a wrong stake.
 */
export function commitTo(
  ctx: ContextBase,
  round: CommitRevealState,
  commitment: string,
): { committed: number; players: number } {
  requirePhase(ctx, round, "committing");
  if (idMapHas(round.commits, ctx.caller))
    ctx.fail("invalid_state", `${ctx.caller} already committed; a commitment cannot change`);
  if (typeof commitment !== "string" || !/^[0-9a-f]{64}$/.test(commitment))
    ctx.fail("invalid_argument", "commitment must be 64 lowercase hex characters (SHA-256)");
  requirePositiveAmount(ctx, round.stake, "the round's stake");
  requireValue(ctx, round.stake, `attach the stake with withValue(${round.stake})`);
  idMapSet(round.commits, ctx.caller, commitment);
  round.order.push(ctx.caller);
  if (round.order.length === round.players) {
    round.phase = "revealing";
    round.revealDeadline = ctx.now + round.revealWindow;
  }
  ctx.emit("round.committed", { player: ctx.caller, committed: round.order.length });
  return { committed: round.order.length, players: round.players };
}

/**
 * Reveals the caller's secret. When the last player revealed, the round settles at once.
 *
 * @throws (via `ctx.fail`) `invalid_state` outside the reveal phase, after the deadline, for a
 * non-player or a second reveal; `invalid_argument` when the secret does not match.
 */
export function revealSecret(
  ctx: ContextBase,
  round: CommitRevealState,
  secret: string,
): { revealed: number; winner: string | null } {
  requirePhase(ctx, round, "revealing");
  if (ctx.now > (round.revealDeadline ?? 0))
    ctx.fail("invalid_state", "the reveal deadline has passed; settle the round");
  const commitment = idMapGet(round.commits, ctx.caller);
  if (commitment === undefined) return ctx.fail("not_authorized", `${ctx.caller} did not commit`);
  if (idMapHas(round.secrets, ctx.caller)) ctx.fail("invalid_state", "already revealed");
  if (typeof secret !== "string" || commitmentFor(ctx.self, ctx.caller, secret) !== commitment)
    ctx.fail("invalid_argument", "the secret does not match the commitment");
  idMapSet(round.secrets, ctx.caller, secret);
  ctx.emit("round.revealed", { player: ctx.caller });
  const revealed = round.order.filter((p) => idMapHas(round.secrets, p)).length;
  if (revealed === round.players) settle(ctx, round);
  return { revealed, winner: round.winner };
}

/**
 * Settles the round once the reveal deadline has passed (anyone may call it): players who did
 * not reveal forfeit their stake, and the winner is drawn among those who did. If nobody
 * revealed, the pot goes to this contract's owner.
 *
 * @throws (via `ctx.fail`) `invalid_state` before the deadline or when already settled.
 */
export function settleCommitReveal(
  ctx: ContextBase,
  round: CommitRevealState,
): { winner: string | null; pot: number } {
  requirePhase(ctx, round, "revealing");
  if (ctx.now <= (round.revealDeadline ?? 0))
    ctx.fail("invalid_state", "reveals are still open until the deadline");
  return settle(ctx, round);
}

/**
 * The outcome of a round from its revealers (in commit order) and their secrets: the seed is
 * SHA-256 over every `player\nsecret`, so no single player chooses it, and the winner is
 * `revealers[seed's first 48 bits mod revealers.length]` (`null` without revealers). Pure:
 * players can check a settlement off-chain.
 *
 * @example
 * ```ts
 * roundOutcome(["alice", "bob"], ["s3cret-a", "s3cret-b"]); // { seed: "…", winner: "alice" | "bob" }
 * ```
 */
export function roundOutcome(
  revealers: readonly string[],
  secrets: readonly string[],
): { seed: string; winner: string | null } {
  const seed = sha256Hex(revealers.map((p, i) => `${p}\n${secrets[i] ?? ""}`).join("\n"));
  const index = Number.parseInt(seed.slice(0, 12), 16) % Math.max(1, revealers.length);
  return { seed, winner: revealers[index] ?? null };
}

function settle(
  ctx: ContextBase,
  round: CommitRevealState,
): { winner: string | null; pot: number } {
  const revealers = round.order.filter((p) => idMapHas(round.secrets, p));
  const pot = round.stake * round.order.length;
  const secrets = revealers.map((p) => idMapGet(round.secrets, p) ?? "");
  const { seed, winner } = roundOutcome(revealers, secrets);
  round.phase = "settled";
  round.seed = seed;
  round.winner = winner;
  ctx.transfer(winner ?? ctx.owner, pot);
  const forfeited = round.order.filter((p) => !revealers.includes(p));
  ctx.emit("round.settled", { winner, pot, seed, forfeited });
  return { winner, pot };
}
