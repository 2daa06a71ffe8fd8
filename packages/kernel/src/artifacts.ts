import { checkAccess } from "./invoke/access.js";
import { transferScrip } from "./ledger.js";
import { checkUpgradable, DEFAULT_POLICY, mergePolicy, parsePolicy, policyJson } from "./policy.js";
import { refuse, refuseReadOnlyPayment } from "./refusal.js";
import type { ArtifactRow } from "./storage/storage.js";
import { chargeNewArtifact, chargeResize, rowBytes } from "./storage-quota.js";
import type { Tx } from "./tx.js";
import type { Artifact, ContractCode, JsonValue, Policy } from "./types.js";
import { isReservedId, isValidId, jsonText } from "./validate.js";
import { ESCROW_ID, type StorageAndLimits, type StorageFacet, type World } from "./world.js";

/** Loads an artifact that exists and is not deleted, or refuses with `not_found`. */
export function loadLive(world: StorageFacet, id: unknown): ArtifactRow {
  if (!isValidId(id))
    refuse("invalid_argument", `${JSON.stringify(id) ?? "undefined"} is not a valid artifact id`);
  const row = world.storage.getArtifact(id);
  if (!row || row.deleted)
    refuse("not_found", `artifact ${id} does not exist${row ? " (it was deleted)" : ""}`);
  return row;
}

/** Who receives prices paid for `row`: its owner, or the seller while the escrow holds it. */
export function payeeOf(world: StorageFacet, row: ArtifactRow): string {
  if (row.owner !== ESCROW_ID) return row.owner;
  const listing = world.storage.getListing(row.id);
  return listing && listing.status === "active" ? listing.seller : row.owner;
}

/** Whether an id is free: no principal and no artifact (even deleted) uses it. */
export function isIdFree(world: StorageFacet, id: string): boolean {
  return !world.storage.hasPrincipal(id) && world.storage.getArtifact(id) === undefined;
}

/** Refuses unless `actor` owns `row`, explaining escrow custody when that is the reason. */
export function requireOwner(row: ArtifactRow, actor: string, verb: string): void {
  if (row.owner === actor) return;
  if (row.owner === ESCROW_ID) {
    refuse(
      "not_authorized",
      `cannot ${verb} ${row.id}: it is listed with genesis_escrow; cancel the listing first`,
      { owner: row.owner },
    );
  }
  refuse("not_authorized", `only the owner (${row.owner}) can ${verb} ${row.id}`, {
    owner: row.owner,
  });
}

/** The full operator view of an artifact. */
export function toPublicArtifact(world: StorageFacet, row: ArtifactRow): Artifact {
  const a: Artifact = {
    id: row.id,
    kind: row.kind,
    owner: row.owner,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
    policy: parsePolicy(row),
    metadata: JSON.parse(row.metadata) as Artifact["metadata"],
    deleted: row.deleted,
  };
  if (row.content !== null) a.content = JSON.parse(row.content) as JsonValue;
  if (row.state !== null) a.state = JSON.parse(row.state) as JsonValue;
  const code = world.storage.getCode(row.id);
  if (code !== undefined) a.code = JSON.parse(code) as ContractCode;
  return a;
}

/** A short summary used by discovery queries. */
export function summarize(row: ArtifactRow): { [key: string]: JsonValue } {
  return {
    id: row.id,
    kind: row.kind,
    owner: row.owner,
    createdBy: row.createdBy,
    version: row.version,
    updatedAt: row.updatedAt,
    policy: policyJson(parsePolicy(row)),
    metadata: JSON.parse(row.metadata) as JsonValue,
  };
}

/** Validates a metadata object against the content size limit; returns its JSON text. */
export function metadataText(world: StorageAndLimits, metadata: unknown): string {
  if (metadata === undefined || metadata === null) return "{}";
  if (typeof metadata !== "object" || Array.isArray(metadata))
    refuse("invalid_argument", "metadata must be a JSON object");
  const t = jsonText(metadata, world.limits.maxContentBytes, world.limits.maxJsonDepth);
  if (!t.ok) refuse("invalid_argument", `metadata ${t.reason}`);
  return t.text;
}

