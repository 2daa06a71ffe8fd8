import type { ArtifactKind } from "../types.js";

/** An artifact as stored; JSON columns stay text so the storage layer never interprets them. */
export interface ArtifactRow {
  id: string;
  kind: ArtifactKind;
  owner: string;
  createdBy: string;
  createdAt: number;
  updatedAt: number;
  version: number;
  /** JSON text of a data artifact's content. */
  content: string | null;
  /** JSON text of a contract's state. */
  state: string | null;
  /** JSON text of the normalized policy. */
  policy: string;
  /** JSON text of the metadata object. */
  metadata: string;
  deleted: boolean;
  /** Hash of the contract code (the program cache key), null for data and genesis. */
  codeHash: string | null;
}

/** An escrow listing as stored. */
export interface ListingRow {
  artifactId: string;
  seller: string;
  price: number;
  buyer: string | null;
  status: "active" | "completed" | "cancelled";
  createdAt: number;
  closedAt: number | null;
}

/** An event as stored; `data` is the JSON text that was hashed. */
export interface EventRow {
  seq: number;
  time: number;
  tx: string;
  type: string;
  actor: string;
  target: string | null;
  data: string;
  hash: string;
}

/** A journal record as stored; `params` and `outcome` are JSON text (hashed as stored). */
export interface JournalRow {
  seq: number;
  tx: string;
  time: number;
  origin: string;
  op: string;
  params: string;
  outcome: string;
  hash: string;
}

/** A grant as stored; `targets` is JSON text, absent limits are null. */
export interface GrantRow {
  id: string;
  principal: string;
  /** sha256 (hex) of the token's secret; the secret itself is never stored. */
  secretHash: string;
  spend: number;
  perCall: number | null;
  targets: string;
  readOnly: boolean;
  expiresAt: number | null;
  confirmAbove: number | null;
  spent: number;
  revoked: boolean;
  createdAt: number;
}

/** Bit flags of how an id relates to an event, for the subject index. */
export const ROLE_ACTOR = 1;
/** The id is what the event is about (target, artifact, counterparty). */
export const ROLE_SUBJECT = 2;

/** A normalized event query (every bound already defaulted). */
export interface EventQuery {
  after: number;
  before: number;
  types: string[] | null;
  /** Events relating to this id, as actor or subject (`principal`) or as subject (`artifact`). */
  subject: { id: string; roles: number } | null;
  /** A second subject condition (principal and artifact together). */
  also: { id: string; roles: number } | null;
  limit: number;
}

/** A normalized artifact query. */
export interface ArtifactQuery {
  nameContains: string | null;
  owner: string | null;
  kind: ArtifactKind | null;
  limit: number;
  offset: number;
}

/** A normalized listing query. */
export interface ListingQuery {
  status: ListingRow["status"] | null;
  seller: string | null;
  limit: number;
  offset: number;
}

/**
 * The narrow storage interface of the kernel: a transaction/savepoint primitive and the
 * statements the kernel needs, nothing SQLite-specific. A PostgreSQL adapter implements the same
 * methods (savepoints and the event indexes exist there too).
 */
export interface Storage {
  /**
   * Runs `fn` atomically: a transaction at the outermost level, a savepoint inside one. When `fn`
   * throws, or `keep(result)` is false, every write made by `fn` is undone.
   */
  atomic<T>(fn: () => T, keep: (result: T) => boolean): T;
  /** Whether a transaction is open. */
  inTransaction(): boolean;

  getMeta(key: string): string | undefined;
  setMeta(key: string, value: string): void;

  insertPrincipal(id: string, createdAt: number): void;
  hasPrincipal(id: string): boolean;
  listPrincipals(limit: number, offset: number): { id: string; createdAt: number }[];

  getBalance(id: string): number;
  setBalance(id: string, amount: number): void;
  allBalances(): [string, number][];

  getArtifact(id: string): ArtifactRow | undefined;
  insertArtifact(row: ArtifactRow, code: string | null): void;
  updateArtifact(row: ArtifactRow): void;
  /** Stores a contract's new state (and the version and time that go with it) only. */
  updateState(id: string, state: string, version: number, updatedAt: number): void;
  /** JSON text of a contract's code. */
  getCode(id: string): string | undefined;
  /** Replaces a contract's code (an upgrade); the row's `codeHash` is updated separately. */
  updateCode(id: string, code: string): void;
  queryArtifacts(query: ArtifactQuery): ArtifactRow[];

  getListing(artifactId: string): ListingRow | undefined;
  putListing(row: ListingRow): void;
  queryListings(query: ListingQuery): ListingRow[];

  lastEvent(): { seq: number; hash: string } | undefined;
  insertEvent(row: EventRow, subjects: Map<string, number>): void;
  queryEvents(query: EventQuery): EventRow[];
  countEvents(query: Omit<EventQuery, "limit">): number;
  iterateEvents(): Iterable<EventRow>;

  /** The journal's head: its last record's seq and hash, undefined when empty. */
  lastJournal(): { seq: number; hash: string } | undefined;
  insertJournal(row: JournalRow): void;
  /** Up to `limit` records with `seq > after`, in order. */
  readJournal(after: number, limit: number): JournalRow[];

  insertGrant(row: GrantRow): void;
  /** The grant `id`, read afresh (under the write lock inside a transaction). */
  getGrant(id: string): GrantRow | undefined;
  /** The grants of `principal`, newest first. */
  listGrants(principal: string): GrantRow[];
  /** Stores what a grant has spent and whether it is revoked. */
  updateGrant(id: string, spent: number, revoked: boolean): void;

  /** The credential stored under `name` (an opaque string), read afresh. */
  getCredential(name: string): string | undefined;
  /** Stores (or replaces) the credential `name`. */
  putCredential(name: string, value: string): void;
  /** Removes the credential `name`; whether it existed. */
  deleteCredential(name: string): boolean;
  /** The credentials whose names start with `prefix`, ordered by name. */
  listCredentials(prefix: string): { name: string; value: string }[];

  /**
   * Calls `listener` soon after commits to the economy: this process's own commits for SQLite,
   * any process's for PostgreSQL. Returns the unsubscribe function.
   */
  onCommit(listener: () => void): () => void;

  close(): void;
}

/** The optional capability of storage that can be snapshotted as bytes (SQLite). */
export interface Snapshotting {
  /** The whole database as bytes. */
  serialize(): Uint8Array;
}

/** Whether `storage` can be snapshotted. */
export function canSnapshot(storage: Storage): storage is Storage & Snapshotting {
  return typeof (storage as Partial<Snapshotting>).serialize === "function";
}
