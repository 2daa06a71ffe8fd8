import { ID_PATTERN } from "../ids.js";
import type { Infer, Schema } from "../schema/schema.js";
import { s } from "../schema/schema.js";
import {
  AMOUNT,
  ARTIFACT,
  ARTIFACT_FILTER,
  ARTIFACT_SUMMARY,
  CODE,
  EVENT_FILTER,
  EVENT_PAGE,
  GRANT,
  GRANT_LIMITS,
  ID,
  IDENTITY,
  JOURNAL_PAGE,
  JSON_OBJECT,
  LISTING,
  MAX_JOURNAL_PAGE,
  POLICY,
  POLICY_CHANGE,
  PRINCIPAL_SUMMARY,
  QUERY_KIND,
  TRACE,
  VERIFY_RESULT,
} from "./schemas.js";

/** Who may call a method: a principal acting as itself, the operator, or either. */
export type Role = "principal" | "operator" | "any";

/**
 * Who a token stands for: the operator, exactly one principal, or one principal acting under
 * one of its grants (`id` is the principal, `grant` the grant's id).
 */
export type Identity =
  | { kind: "operator" }
  | { kind: "principal"; id: string }
  | { kind: "grant"; id: string; grant: string };

/** One row of the RPC table. */
export interface RpcMethodSpec<P = unknown, R = unknown> {
  /** Who may call it. */
  role: Role;
  /** One line saying what it does, for people and agents. */
  description: string;
  /** Whether it can change the economy (move scrip, append events): false for pure views. */
  mutates: boolean;
  /** Its params: always an object; unknown keys are refused. */
  params: Schema<P>;
  /** The `result` of its success envelope. */
  result: Schema<R>;
  /**
   * Set on methods a grant token may never call, though its role would admit it: the grant
   * methods, so a grant cannot mint itself wider grants. Grant tokens otherwise reach only
   * principal methods and views (`role: "any"`, `mutates: false`).
   */
  refusesGrants?: true;
}

function method<P, R>(spec: RpcMethodSpec<P, R>): RpcMethodSpec<P, R> {
  return spec;
}

const NONE = s.object({});
const ID_ONLY = s.object({ id: ID });
const ID_BALANCE = s.object({ id: s.string(), balance: AMOUNT });
const CONFIRMED = s.optional(
  s.boolean({
    description:
      "under a grant with confirmAbove: the human approved moving more than it (ask first, then retry with true)",
  }),
);
const GRANT_OWNER = s.optional(
  s.string({
    pattern: ID_PATTERN,
    description:
      "the operator only: the principal the grant is for (a principal's own token needs none)",
  }),
);

/**
 * Every JSON-RPC method of an Ecology server (DESIGN.md §8): role, description, params schema and
 * result schema. Every method answers with an envelope whose `result` matches `result`. Servers
 * dispatch by this table, clients are typed by it, and tools (MCP, the explorer) are generated
 * from it.
 *
 * @example
 * ```ts
 * RPC_METHODS.invoke.role; // "principal"
 * validate(RPC_METHODS.invoke.params, { target: "pool", method: "join" }).ok; // true
 * ```
 */