/** Marks a change to an artifact row and stores it. */
export function touch(world: StorageFacet, tx: Tx, row: ArtifactRow): void {
  row.version += 1;
  row.updatedAt = tx.now;
  world.storage.updateArtifact(row);
}

function newDataPolicy(input: unknown): Policy {
  const policy = mergePolicy(input, DEFAULT_POLICY);
  checkUpgradable("data", undefined, policy);
  return policy;
}

/** `row`'s policy with `input`'s fields merged over it, refused if upgradability may not change so. */
function changedPolicy(row: ArtifactRow, input: unknown): Policy {
  const before = parsePolicy(row);
  const after = mergePolicy(input, before);
  checkUpgradable(row.kind, before, after);
  return after;
}

/**
 * Creates a data artifact owned by `actor`, or updates its content (owner only). Refuses
 * reserved or taken ids, non-JSON or oversized content, and writes to contracts.
 */
export function writeData(
  world: StorageAndLimits,
  tx: Tx,
  actor: string,
  id: unknown,
  content: unknown,
  opts: { policy?: unknown; metadata?: unknown } = {},
): { id: string; version: number; created: boolean } {
  if (!isValidId(id))
    refuse("invalid_argument", `${JSON.stringify(id) ?? "undefined"} is not a valid artifact id`);
  const text = jsonText(content, world.limits.maxContentBytes, world.limits.maxJsonDepth);
  if (!text.ok) refuse("invalid_argument", `content ${text.ok ? "" : text.reason}`);
  const existing = world.storage.getArtifact(id);
  if (!existing) {
    if (isReservedId(id))
      refuse("invalid_argument", `ids starting with genesis_ are reserved for the kernel`);
    if (world.storage.hasPrincipal(id))
      refuse("conflict", `${id} is a principal; choose another artifact id`);
    const row: ArtifactRow = {
      id,
      kind: "data",
      owner: actor,
      createdBy: actor,
      createdAt: tx.now,
      updatedAt: tx.now,
      version: 1,
      content: text.text,
      state: null,
      policy: JSON.stringify(newDataPolicy(opts.policy)),
      metadata: metadataText(world, opts.metadata),
      deleted: false,
      codeHash: null,
    };
    chargeNewArtifact(world, tx, id, rowBytes(row));
    world.storage.insertArtifact(row, null);
    tx.append({
      type: "artifact.created",
      actor,
      target: id,
      data: { kind: "data", owner: actor },
    });
    return { id, version: 1, created: true };
  }
  if (existing.deleted)
    refuse("conflict", `artifact ${id} was deleted; ids are never reused, choose another`);
  requireOwner(existing, actor, "write");
  if (existing.kind !== "data")
    refuse(
      "invalid_state",
      `${id} is a ${existing.kind} artifact; only data artifacts can be written — deploy a new contract instead`,
    );
  const before = rowBytes(existing);
  existing.content = text.text;
  if (opts.policy !== undefined)
    existing.policy = JSON.stringify(changedPolicy(existing, opts.policy));
  if (opts.metadata !== undefined) existing.metadata = metadataText(world, opts.metadata);
  chargeResize(world, id, before, rowBytes(existing));
  touch(world, tx, existing);
  tx.append({
    type: "artifact.updated",
    actor,
    target: id,
    data: { version: existing.version },
  });
  return { id, version: existing.version, created: false };
}

/**
 * Reads an artifact as `actor`: enforces allowRead and gate, pays readPrice, logs the read.
 * `readOnly` (a view or gate check reading) refuses a priced read. `compute` is the gate's.
 */
