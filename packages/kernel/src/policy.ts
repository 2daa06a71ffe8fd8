import { refuse } from "./refusal.js";
import type { ArtifactRow } from "./storage/storage.js";
import type { AllowList, JsonValue, Policy } from "./types.js";
import { isAmount, isValidId, isValidMethodName } from "./validate.js";

/**
 * The policy of an artifact created without one: free and open to everyone. Frozen; fields
 * given at `write` / `deploy` / `setPolicy` are merged over it.
 *
 * @example
 * ```ts
 * kernel.write("alice", "doc", { text: "hi" }, { policy: { ...DEFAULT_POLICY, readPrice: 1 } });
 * ```
 */
export const DEFAULT_POLICY: Readonly<Policy> = Object.freeze({
  readPrice: 0,
  invokePrice: 0,
  allowRead: "*",
  allowInvoke: "*",
});

const POLICY_KEYS = new Set([
  "readPrice",
  "invokePrice",
  "methodPrices",
  "allowRead",
  "allowInvoke",
  "gate",
  "upgradable",
]);

/**
 * Validates a (partial) policy and merges it over `base`. Refuses (`invalid_argument`) unknown
 * keys, negative or fractional prices, malformed allow lists and gate ids.
 */
export function mergePolicy(input: unknown, base: Policy = DEFAULT_POLICY): Policy {
  if (input === undefined || input === null) return { ...base };
  if (typeof input !== "object" || Array.isArray(input))
    refuse("invalid_argument", "policy must be an object");
  const p = input as { [key: string]: unknown };
  const unknown = Object.keys(p).filter((k) => !POLICY_KEYS.has(k));
  if (unknown.length > 0) {
    refuse(
      "invalid_argument",
      `unknown policy field ${unknown.join(", ")}; use ${[...POLICY_KEYS].join(", ")}`,
    );
  }
  const out: Policy = { ...base };
  for (const k of ["readPrice", "invokePrice"] as const) {
    if (p[k] === undefined) continue;
    if (!isAmount(p[k])) refuse("invalid_argument", `${k} must be a non-negative safe integer`);
    out[k] = p[k];
  }
  if (p.methodPrices !== undefined) out.methodPrices = checkMethodPrices(p.methodPrices);
  for (const k of ["allowRead", "allowInvoke"] as const) {
    if (p[k] !== undefined) out[k] = checkAllowList(k, p[k]);
  }
  if (p.gate !== undefined) {
    if (p.gate === null) delete out.gate;
    else if (!isValidId(p.gate))
      refuse("invalid_argument", "gate must be the id of a contract artifact");
    else out.gate = p.gate;
  }
  if (p.upgradable !== undefined) {
    if (typeof p.upgradable !== "boolean")
      refuse("invalid_argument", "upgradable must be a boolean");
    // Absent means false: only `true` is stored.
    if (p.upgradable) out.upgradable = true;
    else delete out.upgradable;
  }
  return out;
}

/**
 * Refuses an upgradability the artifact may not have: on anything but a contract
 * (`invalid_argument`), or switched back on once off (`not_authorized` — DESIGN.md §9: holders
 * of a contract rely on its code never changing again once the owner gave that up). `before`
 * is undefined at creation, where a contract may start upgradable.
 */
export function checkUpgradable(kind: string, before: Policy | undefined, after: Policy): void {
  if (after.upgradable !== true) return;
  if (kind !== "contract")
    refuse("invalid_argument", `only contracts can be upgradable; this is a ${kind} artifact`);
  if (before !== undefined && before.upgradable !== true)
    refuse(
      "not_authorized",
      "upgradable can be switched off but never back on; deploy a new contract instead",
      { reason: "not_upgradable" },
    );
}

function checkMethodPrices(v: unknown): { [method: string]: number } {
  if (typeof v !== "object" || v === null || Array.isArray(v))
    refuse("invalid_argument", "methodPrices must be an object of method → price");
  const out: { [method: string]: number } = {};
  for (const [m, price] of Object.entries(v)) {
    if (!isValidMethodName(m))
      refuse("invalid_argument", `methodPrices has an invalid method name ${JSON.stringify(m)}`);
    if (!isAmount(price))
      refuse("invalid_argument", `methodPrices.${m} must be a non-negative safe integer`);
    out[m] = price;
  }
  return out;
}

function checkAllowList(name: string, v: unknown): AllowList {
  if (v === "*") return "*";
  if (!Array.isArray(v) || !v.every(isValidId) || v.length > 1000) {
    refuse("invalid_argument", `${name} must be "*" or an array of at most 1000 ids`);
  }
  return [...new Set(v as string[])];
}

/** Parses a stored policy. */
export function parsePolicy(row: ArtifactRow): Policy {
  // Policies are read on every invoke and rarely change: memoise the parse by text.
  let policy = parsed.get(row.policy);
  if (!policy) {
    if (parsed.size >= 1000) parsed.clear();
    policy = JSON.parse(row.policy) as Policy;
    parsed.set(row.policy, policy);
  }
  return structuredCloneShallow(policy);
}

const parsed = new Map<string, Policy>();

function structuredCloneShallow(p: Policy): Policy {
  // Callers may merge into the result; hand out a copy so the memo stays intact.
  const copy: Policy = { ...p };
  if (p.methodPrices) copy.methodPrices = { ...p.methodPrices };
  if (Array.isArray(p.allowRead)) copy.allowRead = [...p.allowRead];
  if (Array.isArray(p.allowInvoke)) copy.allowInvoke = [...p.allowInvoke];
  return copy;
}

/** The price of invoking `method` under `policy`. */
export function methodPrice(policy: Policy, method: string): number {
  return policy.methodPrices?.[method] ?? policy.invokePrice;
}

/** Whether a static allow list admits `caller`. */
export function allowListAdmits(list: AllowList, caller: string): boolean {
  return list === "*" || list.includes(caller);
}

/** A JSON view of a policy. */
export function policyJson(policy: Policy): { [key: string]: JsonValue } {
  return JSON.parse(JSON.stringify(policy)) as { [key: string]: JsonValue };
}
