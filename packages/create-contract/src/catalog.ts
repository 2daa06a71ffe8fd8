import { CreateContractError } from "./create-contract-error.js";
import type { JsonValue } from "./json.js";

/** The names `--template` accepts, in the order the prompt lists them. */
export const TEMPLATE_NAMES = [
  "blank",
  "escrow",
  "pay-per-use",
  "threshold",
  "reputation",
  "gatekeeper",
  "pool",
  "cooperative-service",
] as const;

/** One of {@link TEMPLATE_NAMES}. */
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

/**
 * What the scaffolder knows about a template: where its sources come from, which contract the
 * generated `build`/`deploy` scripts use, and a first deploy + invoke that works on a fresh kernel.
 */
export interface TemplateInfo {
  readonly name: TemplateName;
  /** One line shown in the prompt and in `--help`. */
  readonly hint: string;
  /** Source folder relative to the repository root (an example package, or the blank template). */
  readonly source: string;
  /** The main contract, relative to the project root. */
  readonly contract: string;
  /** Artifact id the `deploy` script uses. */
  readonly artifactId: string;
  /** Constructor args for the first deploy (the deploying principal is `dev`). */
  readonly deployArgs: readonly JsonValue[];
  /** A call that succeeds right after the deploy: method and args. */
  readonly tryInvoke: { readonly method: string; readonly args: readonly JsonValue[] };
}

const info = (t: TemplateInfo): TemplateInfo => t;

/**
 * Every template. All but `blank` are generated from `examples/<name>` at build time, so each
 * one is an example whose tests run in this repository's CI.
 *
 * @example
 * ```ts
 * TEMPLATES.find((t) => t.name === "pool")?.contract; // "src/pool.ts"
 * ```
 */
export const TEMPLATES: readonly TemplateInfo[] = [
  info({
    name: "blank",
    hint: "a minimal counter contract and its tests, to start from scratch",
    source: "packages/create-contract/blank",
    contract: "src/counter.ts",
    artifactId: "counter",
    deployArgs: [0],
    tryInvoke: { method: "increment", args: [1] },
  }),
  info({
    name: "escrow",
    hint: "trustless trading through genesis_escrow, and escrow with arbitration",
    source: "examples/escrow",
    contract: "src/arbitrated-escrow.ts",
    artifactId: "deal",
    deployArgs: ["arbiter", "report", 30],
    tryInvoke: { method: "status", args: [] },
  }),
  info({
    name: "pay-per-use",
    hint: "a tiered data service billed by the kernel, and a paying consumer",
    source: "examples/pay-per-use",
    contract: "src/market-data.ts",
    artifactId: "market-data",
    deployArgs: [[{ symbol: "ACME", price: 42 }]],
    tryInvoke: { method: "summary", args: [] },
  }),
  info({
    name: "threshold",
    hint: "an agreement that executes transfers or calls once enough parties approve",
    source: "examples/threshold",
    contract: "src/agreement.ts",
    artifactId: "agreement",
    deployArgs: [["dev", "bob"], 2],
    tryInvoke: { method: "proposals", args: [] },
  }),
  info({
    name: "reputation",
    hint: "reputation computed from the event log, and a reputation-gated guild",
    source: "examples/reputation",
    contract: "src/reputation-service.ts",
    artifactId: "reputation",
    // The trusted deal contracts (by id or code hash); none yet on a fresh kernel.
    deployArgs: [{ ids: [], codeHashes: [] }],
    tryInvoke: { method: "reputation", args: ["dev"] },
  }),
  info({
    name: "gatekeeper",
    hint: "rules-based access to a protected artifact, usable as a policy gate",
    source: "examples/gatekeeper",
    contract: "src/gatekeeper.ts",
    artifactId: "gatekeeper",
    deployArgs: ["report", { blacklist: [], minBalance: 0 }],
    tryInvoke: { method: "rules", args: [] },
  }),
  info({
    name: "pool",
    hint: "members pool scrip and share revenue in proportion, to the unit",
    source: "examples/pool",
    contract: "src/pool.ts",
    artifactId: "pool",
    deployArgs: [],
    tryInvoke: { method: "members", args: [] },
  }),
  info({
    name: "cooperative-service",
    hint: "pool + pay-per-use + threshold + reputation composed into one service",
    source: "examples/cooperative-service",
    contract: "src/cooperative.ts",
    artifactId: "coop",
    deployArgs: [5, 2],
    tryInvoke: { method: "status", args: [] },
  }),
];

/** Whether `name` is a template name. */
export function isTemplateName(name: string): name is TemplateName {
  return (TEMPLATE_NAMES as readonly string[]).includes(name);
}

/**
 * The catalog entry for `name`.
 *
 * @throws CreateContractError `unknown_template` for a name not in {@link TEMPLATE_NAMES}.
 */
export function templateInfo(name: TemplateName): TemplateInfo {
  const found = TEMPLATES.find((t) => t.name === name);
  if (!found) throw new CreateContractError("unknown_template", `no template named ${name}`);
  return found;
}
