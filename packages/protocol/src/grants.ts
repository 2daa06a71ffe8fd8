/**
 * What a grant admits (DESIGN.md §10): `"*"` for any target, or a list of artifact ids (any
 * operation on that artifact) and `artifact.method` entries (only invoking that method).
 */
export type GrantTargets = "*" | string[];

/**
 * The limits a principal sets when it issues a grant. Every field is optional: `spend` defaults
 * to 0 (a grant moves no scrip unless told to), `targets` to `"*"`, `readOnly` to false.
 */
export interface GrantLimits {
  /** Total scrip the grant may move out of the principal's wallet: prices + values + transfers. */
  spend?: number;
  /** The most scrip one call may move out of the principal's wallet. */
  perCall?: number;
  targets?: GrantTargets;
  /** Admits only reads and views (no write, deploy, upgrade, delete, policy or ownership change). */
  readOnly?: boolean;
  /** Kernel time (ms since the epoch) from which the grant refuses every call. */
  expiresAt?: number;
  /** A call that would move more than this is refused unless it carries `confirmed: true`. */
  confirmAbove?: number;
}

/** A grant as the kernel stores and lists it; its token's secret is never part of it. */
export interface Grant {
  id: string;
  /** The principal the grant acts as: every use is attributed to it (`actor`). */
  principal: string;
  spend: number;
  perCall?: number;
  targets: GrantTargets;
  readOnly: boolean;
  expiresAt?: number;
  confirmAbove?: number;
  /** Scrip moved under the grant so far; never exceeds `spend`. */
  spent: number;
  revoked: boolean;
  createdAt: number;
}

/** What creating a grant answers: the grant, and its bearer token (shown once, never stored). */
export interface IssuedGrant {
  grant: Grant;
  token: string;
}

/**
 * A caller acting under a grant: the principal, the grant's id and whether the human confirmed
 * a spend above `confirmAbove`. Kernel operations take it wherever they take a principal id.
 */
export interface GrantCaller {
  principal: string;
  grant: string;
  confirmed?: boolean;
}

/** Who performs a kernel operation: a principal id, or a principal acting under a grant. */
export type Caller = string | GrantCaller;

/** Why a grant refused a call: `details.grant.reason` of its `not_authorized` error. */
export const GRANT_REFUSAL_REASONS = [
  "unknown",
  "revoked",
  "expired",
  "target",
  "read_only",
  "per_call",
  "spend",
  "confirmation_required",
] as const;

/** One of {@link GRANT_REFUSAL_REASONS}. */
export type GrantRefusalReason = (typeof GRANT_REFUSAL_REASONS)[number];

/**
 * `details.grant` of a grant's refusal: the grant, why, and for the scrip limits the amount the
 * call would have moved beside the limit it broke.
 */
export interface GrantRefusal {
  id: string;
  reason: GrantRefusalReason;
  /** Scrip the call would have moved out of the principal's wallet. */
  amount?: number;
  /** The limit that refused it (perCall, the remaining spend, or confirmAbove). */
  limit?: number;
}

/** The prefix of every grant token: `ecology_g_<grant id>.<secret>`. */
export const GRANT_TOKEN_PREFIX = "ecology_g_";

/**
 * A grant's target entry: an artifact id, or `artifact.method` (ids may hold dots, so an entry
 * admits a call when it equals the target or `target.method`, compared as whole strings).
 */
export const GRANT_TARGET_PATTERN: RegExp = /^[A-Za-z0-9_.:$-]{1,193}$/;
