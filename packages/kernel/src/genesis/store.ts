import { QUERY_KINDS } from "@ecology/protocol";
import { summarize } from "../artifacts.js";
import { refuse } from "../refusal.js";
import type { ListingRow } from "../storage/storage.js";
import type { JsonValue } from "../types.js";
import { isValidId } from "../validate.js";
import type { StorageFacet } from "../world.js";
import { type GenesisArtifact, genesisInfo } from "./genesis-artifact.js";

type Filters = { [key: string]: unknown };

function page(f: Filters): { limit: number; offset: number } {
  const limit = f.limit ?? 100;
  const offset = f.offset ?? 0;
  if (!Number.isInteger(limit) || (limit as number) < 1 || (limit as number) > 1000)
    refuse("invalid_argument", "limit must be an integer from 1 to 1000");
  if (!Number.isInteger(offset) || (offset as number) < 0)
    refuse("invalid_argument", "offset must be a non-negative integer");
  return { limit: limit as number, offset: offset as number };
}

function optionalString(f: Filters, key: string, id = true): string | null {
  const v = f[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "string" || (id && !isValidId(v)) || v.length > 128)
    refuse(
      "invalid_argument",
      `${key} must be ${id ? "a valid id" : "a string of at most 128 characters"}`,
    );
  return v;
}

function onlyKeys(f: Filters, keys: string[]): void {
  const extra = Object.keys(f).filter((k) => !keys.includes(k));
  if (extra.length > 0)
    refuse("invalid_argument", `unknown filter ${extra.join(", ")}; use ${keys.join(", ")}`);
}

/** Lists listings (all statuses unless filtered) as JSON. */
export function listingJson(l: ListingRow): { [key: string]: JsonValue } {
  return { ...l };
}

/**
 * Discovery shared by `kernel.query`, `ctx.query` and `genesis_store.query`:
 * `"artifacts"` `{ nameContains, owner, kind, limit, offset }`, `"principals"` `{ limit, offset }`,
 * `"listings"` `{ status, seller, limit, offset }`.
 */
export function queryStore(world: StorageFacet, kind: unknown, filters: unknown): JsonValue {
  const f = (filters ?? {}) as Filters;
  if (typeof f !== "object" || Array.isArray(f))
    refuse("invalid_argument", "filters must be an object");
  switch (kind) {
    case "artifacts": {
      onlyKeys(f, ["nameContains", "owner", "kind", "limit", "offset"]);
      const k = f.kind ?? null;
      if (k !== null && k !== "data" && k !== "contract" && k !== "genesis")
        refuse("invalid_argument", 'kind must be "data", "contract" or "genesis"');
      const rows = world.storage.queryArtifacts({
        nameContains: optionalString(f, "nameContains", false),
        owner: optionalString(f, "owner"),
        kind: k,
        ...page(f),
      });
      return rows.map(summarize);
    }
    case "principals": {
      onlyKeys(f, ["limit", "offset"]);
      const { limit, offset } = page(f);
      return world.storage
        .listPrincipals(limit, offset)
        .map((p) => ({ ...p, balance: world.storage.getBalance(p.id) }));
    }
    case "listings": {
      onlyKeys(f, ["status", "seller", "limit", "offset"]);
      const status = f.status ?? null;
      if (
        status !== null &&
        status !== "active" &&
        status !== "completed" &&
        status !== "cancelled"
      )
        refuse("invalid_argument", 'status must be "active", "completed" or "cancelled"');
      return world.storage
        .queryListings({ status, seller: optionalString(f, "seller"), ...page(f) })
        .map(listingJson);
    }
    default:
      return refuse(
        "invalid_argument",
        `unknown query kind ${JSON.stringify(kind) ?? "undefined"}; use ${QUERY_KINDS.join(", ")}`,
      );
  }
}

/** `genesis_store`: discovery of artifacts, principals and listings. */
export const genesisStore: GenesisArtifact = {
  ...genesisInfo("genesis_store"),
  methods: {
    query({ world }, [kind, filters]) {
      return queryStore(world, kind, filters);
    },
  },
};
