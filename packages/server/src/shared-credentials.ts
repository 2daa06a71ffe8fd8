import { createHash, timingSafeEqual } from "node:crypto";
import { type Identity, isValidId } from "@ecology/protocol";
import {
  type CredentialStore,
  createCredentialStore,
  OPERATOR_PREFIX,
  principalOf,
  VIEWER_PREFIX,
} from "./credentials.js";

/**
 * The named records a shared credential store keeps in the economy's database: the structural
 * shape of `@ecology/kernel`'s `kernel.credentials` (values are opaque strings; here, SHA-256
 * digests of tokens in hex, never a token).
 */
export interface CredentialRecords {
  get(name: string): string | undefined;
  put(name: string, value: string): void;
  list(prefix: string): { name: string; value: string }[];
}

/** Record names: one digest per principal; one per folder's operator and viewer token. */
const OPERATOR = "operator:";
const VIEWER = "viewer:";
const PRINCIPAL = "principal:";

/** The SHA-256 digest of `token` in hex: what the database holds instead of the token. */
export function tokenDigest(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Constant-time equality of two hex digests (different lengths are simply unequal). */
function sameDigest(a: string, b: string): boolean {
  const da = Buffer.from(a, "hex");
  const db = Buffer.from(b, "hex");
  return da.length === db.length && da.length > 0 && timingSafeEqual(da, db);
}

/** Whether any of `records` holds `digest`; compares against every one, in constant time each. */
function anyHolds(records: { value: string }[], digest: string): boolean {
  let found = false;
  for (const record of records) found = sameDigest(record.value, digest) || found;
  return found;
}

/**
 * Registers the digest of a folder's operator or viewer token under `prefix`, once. The name is
 * derived from the digest (not the token), so registering the same token again is a no-op and
 * several folders sharing one economy each keep their own token.
 */
function register(records: CredentialRecords, prefix: string, token: string): void {
  const digest = tokenDigest(token);
  if (anyHolds(records.list(prefix), digest)) return;
  records.put(`${prefix}${tokenDigest(digest).slice(0, 16)}`, digest);
}

/**
 * A {@link CredentialStore} whose tokens are checked against the economy's database, for an
 * economy several servers share (DESIGN.md §13): a principal token issued through server A
 * works on server B, even when B runs from another folder. The database holds only SHA-256
 * digests (`principal:<id>`; `operator:…` and `viewer:…`, one per folder whose server or CLI
 * used it); the token files are still written 0600 under `dir`, where the token was created,
 * and `tokenFor` / `storedOperatorToken` read those local files. Issuing a principal's token
 * again replaces its digest, so the old token stops working on every server at once. Lives as
 * long as `records` (the kernel's).
 *
 * @throws whatever `records` throws (the kernel's `storage_failure` when the database is down).
 * @example
 * ```ts
 * const kernel = await createKernel({ storage: "postgres://u:p@db/eco?schema=shop" });
 * const creds = createSharedCredentialStore(".ecology", kernel.credentials);
 * const token = creds.issue("alice"); // file + digest in the database
 * creds.authenticate(token); // { kind: "principal", id: "alice" }, on any server of the economy
 * ```
 */
export function createSharedCredentialStore(
  dir: string,
  records: CredentialRecords,
): CredentialStore {
  const files = createCredentialStore(dir);
  return {
    dir,
    operatorToken() {
      const token = files.operatorToken();
      register(records, OPERATOR, token);
      return token;
    },
    storedOperatorToken: () => files.storedOperatorToken(),
    viewerToken() {
      const token = files.viewerToken();
      register(records, VIEWER, token);
      return token;
    },
    storedViewerToken: () => files.storedViewerToken(),
    issue(principal) {
      const token = files.issue(principal);
      records.put(`${PRINCIPAL}${principal}`, tokenDigest(token));
      return token;
    },
    tokenFor: (principal) => files.tokenFor(principal),
    authenticate: (token) => authenticateShared(records, token),
  };
}

/** Who `token` belongs to by the database's digests; undefined for an unknown token. */
function authenticateShared(
  records: CredentialRecords,
  token: string | undefined,
): Identity | undefined {
  const kind = token === undefined ? undefined : tokenKind(token);
  if (token === undefined || kind === undefined) return undefined;
  const digest = tokenDigest(token);
  if (kind.kind === "operator")
    return anyHolds(records.list(OPERATOR), digest) ? { kind: "operator" } : undefined;
  if (kind.kind === "viewer")
    return anyHolds(records.list(VIEWER), digest) ? { kind: "viewer" } : undefined;
  const stored = records.get(`${PRINCIPAL}${kind.id}`);
  return stored !== undefined && sameDigest(stored, digest)
    ? { kind: "principal", id: kind.id }
    : undefined;
}

/** What a token claims to be, from its prefix (the database then confirms or refuses it). */
function tokenKind(
  token: string,
): { kind: "operator" } | { kind: "viewer" } | { kind: "principal"; id: string } | undefined {
  if (token.startsWith(OPERATOR_PREFIX)) return { kind: "operator" };
  if (token.startsWith(VIEWER_PREFIX)) return { kind: "viewer" };
  const id = principalOf(token);
  return id !== undefined && isValidId(id) ? { kind: "principal", id } : undefined;
}