export const RPC_METHODS = {
  invoke: method({
    role: "principal",
    description:
      "Calls a contract or genesis method as the caller, paying its price (at most maxPrice) and attaching value.",
    mutates: true,
    params: s.object({
      target: ID,
      method: s.string({ minLength: 1, maxLength: 128 }),
      args: s.optional(s.array(s.json())),
      value: s.optional(AMOUNT),
      maxPrice: s.optional(AMOUNT),
      confirmed: CONFIRMED,
    }),
    result: s.json({ description: "what the method returned" }),
  }),
  deploy: method({
    role: "principal",
    description: "Deploys compiled contract code owned by the caller and runs its init.",
    mutates: true,
    params: s.object({
      id: s.optional(ID),
      code: CODE,
      args: s.optional(s.array(s.json())),
      policy: s.optional(POLICY_CHANGE),
      metadata: s.optional(JSON_OBJECT),
    }),
    result: s.object({ id: s.string(), codeHash: s.string() }),
  }),
  write: method({
    role: "principal",
    description: "Creates a data artifact owned by the caller, or updates one it owns.",
    mutates: true,
    params: s.object({
      id: ID,
      content: s.json(),
      policy: s.optional(POLICY_CHANGE),
      metadata: s.optional(JSON_OBJECT),
    }),
    result: s.object({ id: s.string(), version: s.integer(), created: s.boolean() }),
  }),
  read: method({
    role: "principal",
    description:
      "Reads an artifact's content (a contract: manifest, state, source), paying its read price.",
    mutates: true,
    params: s.object({ id: ID, confirmed: CONFIRMED }),
    result: s.json({ description: "the content" }),
  }),
  delete: method({
    role: "principal",
    description: "Deletes an artifact the caller owns.",
    mutates: true,
    params: ID_ONLY,
    result: s.object({ id: s.string() }),
  }),
  upgrade: method({
    role: "principal",
    description:
      "Replaces the code of an upgradable contract the caller owns, running the new code's migrate (with args) on the old state.",
    mutates: true,
    params: s.object({ id: ID, code: CODE, args: s.optional(s.array(s.json())) }),
    result: s.object({ id: s.string(), fromCodeHash: s.string(), toCodeHash: s.string() }),
  }),
  setPolicy: method({
    role: "principal",
    description: "Changes fields of the policy of an artifact the caller owns.",
    mutates: true,
    params: s.object({ id: ID, policy: POLICY_CHANGE }),
    result: POLICY,
  }),
  transferOwnership: method({
    role: "principal",
    description: "Gives an artifact the caller owns to another principal or artifact.",
    mutates: true,
    params: s.object({ id: ID, to: ID }),
    result: s.object({ id: s.string(), owner: s.string() }),
  }),
  balance: method({
    role: "any",
    description: "A balance: of id, or of the calling principal.",
    mutates: false,
    params: s.object({ id: s.optional(ID) }),
    result: AMOUNT,
  }),
  balances: method({
    role: "any",
    description: "Every non-zero balance.",
    mutates: false,
    params: NONE,
    result: s.record(AMOUNT),
  }),
  totalMinted: method({
    role: "any",
    description: "All scrip ever minted (always the sum of all balances).",
    mutates: false,
    params: NONE,
    result: AMOUNT,
  }),
  artifacts: method({
    role: "any",
    description: "Discovers artifacts by owner, kind or name.",
    mutates: false,
    params: ARTIFACT_FILTER,
    result: s.array(ARTIFACT_SUMMARY),
  }),
  query: method({
    role: "any",
    description: "Discovers artifacts, principals or escrow listings (as genesis_store.query).",
    mutates: false,
    params: s.object({ kind: QUERY_KIND, filters: s.optional(JSON_OBJECT) }),
    result: s.union([s.array(ARTIFACT_SUMMARY), s.array(PRINCIPAL_SUMMARY), s.array(LISTING)]),
  }),
  events: method({
    role: "any",
    description: "A page of the event log, filtered by type, principal, artifact and seq range.",
    mutates: false,
    params: EVENT_FILTER,
    result: EVENT_PAGE,
  }),
  trace: method({
    role: "any",
    description:
      "A transaction's trace: who called what with which arguments, who paid whom, what changed and why it failed, with a one-line summary. Values allowRead protects are redacted for anyone but the operator.",
    mutates: false,
    params: s.object({
      tx: s.optional(
        s.string({ pattern: /^tx[1-9][0-9]{0,15}$/, description: "a transaction id" }),
      ),
      event: s.optional(
        s.integer({ minimum: 1, description: "the seq of any event of the transaction" }),
      ),
      last: s.optional(s.boolean({ description: "the latest transaction" })),
    }),
    result: TRACE,
  }),
  verifyLog: method({
    role: "any",
    description: "Recomputes the event log's hash chain.",
    mutates: false,
    params: NONE,
    result: VERIFY_RESULT,
  }),
  whoami: method({
    role: "any",
    description: "Who the token acts as.",
    mutates: false,
    params: NONE,
    result: IDENTITY,
  }),
  grantCreate: method({
    role: "any",
    description:
      "Issues a grant: a bearer token acting as the principal within limits (total spend, per-call cap, targets, read-only, expiry, confirmation above an amount). The token is shown once.",
    mutates: true,
    refusesGrants: true,
    params: s.object({ principal: GRANT_OWNER, ...GRANT_LIMITS }),
    result: s.object({
      grant: GRANT,
      token: s.string({ description: "the grant's bearer token" }),
    }),
  }),
  grantList: method({
    role: "any",
    description:
      "The grants of the calling principal (or, for the operator, of principal), newest first.",
    mutates: false,
    refusesGrants: true,
    params: s.object({ principal: GRANT_OWNER }),
    result: s.array(GRANT),
  }),
  grantRevoke: method({
    role: "any",
    description:
      "Revokes a grant of the calling principal (or, for the operator, of principal); its next call is refused.",
    mutates: true,
    refusesGrants: true,
    params: s.object({ id: s.string({ minLength: 1, maxLength: 64 }), principal: GRANT_OWNER }),
    result: GRANT,
  }),
  createPrincipal: method({
    role: "operator",
    description: "Creates an agent principal, minting its starting scrip, and issues its token.",
    mutates: true,
    params: s.object({ id: ID, scrip: s.optional(AMOUNT) }),
    result: ID_BALANCE,
  }),
  mint: method({
    role: "operator",
    description: "Creates new scrip in a wallet.",
    mutates: true,
    params: s.object({ id: ID, amount: AMOUNT }),
    result: ID_BALANCE,
  }),
  journal: method({
    role: "operator",
    description:
      "A page of the journal: every top-level operation with its exact inputs, for export and replay.",
    mutates: false,
    params: s.object({
      after: s.optional(s.integer({ minimum: 0 })),
      limit: s.optional(s.integer({ minimum: 1, maximum: MAX_JOURNAL_PAGE })),
    }),
    result: JOURNAL_PAGE,
  }),
  getArtifact: method({
    role: "operator",
    description: "A whole artifact: content, code, state and policy (no policy applies).",
    mutates: false,
    params: ID_ONLY,
    result: ARTIFACT,
  }),
} as const;

/** Name of a JSON-RPC method. */
export type RpcMethod = keyof typeof RPC_METHODS;

/** The params a method takes. */
export type RpcParams<M extends RpcMethod> = Infer<(typeof RPC_METHODS)[M]["params"]>;

/** The `result` of a method's success envelope. */
export type RpcResult<M extends RpcMethod> = Infer<(typeof RPC_METHODS)[M]["result"]>;

/** Whether `name` is one of {@link RPC_METHODS}. */
export function isRpcMethod(name: string): name is RpcMethod {
  return Object.hasOwn(RPC_METHODS, name);
}
