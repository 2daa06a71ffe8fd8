import { QUERY_KINDS } from "../artifacts.js";
import { EVENT_TYPE_PATTERN, type EventType, MAX_EVENT_PAGE } from "../events.js";
import { GRANT_TARGET_PATTERN } from "../grants.js";
import { ID_PATTERN, ID_RULE } from "../ids.js";
import { JOURNAL_OPS } from "../journal.js";
import { s } from "../schema/schema.js";

/** A principal or artifact id. */
export const ID = s.string({ pattern: ID_PATTERN, description: `an id: ${ID_RULE}` });

/** An amount of scrip: a non-negative safe integer. */
export const AMOUNT = s.integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

/** A JSON object of anything. */
export const JSON_OBJECT = s.record(s.json());

const ALLOW_LIST = s.union([s.literal("*"), s.array(ID)], {
  description: '"*" (everyone) or a list of ids',
});

/** A whole policy, as artifacts carry it. */
export const POLICY = s.object({
  readPrice: AMOUNT,
  invokePrice: AMOUNT,
  methodPrices: s.optional(s.record(AMOUNT)),
  allowRead: ALLOW_LIST,
  allowInvoke: ALLOW_LIST,
  gate: s.optional(ID),
  upgradable: s.optional(s.boolean()),
});

/** Policy fields to set (every field optional). */
export const POLICY_CHANGE = s.object({
  readPrice: s.optional(AMOUNT),
  invokePrice: s.optional(AMOUNT),
  methodPrices: s.optional(s.record(AMOUNT)),
  allowRead: s.optional(ALLOW_LIST),
  allowInvoke: s.optional(ALLOW_LIST),
  gate: s.optional(ID),
  upgradable: s.optional(
    s.boolean({ description: "contracts only; can be switched off, never on" }),
  ),
});

const MANIFEST_PARAM = s.object(
  {
    name: s.string(),
    type: s.string(),
    schema: s.optional(JSON_OBJECT),
    optional: s.optional(s.boolean()),
  },
  { strict: false },
);

/** A contract's manifest. */
export const MANIFEST = s.object(
  {
    methods: s.array(
      s.object(
        {
          name: s.string(),
          kind: s.enum(["method", "view"]),
          params: s.array(MANIFEST_PARAM),
          returns: s.optional(s.string()),
          price: s.optional(AMOUNT),
          description: s.optional(s.string()),
        },
        { strict: false },
      ),
    ),
    init: s.optional(s.object({ params: s.array(MANIFEST_PARAM) }, { strict: false })),
    migrate: s.optional(s.object({ params: s.array(MANIFEST_PARAM) }, { strict: false })),
    reentrant: s.boolean(),
  },
  { strict: false },
);

/** Compiled contract code. */
export const CODE = s.object({
  js: s.string(),
  sourceMap: s.optional(s.string()),
  source: s.optional(s.string()),
  manifest: MANIFEST,
});

const KIND = s.enum(["data", "contract", "genesis"]);

/** An event type name. */
export const EVENT_TYPE = s.custom<EventType>({
  type: "string",
  pattern: EVENT_TYPE_PATTERN.source,
  description: "an event type such as artifact.created or contract.<name>",
});

/** One event of the log. */
export const EVENT = s.object({
  seq: s.integer(),
  time: s.integer(),
  tx: s.string(),
  type: EVENT_TYPE,
  actor: s.string(),
  target: s.optional(s.string()),
  data: JSON_OBJECT,
  hash: s.string(),
});

/** Event filters. */
export const EVENT_FILTER = s.object({
  limit: s.optional(s.integer({ minimum: 1, maximum: MAX_EVENT_PAGE })),
  after: s.optional(s.integer({ minimum: 0 })),
  before: s.optional(s.integer({ minimum: 0 })),
  types: s.optional(s.array(EVENT_TYPE, { maxItems: 32 })),
  principal: s.optional(ID),
  artifact: s.optional(ID),
});

/** A page of events. */
export const EVENT_PAGE = s.object({ events: s.array(EVENT), next: s.nullable(s.integer()) });

/** Artifact discovery filters. */
export const ARTIFACT_FILTER = s.object({
  owner: s.optional(ID),
  kind: s.optional(KIND),
  nameContains: s.optional(s.string({ maxLength: 128 })),
  limit: s.optional(s.integer({ minimum: 1, maximum: 1000 })),
  offset: s.optional(s.integer({ minimum: 0 })),
});

/** An artifact as discovery summarises it. */
export const ARTIFACT_SUMMARY = s.object({
  id: s.string(),
  kind: KIND,
  owner: s.string(),
  createdBy: s.string(),
  version: s.integer(),
  updatedAt: s.integer(),
  policy: POLICY,
  metadata: JSON_OBJECT,
});

/** A whole artifact (operator view). */
export const ARTIFACT = s.object({
  id: s.string(),
  kind: KIND,
  owner: s.string(),
  createdBy: s.string(),
  createdAt: s.integer(),
  updatedAt: s.integer(),
  version: s.integer(),
  content: s.optional(s.json()),
  code: s.optional(CODE),
  state: s.optional(s.json()),
  policy: POLICY,
  metadata: JSON_OBJECT,
  deleted: s.boolean(),
});

/** A principal as discovery lists it. */
export const PRINCIPAL_SUMMARY = s.object({
  id: s.string(),
  createdAt: s.integer(),
  balance: AMOUNT,
});