export function readArtifact(
  world: World,
  tx: Tx,
  actor: string,
  id: unknown,
  readOnly = false,
): { content: JsonValue; price: number; compute: number } {
  const row = loadLive(world, id);
  const policy = parsePolicy(row);
  const compute = checkAccess(world, tx, actor, row, policy, "read", null);
  const payee = payeeOf(world, row);
  const price = payee === actor ? 0 : policy.readPrice;
  if (readOnly && price > 0) refuseReadOnlyPayment(actor, `reading ${row.id}`, price);
  transferScrip(world, tx, { from: actor, to: payee, amount: price, reason: `read ${row.id}` });
  tx.append({ type: "artifact.read", actor, target: row.id, data: { price } });
  return { content: readableContent(world, row), price, compute };
}

function readableContent(world: StorageFacet, row: ArtifactRow): JsonValue {
  if (row.kind === "data")
    return row.content === null ? null : (JSON.parse(row.content) as JsonValue);
  const code = world.storage.getCode(row.id);
  const parsed = code === undefined ? undefined : (JSON.parse(code) as ContractCode);
  const out: { [key: string]: JsonValue } = {
    kind: row.kind,
    manifest: (parsed?.manifest ?? null) as unknown as JsonValue,
    state: row.state === null ? null : (JSON.parse(row.state) as JsonValue),
  };
  if (parsed?.source !== undefined) out.source = parsed.source;
  return out;
}

/** Deletes an artifact (owner only). Refuses while it holds scrip, which would be stranded. */
export function deleteArtifact(world: StorageFacet, tx: Tx, actor: string, id: unknown): void {
  const row = loadLive(world, id);
  if (row.kind === "genesis") refuse("not_authorized", "genesis artifacts cannot be deleted");
  requireOwner(row, actor, "delete");
  const balance = world.storage.getBalance(row.id);
  if (balance > 0)
    refuse("invalid_state", `${row.id} holds ${balance} scrip; transfer it out before deleting`, {
      balance,
    });
  row.deleted = true;
  touch(world, tx, row);
  tx.append({ type: "artifact.deleted", actor, target: row.id, data: {} });
}

/** Replaces fields of an artifact's policy (owner only). */
export function setArtifactPolicy(
  world: StorageAndLimits,
  tx: Tx,
  actor: string,
  id: unknown,
  policy: unknown,
): void {
  const row = loadLive(world, id);
  if (row.kind === "genesis") refuse("not_authorized", "genesis artifact policies are fixed");
  requireOwner(row, actor, "change the policy of");
  const before = rowBytes(row);
  row.policy = JSON.stringify(changedPolicy(row, policy));
  chargeResize(world, row.id, before, rowBytes(row));
  touch(world, tx, row);
  tx.append({
    type: "artifact.updated",
    actor,
    target: row.id,
    data: { version: row.version, policy: true },
  });
}

/**
 * Gives an artifact to `to` (owner only). `to` must exist; handing an artifact to a genesis
 * artifact directly is refused (use `genesis_escrow.deposit`) unless `custody` says the escrow
 * itself is moving it.
 */
export function changeOwner(
  world: StorageFacet,
  tx: Tx,
  actor: string,
  id: unknown,
  to: unknown,
  custody = false,
): void {
  const row = loadLive(world, id);
  if (row.kind === "genesis") refuse("not_authorized", "genesis artifacts cannot change owner");
  if (!isValidId(to))
    refuse("invalid_argument", `new owner ${JSON.stringify(to) ?? "undefined"} is not a valid id`);
  requireOwner(row, actor, "transfer");
  if (!custody && isReservedId(to))
    refuse(
      "invalid_argument",
      `cannot give ${row.id} to ${to}; to sell it use genesis_escrow.deposit`,
    );
  if (!world.storage.hasPrincipal(to)) {
    const target = world.storage.getArtifact(to);
    if (!target || target.deleted) refuse("not_found", `new owner ${to} does not exist`);
  }
  const from = row.owner;
  row.owner = to;
  touch(world, tx, row);
  tx.append({
    type: "artifact.owner_changed",
    actor,
    target: row.id,
    data: { from, to },
  });
}
