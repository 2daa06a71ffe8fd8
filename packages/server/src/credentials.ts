import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Identity, isValidId } from "@ecology/protocol";
import { ServerError } from "./server-error.js";

/**
 * Bearer tokens kept 0600 under an `.ecology/` folder: `operator.token`, `viewer.token` (the
 * read-only explorer token, DESIGN.md §12) and `tokens/<principal>.token`. A principal token names its principal
 * (`ecology_p_<base64url(id)>.<secret>`) so it can be checked against exactly one stored token.
 */
export interface CredentialStore {
  /** The folder holding the tokens. */
  readonly dir: string;
  /**
   * The operator token, created (and written 0600) when none is stored: the one explicit way
   * to make one (`ecology init`, `createServer`).
   */
  operatorToken(): string;
  /** The operator token if one is stored; never creates one. */
  storedOperatorToken(): string | undefined;
  /**
   * The viewer token (`ecology_view_<secret>`), created (and written 0600) when none is stored:
   * made beside the operator token by `ecology init` and `createServer`. It sees metadata only.
   */
  viewerToken(): string;
  /** The viewer token if one is stored; never creates one. */
  storedViewerToken(): string | undefined;
  /** Creates (or replaces) the token of `principal`, stores it 0600 and returns it. */
  issue(principal: string): string;
  /** The stored token of `principal`, or undefined when it has none. */
  tokenFor(principal: string): string | undefined;
  /**
   * Who `token` belongs to, compared in constant time; undefined for an unknown token. Only
   * reads: a folder without an operator token accepts no operator token, and gets none.
   */
  authenticate(token: string | undefined): Identity | undefined;
}

/** How an operator token starts. */
export const OPERATOR_PREFIX = "ecology_op_";
const PRINCIPAL_PREFIX = "ecology_p_";
/** How a viewer token starts. */
export const VIEWER_PREFIX = "ecology_view_";

function secret(): string {
  return randomBytes(32).toString("base64url");
}

/** Constant-time equality of two strings of any length: compares their SHA-256 digests. */
function sameToken(a: string, b: string): boolean {
  const da = createHash("sha256").update(a).digest();
  const db = createHash("sha256").update(b).digest();
  return timingSafeEqual(da, db);
}

function writePrivate(file: string, text: string): void {
  // Write beside, then rename: a reader never sees a half-written token, and the mode is 0600
  // from the first byte (chmod too, because `mode` is ignored when the file already exists).
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text, { mode: 0o600 });
  chmodSync(tmp, 0o600);
  renameSync(tmp, file);
}

function readToken(file: string): string | undefined {
  if (!existsSync(file)) return undefined;
  return readFileSync(file, "utf8").trim();
}

/**
 * Opens the credentials of an `.ecology/` folder; the folder (0700) is created on first write.
 * Tokens are cached in memory; a token another process created later is read on first use.
 *
 * @throws ServerError `credentials` when a token is written but the folder cannot be created.
 * @example
 * ```ts
 * const creds = createCredentialStore(".ecology");
 * const token = creds.issue("alice");
 * creds.authenticate(token); // { kind: "principal", id: "alice" }
 * ```
 */
export function createCredentialStore(dir: string): CredentialStore {
  const tokensDir = join(dir, "tokens");
  // Folders are made on first write only, so merely looking for a token leaves no trace.
  const ensureDirs = () => {
    try {
      mkdirSync(tokensDir, { recursive: true, mode: 0o700 });
    } catch (cause) {
      throw new ServerError("credentials", `cannot create ${tokensDir}`, { cause });
    }
  };
  const cache = new Map<string, string>();
  let operator: string | undefined;
  let viewer: string | undefined;
  const principalFile = (id: string) => join(tokensDir, `${id}.token`);
  const viewerFile = join(dir, "viewer.token");

  const store: CredentialStore = {
    dir,
    operatorToken() {
      if (operator) return operator;
      const file = join(dir, "operator.token");
      operator = readToken(file);
      if (!operator) {
        operator = `${OPERATOR_PREFIX}${secret()}`;
        ensureDirs();
        writePrivate(file, `${operator}\n`);
      }
      return operator;
    },
    storedOperatorToken() {
      operator ??= readToken(join(dir, "operator.token"));
      return operator;
    },
    viewerToken() {
      viewer ??= readToken(viewerFile);
      if (!viewer) {
        viewer = `${VIEWER_PREFIX}${secret()}`;
        ensureDirs();
        writePrivate(viewerFile, `${viewer}\n`);
      }
      return viewer;
    },
    storedViewerToken() {
      viewer ??= readToken(viewerFile);
      return viewer;
    },
    issue(principal) {
      const token = `${PRINCIPAL_PREFIX}${Buffer.from(principal).toString("base64url")}.${secret()}`;
      ensureDirs();
      writePrivate(principalFile(principal), `${token}\n`);
      cache.set(principal, token);
      return token;
    },
    tokenFor(principal) {
      const cached = cache.get(principal);
      if (cached) return cached;
      const token = readToken(principalFile(principal));
      if (token) cache.set(principal, token);
      return token;
    },
    authenticate(token) {
      if (!token) return undefined;
      if (token.startsWith(OPERATOR_PREFIX)) {
        const operatorToken = store.storedOperatorToken();
        return operatorToken && sameToken(token, operatorToken) ? { kind: "operator" } : undefined;
      }
      if (token.startsWith(VIEWER_PREFIX)) {
        const viewerToken = store.storedViewerToken();
        return viewerToken && sameToken(token, viewerToken) ? { kind: "viewer" } : undefined;
      }
      const id = principalOf(token);
      // Only well-formed ids name token files: `..` or `a/b` must never reach a path.
      if (id === undefined || !isValidId(id)) return undefined;
      const expected = store.tokenFor(id);
      return expected && sameToken(token, expected) ? { kind: "principal", id } : undefined;
    },
  };
  return store;
}

/** The id a principal token (`ecology_p_<base64url(id)>.<secret>`) names, unchecked; or undefined. */
export function principalOf(token: string): string | undefined {
  if (!token.startsWith(PRINCIPAL_PREFIX)) return undefined;
  const body = token.slice(PRINCIPAL_PREFIX.length);
  const dot = body.indexOf(".");
  if (dot <= 0) return undefined;
  return Buffer.from(body.slice(0, dot), "base64url").toString("utf8");
}