/** An escrow listing. */
export const LISTING = s.object({
  artifactId: s.string(),
  seller: s.string(),
  price: AMOUNT,
  buyer: s.nullable(s.string()),
  status: s.enum(["active", "completed", "cancelled"]),
  createdAt: s.integer(),
  closedAt: s.nullable(s.integer()),
});

/** What discovery can list. */
export const QUERY_KIND = s.enum(QUERY_KINDS);

/** The identity a token stands for. */
export const IDENTITY = s.union([
  s.object({ kind: s.literal("operator") }),
  s.object({ kind: s.literal("principal"), id: s.string() }),
  s.object({
    kind: s.literal("grant"),
    id: s.string({ description: "the principal the grant acts as" }),
    grant: s.string({ description: "the grant's id" }),
  }),
]);

/** What a grant admits: any target, or artifact ids and `artifact.method` entries. */
export const GRANT_TARGETS = s.union([
  s.literal("*"),
  s.array(
    s.string({
      pattern: GRANT_TARGET_PATTERN,
      description: "an artifact id (any operation on it) or artifact.method (only that method)",
    }),
    { maxItems: 64 },
  ),
]);

/** The limits of a new grant (DESIGN.md §10). */
export const GRANT_LIMITS = {
  spend: s.optional(
    s.integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description:
        "total scrip it may move out of the wallet (prices + values + transfers); default 0",
    }),
  ),
  perCall: s.optional(
    s.integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: "the most one call may move",
    }),
  ),
  targets: s.optional(GRANT_TARGETS),
  readOnly: s.optional(s.boolean({ description: "only reads and views" })),
  expiresAt: s.optional(
    s.integer({ minimum: 0, description: "kernel time (ms since the epoch) it stops working" }),
  ),
  confirmAbove: s.optional(
    s.integer({
      minimum: 0,
      maximum: Number.MAX_SAFE_INTEGER,
      description: "a call moving more is refused unless it carries confirmed: true",
    }),
  ),
};

/** A grant as listed (DESIGN.md §10); the token is never part of it. */
export const GRANT = s.object({
  id: s.string(),
  principal: s.string(),
  spend: AMOUNT,
  perCall: s.optional(AMOUNT),
  targets: GRANT_TARGETS,
  readOnly: s.boolean(),
  expiresAt: s.optional(s.integer()),
  confirmAbove: s.optional(AMOUNT),
  spent: AMOUNT,
  revoked: s.boolean(),
  createdAt: s.integer(),
});

/** The outcome of verifying the hash chain. */
export const VERIFY_RESULT = s.union([
  s.object({ ok: s.literal(true), count: s.integer() }),
  s.object({ ok: s.literal(false), seq: s.integer(), reason: s.string() }),
]);

/** The most journal records one page holds. */
export const MAX_JOURNAL_PAGE = 1000;

/** One journal record (DESIGN.md §9). */
export const JOURNAL_RECORD = s.object({
  seq: s.integer({ minimum: 1 }),
  tx: s.string(),
  time: s.integer(),
  origin: s.string(),
  op: s.enum(JOURNAL_OPS),
  params: JSON_OBJECT,
  outcome: s.object({
    success: s.boolean(),
    envelope: s.string(),
    eventHead: s.string(),
    events: s.integer({ minimum: 0 }),
    states: s.string(),
  }),
  hash: s.string(),
});

/** A page of the journal. */
export const JOURNAL_PAGE = s.object({
  records: s.array(JOURNAL_RECORD),
  next: s.nullable(s.integer()),
});

const SCRIP_MOVE = s.object({ from: s.nullable(s.string()), to: s.string(), amount: AMOUNT });
const OWNER_CHANGE = s.object({ artifact: s.string(), from: s.string(), to: s.string() });
const STATE_CHANGE = s.object({ artifact: s.string(), before: s.json(), after: s.json() });

/** A transaction's trace (DESIGN.md §12); frames nest, so `calls` are described, not spelled out. */
export const TRACE = s.object({
  tx: s.string(),
  seq: s.integer(),
  time: s.integer(),
  origin: s.string(),
  op: s.enum(JOURNAL_OPS),
  params: JSON_OBJECT,
  success: s.boolean(),
  error: s.optional(s.json()),
  summary: s.string({ description: "what the transaction did, in one line of plain words" }),
  calls: s.array(
    s.json({
      description:
        "a frame: { caller, target, method, kind, depth, args, value, price, compute, success, result?, error?, rolledBack, states, events, calls }",
    }),
  ),
  scrip: s.array(SCRIP_MOVE),
  ownership: s.array(OWNER_CHANGE),
  states: s.array(STATE_CHANGE),
  events: s.array(EVENT),
  faithful: s.boolean(),
});

/** The shared schemas of the wire, by name (params and results of the RPC table are built from them). */
export const SCHEMAS = {
  ID,
  AMOUNT,
  JSON_OBJECT,
  POLICY,
  POLICY_CHANGE,
  MANIFEST,
  CODE,
  EVENT_TYPE,
  EVENT,
  EVENT_FILTER,
  EVENT_PAGE,
  ARTIFACT_FILTER,
  ARTIFACT_SUMMARY,
  ARTIFACT,
  PRINCIPAL_SUMMARY,
  LISTING,
  QUERY_KIND,
  IDENTITY,
  GRANT,
  GRANT_TARGETS,
  VERIFY_RESULT,
  JOURNAL_RECORD,
  JOURNAL_PAGE,
  TRACE,
} as const;
