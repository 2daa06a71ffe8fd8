import type { ArtifactRow, GrantRow, ListingRow } from "./storage.js";

/** A raw SQLite row. */
export type Raw = Record<string, unknown>;

/** The artifact columns, in the order of {@link artifactValues}. */
export const ARTIFACT_COLUMNS =
  "id, kind, owner, created_by, created_at, updated_at, version, content, state, policy, metadata, deleted, code_hash";

/** Maps an artifacts row. */
export function toArtifact(r: Raw): ArtifactRow {
  return {
    id: r.id as string,
    kind: r.kind as ArtifactRow["kind"],
    owner: r.owner as string,
    createdBy: r.created_by as string,
    createdAt: r.created_at as number,
    updatedAt: r.updated_at as number,
    version: r.version as number,
    content: r.content as string | null,
    state: r.state as string | null,
    policy: r.policy as string,
    metadata: r.metadata as string,
    deleted: r.deleted === 1,
    codeHash: r.code_hash as string | null,
  };
}

/** Maps a listings row. */
export function toListing(r: Raw): ListingRow {
  return {
    artifactId: r.artifact_id as string,
    seller: r.seller as string,
    price: r.price as number,
    buyer: r.buyer as string | null,
    status: r.status as ListingRow["status"],
    createdAt: r.created_at as number,
    closedAt: r.closed_at as number | null,
  };
}

/** Maps a grants row. */
export function toGrant(r: Raw): GrantRow {
  return {
    id: r.id as string,
    principal: r.principal as string,
    secretHash: r.secret_hash as string,
    spend: r.spend as number,
    perCall: r.per_call as number | null,
    targets: r.targets as string,
    readOnly: r.read_only === 1,
    expiresAt: r.expires_at as number | null,
    confirmAbove: r.confirm_above as number | null,
    spent: r.spent as number,
    revoked: r.revoked === 1,
    createdAt: r.created_at as number,
  };
}

/** The bind values of an artifact row, in {@link ARTIFACT_COLUMNS} order. */
export function artifactValues(r: ArtifactRow): unknown[] {
  return [
    r.id,
    r.kind,
    r.owner,
    r.createdBy,
    r.createdAt,
    r.updatedAt,
    r.version,
    r.content,
    r.state,
    r.policy,
    r.metadata,
    r.deleted ? 1 : 0,
    r.codeHash,
  ];
}
