import { randomBytes, timingSafeEqual } from "node:crypto";
import { GRANT_TOKEN_PREFIX } from "@ecology/protocol";
import { sha256 } from "../hash.js";
import type { GrantRow, Storage } from "../storage/storage.js";

/** A fresh grant secret: 32 random bytes, base64url. */
export function newGrantSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** What the kernel stores of a secret: its sha256, hex. */
export function hashGrantSecret(secret: string): string {
  return sha256(secret);
}

/** The bearer token of grant `id`: `ecology_g_<id>.<secret>`. */
export function grantToken(id: string, secret: string): string {
  return `${GRANT_TOKEN_PREFIX}${id}.${secret}`;
}

/**
 * The grant a token names when its secret matches (compared in constant time), whatever the
 * grant's state; undefined for anything else. Never throws.
 */
export function grantOfToken(storage: Storage, token: unknown): GrantRow | undefined {
  if (typeof token !== "string" || !token.startsWith(GRANT_TOKEN_PREFIX)) return undefined;
  if (token.length > 512) return undefined;
  const body = token.slice(GRANT_TOKEN_PREFIX.length);
  // Grant ids hold no dot, so the first dot ends the id.
  const dot = body.indexOf(".");
  if (dot <= 0) return undefined;
  const row = storage.getGrant(body.slice(0, dot));
  if (!row) return undefined;
  const given = Buffer.from(hashGrantSecret(body.slice(dot + 1)), "hex");
  const stored = Buffer.from(row.secretHash, "hex");
  return given.length === stored.length && timingSafeEqual(given, stored) ? row : undefined;
}
