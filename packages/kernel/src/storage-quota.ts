import { refuse } from "./refusal.js";
import type { ArtifactRow } from "./storage/storage.js";
import type { Tx } from "./tx.js";
import type { StorageAndLimits, StorageFacet } from "./world.js";

// Kept in the meta table, so savepoints and rollbacks undo them with the rest of a call.
const payerKey = (artifactId: string) => `storage_payer:${artifactId}`;
const usedKey = (principal: string) => `storage_used:${principal}`;

function bytesOf(text: string | null): number {
  return text === null ? 0 : Buffer.byteLength(text);
}

/** The stored bytes of an artifact row: content, state, policy and metadata (code is extra). */
export function rowBytes(row: ArtifactRow): number {
  return bytesOf(row.content) + bytesOf(row.state) + bytesOf(row.policy) + bytesOf(row.metadata);
}

/**
 * The bytes a principal pays for: the current size of every artifact created in a
 * transaction it started (deleted ones included: their rows stay).
 */
export function storageUsed(world: StorageFacet, principal: string): number {
  return Number(world.storage.getMeta(usedKey(principal)) ?? "0");
}

/**
 * Charges a new artifact of `bytes` to the principal that started the transaction (ADR 0019):
 * whoever causes an artifact to exist pays for its room, also when a contract wrote it on
 * their behalf. Refuses past the payer's `storageQuotaBytes`.
 */
export function chargeNewArtifact(
  world: StorageAndLimits,
  tx: Tx,
  artifactId: string,
  bytes: number,
): void {
  world.storage.setMeta(payerKey(artifactId), tx.origin);
  charge(world, tx.origin, bytes);
}

/** Charges (or refunds) an artifact's change of size to the principal paying for it. */
export function chargeResize(
  world: StorageAndLimits,
  artifactId: string,
  before: number,
  after: number,
): void {
  if (before === after) return;
  const payer = world.storage.getMeta(payerKey(artifactId));
  // Genesis artifacts (and artifacts from before quotas) have no payer.
  if (payer === undefined) return;
  charge(world, payer, after - before);
}

function charge(world: StorageAndLimits, payer: string, delta: number): void {
  const used = storageUsed(world, payer);
  const quota = world.limits.storageQuotaBytes;
  if (delta > 0 && used + delta > quota)
    refuse(
      "not_authorized",
      `${payer} would store ${used + delta} bytes, over its storage quota of ${quota}; write smaller content or ask the operator for a larger quota`,
      { reason: "storage_quota", payer, quota, used, needed: delta },
    );
  world.storage.setMeta(usedKey(payer), String(Math.max(0, used + delta)));
}
