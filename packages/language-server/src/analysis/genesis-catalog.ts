import type { ArtifactInfo, ArtifactMethod, ArtifactParam } from "./types.js";

const ID = { type: "string" };

function p(name: string, type: string, schema: ArtifactParam["schema"], optional = false) {
  const param: ArtifactParam = { name, type, schema: schema ?? {} };
  if (optional) param.optional = true;
  return param;
}

function m(
  kind: ArtifactMethod["kind"],
  name: string,
  params: ArtifactParam[],
  returns: string,
): ArtifactMethod {
  return { name, kind, params, returns };
}

const FILTERS = p("filters", "EventFilter", { type: "object" }, true);

// The same methods as the kernel's genesis manifests (DESIGN.md §2.4); a test compares them.
// Kept here so the language server does not load the kernel (and its native SQLite) to know them.
const GENESIS: readonly ArtifactInfo[] = [
  {
    id: "genesis_ledger",
    origin: "genesis",
    owner: "genesis",
    description: "Balances, transfers from the caller only, ownership transfers.",
    methods: [
      m("view", "balance", [p("id", "string", ID, true)], "number"),
      m(
        "method",
        "transfer",
        [p("to", "string", ID), p("amount", "number", { type: "integer" })],
        "{ from: string; to: string; amount: number; balance: number }",
      ),
      m(
        "method",
        "transferOwnership",
        [p("artifactId", "string", ID), p("to", "string", ID)],
        "{ artifactId: string; owner: string }",
      ),
      m("view", "allBalances", [], "Record<string, number>"),
    ],
  },
  {
    id: "genesis_escrow",
    origin: "genesis",
    owner: "genesis",
    description: "Trustless trading: the escrow takes custody until purchase or cancel.",
    methods: [
      m(
        "method",
        "deposit",
        [
          p("artifactId", "string", ID),
          p("price", "number", { type: "integer" }),
          p("buyer", "string | null", { type: ["string", "null"] }, true),
        ],
        "EscrowListing",
      ),
      m("method", "purchase", [p("artifactId", "string", ID)], "EscrowListing"),
      m("method", "cancel", [p("artifactId", "string", ID)], "EscrowListing"),
      m("view", "check", [p("artifactId", "string", ID)], "EscrowListing"),
      m(
        "view",
        "listActive",
        [p("options", "{ limit?: number; offset?: number }", { type: "object" }, true)],
        "ListingPage",
      ),
    ],
  },
  {
    id: "genesis_event_log",
    origin: "genesis",
    owner: "genesis",
    description: "Indexed reads of the append-only, hash-chained event log.",
    methods: [m("view", "read", [FILTERS], "EventPage"), m("view", "count", [FILTERS], "number")],
  },
  {
    id: "genesis_store",
    origin: "genesis",
    owner: "genesis",
    description: "Discovery of artifacts, principals and listings.",
    methods: [
      m(
        "view",
        "query",
        [
          p("kind", '"artifacts" | "principals" | "listings"', {
            type: "string",
            enum: ["artifacts", "principals", "listings"],
          }),
          p("filters", "object", { type: "object" }, true),
        ],
        "unknown[]",
      ),
    ],
  },
];

/**
 * The SDK's `genesis.<name>` refs and the ids they stand for.
 *
 * @example
 * ```ts
 * GENESIS_REFS.get("eventLog"); // "genesis_event_log"
 * ```
 */
export const GENESIS_REFS: ReadonlyMap<string, string> = new Map([
  ["ledger", "genesis_ledger"],
  ["escrow", "genesis_escrow"],
  ["eventLog", "genesis_event_log"],
  ["store", "genesis_store"],
]);

/**
 * The four genesis artifacts with their methods, parameter types and schemas. A fresh copy on
 * every call, so callers may keep or change it.
 *
 * @example
 * ```ts
 * genesisArtifacts().map((a) => a.id); // ["genesis_ledger", "genesis_escrow", ...]
 * ```
 */
export function genesisArtifacts(): ArtifactInfo[] {
  return structuredClone(GENESIS) as ArtifactInfo[];
}
