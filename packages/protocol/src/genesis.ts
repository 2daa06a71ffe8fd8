import { QUERY_KINDS } from "./artifacts.js";
import type { JsonValue } from "./json.js";
import type { Manifest, ManifestMethod, ManifestParam } from "./manifest.js";

/** A genesis artifact as tools see it: its id, what it is for, and its manifest. */
export interface GenesisArtifactInfo {
  id: GenesisId;
  /** The SDK's typed ref name: `genesis.ledger`, `genesis.escrow`, … */
  ref: "ledger" | "escrow" | "eventLog" | "store";
  description: string;
  manifest: Manifest;
}

/** The ids of the four genesis artifacts (DESIGN.md §2.4). */
export const GENESIS_IDS = [
  "genesis_ledger",
  "genesis_escrow",
  "genesis_event_log",
  "genesis_store",
] as const;

/** One of {@link GENESIS_IDS}. */
export type GenesisId = (typeof GENESIS_IDS)[number];

/** The owner of artifacts in escrow custody. */
export const ESCROW_ID = "genesis_escrow" satisfies GenesisId;

const ID = { type: "string" } as const;
const INTEGER = { type: "integer" } as const;
const FILTERS = { type: "object" } as const;

function p(
  name: string,
  type: string,
  schema: { [key: string]: JsonValue },
  optional = false,
): ManifestParam {
  return optional ? { name, type, schema, optional } : { name, type, schema };
}

function m(
  kind: ManifestMethod["kind"],
  name: string,
  params: ManifestParam[],
  returns: string,
  description: string,
): ManifestMethod {
  return { name, kind, params, returns, description };
}

const ARTIFACTS: readonly GenesisArtifactInfo[] = [
  {
    id: "genesis_ledger",
    ref: "ledger",
    description:
      "Scrip balances and transfers; every transfer spends the immediate caller's own wallet.",
    manifest: {
      reentrant: true,
      methods: [
        m(
          "view",
          "balance",
          [p("id", "string", ID, true)],
          "number",
          "A balance (default: the caller's).",
        ),
        m(
          "method",
          "transfer",
          [p("to", "string", ID), p("amount", "number", INTEGER)],
          "{ from: string; to: string; amount: number; balance: number }",
          "Moves scrip from the caller's wallet to another principal or artifact.",
        ),
        m(
          "method",
          "transferOwnership",
          [p("artifactId", "string", ID), p("to", "string", ID)],
          "{ artifactId: string; owner: string }",
          "Gives an artifact the caller owns to another principal or artifact.",
        ),
        m("view", "allBalances", [], "Record<string, number>", "Every non-zero balance."),
      ],
    },
  },
  {
    id: "genesis_escrow",
    ref: "escrow",
    description:
      "Trustless trading: the escrow takes custody of an artifact until purchase or cancel.",
    manifest: {
      reentrant: true,
      methods: [
        m(
          "method",
          "deposit",
          [
            p("artifactId", "string", ID),
            p("price", "number", INTEGER),
            p("buyer", "string | null", { type: ["string", "null"] }, true),
          ],
          "EscrowListing",
          "Lists an artifact the caller owns for sale; the escrow holds it until purchase or cancel.",
        ),
        m(
          "method",
          "purchase",
          [p("artifactId", "string", ID)],
          "EscrowListing",
          "Buys a listed artifact: the price goes to the seller and the artifact to the caller, atomically.",
        ),
        m(
          "method",
          "cancel",
          [p("artifactId", "string", ID)],
          "EscrowListing",
          "The seller takes a listed artifact back.",
        ),
        m(
          "view",
          "check",
          [p("artifactId", "string", ID)],
          "EscrowListing",
          "An artifact's listing.",
        ),
        m(
          "view",
          "listActive",
          [
            p(
              "options",
              "{ limit?: number; offset?: number }",
              { type: "object", properties: { limit: INTEGER, offset: INTEGER } },
              true,
            ),
          ],
          "ListingPage",
          "Active listings, a page at a time.",
        ),
      ],
    },
  },
  {
    id: "genesis_event_log",
    ref: "eventLog",
    description:
      "The event history: read({ limit, after, before, types, principal, artifact }) and count(filters).",
    manifest: {
      reentrant: true,
      methods: [
        m(
          "view",
          "read",
          [p("filters", "EventFilter", FILTERS, true)],
          "EventPage",
          "A page of events matching the filters.",
        ),
        m(
          "view",
          "count",
          [p("filters", "EventFilter", FILTERS, true)],
          "number",
          "How many events match the filters.",
        ),
      ],
    },
  },
  {
    id: "genesis_store",
    ref: "store",
    description: 'Discovery: query("artifacts" | "principals" | "listings", filters).',
    manifest: {
      reentrant: true,
      methods: [
        m(
          "view",
          "query",
          [
            p("kind", '"artifacts" | "principals" | "listings"', {
              type: "string",
              enum: [...QUERY_KINDS],
            }),
            p("filters", "object", { type: "object" }, true),
          ],
          "unknown[]",
          "Lists artifacts, principals or escrow listings matching the filters.",
        ),
      ],
    },
  },
];

/**
 * The four genesis artifacts with their manifests: the one description the kernel executes and
 * tools (SDK refs, language server, CLI, MCP) describe. A fresh copy on every call.
 *
 * @example
 * ```ts
 * genesisArtifacts().map((a) => a.id); // ["genesis_ledger", "genesis_escrow", ...]
 * ```
 */
export function genesisArtifacts(): GenesisArtifactInfo[] {
  return structuredClone(ARTIFACTS) as GenesisArtifactInfo[];
}

/**
 * The genesis manifests by id. A fresh copy on every call.
 *
 * @example
 * ```ts
 * genesisManifests().genesis_ledger.methods.map((m) => m.name); // ["balance", "transfer", ...]
 * ```
 */
export function genesisManifests(): { [id: string]: Manifest } {
  return Object.fromEntries(genesisArtifacts().map((a) => [a.id, a.manifest]));
}

/** Whether `id` names a genesis artifact. */
export function isGenesisId(id: unknown): id is GenesisId {
  return typeof id === "string" && (GENESIS_IDS as readonly string[]).includes(id);
}
