import { GRANT_TARGET_PATTERN, type Grant, type GrantTargets } from "@ecology/protocol";
import { refuse } from "../refusal.js";
import type { GrantRow } from "../storage/storage.js";
import type { Tx } from "../tx.js";
import type { JsonObject, JsonValue } from "../types.js";
import { isAmount } from "../validate.js";
import type { StorageFacet } from "../world.js";

/** The most grants (revoked ones included) one principal may hold: bounds what it can store. */
export const MAX_GRANTS_PER_PRINCIPAL = 1000;
/** The most entries a grant's target list holds. */
export const MAX_GRANT_TARGETS = 64;

const SECRET_HASH = /^[0-9a-f]{64}$/;

/** A stored grant as the wire shows it (absent limits left out, never the secret's hash). */
export function toPublicGrant(r: GrantRow): Grant {
  const g: Grant = {
    id: r.id,
    principal: r.principal,
    spend: r.spend,
    targets: JSON.parse(r.targets) as GrantTargets,
    readOnly: r.readOnly,
    spent: r.spent,
    revoked: r.revoked,
    createdAt: r.createdAt,
  };
  if (r.perCall !== null) g.perCall = r.perCall;
  if (r.expiresAt !== null) g.expiresAt = r.expiresAt;
  if (r.confirmAbove !== null) g.confirmAbove = r.confirmAbove;
  return g;
}

function optionalAmount(p: JsonObject, key: string): number | null {
  const v = p[key];
  if (v === undefined) return null;
  if (!isAmount(v)) refuse("invalid_argument", `${key} must be a non-negative safe integer`);
  return v;
}

function targetsOf(v: JsonValue | undefined): GrantTargets {
  if (v === undefined || v === "*") return "*";
  if (!Array.isArray(v) || v.length === 0 || v.length > MAX_GRANT_TARGETS)
    refuse(
      "invalid_argument",
      `targets must be "*" or a list of 1 to ${MAX_GRANT_TARGETS} artifact ids or artifact.method entries`,
    );
  for (const t of v)
    if (typeof t !== "string" || !GRANT_TARGET_PATTERN.test(t))
      refuse(
        "invalid_argument",
        `target ${JSON.stringify(t)} is not an artifact id or artifact.method`,
      );
  return v as string[];
}

function expiryOf(p: JsonObject, now: number): number | null {
  const v = p.expiresAt;
  if (v === undefined) return null;
  if (!Number.isSafeInteger(v) || (v as number) <= now)
    refuse("invalid_argument", `expiresAt must be a kernel time (ms) after now (${now})`);
  return v as number;
}

/**
 * The body of `createGrant`: validates the limits and stores a grant of `tx.origin` whose id is
 * derived from the transaction (so a replay recreates the same id). `secretHash` is the hash
 * of the token's secret, made by the kernel method before the operation (it is random).
 * Refuses `invalid_argument` for bad limits and `conflict` past {@link MAX_GRANTS_PER_PRINCIPAL}.
 */
export function createGrantBody(world: StorageFacet, tx: Tx, p: JsonObject): Grant {
  if (typeof p.secretHash !== "string" || !SECRET_HASH.test(p.secretHash))
    refuse("invalid_argument", "secretHash must be 64 hex digits");
  if (p.readOnly !== undefined && typeof p.readOnly !== "boolean")
    refuse("invalid_argument", "readOnly must be a boolean");
  const row: GrantRow = {
    id: `grant_${tx.id}`,
    principal: tx.origin,
    secretHash: p.secretHash,
    spend: optionalAmount(p, "spend") ?? 0,
    perCall: optionalAmount(p, "perCall"),
    targets: JSON.stringify(targetsOf(p.targets)),
    readOnly: p.readOnly === true,
    expiresAt: expiryOf(p, tx.now),
    confirmAbove: optionalAmount(p, "confirmAbove"),
    spent: 0,
    revoked: false,
    createdAt: tx.now,
  };
  if (world.storage.listGrants(tx.origin).length >= MAX_GRANTS_PER_PRINCIPAL)
    refuse("conflict", `${tx.origin} already holds ${MAX_GRANTS_PER_PRINCIPAL} grants`);
  world.storage.insertGrant(row);
  return toPublicGrant(row);
}

/**
 * The body of `revokeGrant`: marks a grant of `tx.origin` revoked (again is a no-op). Another
 * principal's grant is `not_found`, exactly like one that does not exist.
 */
export function revokeGrantBody(world: StorageFacet, tx: Tx, p: JsonObject): Grant {
  const row = typeof p.id === "string" ? world.storage.getGrant(p.id) : undefined;
  if (!row || row.principal !== tx.origin)
    refuse("not_found", `${tx.origin} has no grant ${JSON.stringify(p.id) ?? "undefined"}`);
  if (!row.revoked) world.storage.updateGrant(row.id, row.spent, true);
  return toPublicGrant({ ...row, revoked: true });
}
