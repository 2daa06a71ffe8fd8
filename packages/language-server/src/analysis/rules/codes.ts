/**
 * The stable codes of the contract rules. Editors and CI filters match on these strings, so a
 * code never changes meaning; new checks get new codes.
 *
 * @example
 * ```ts
 * diagnostics.filter((d) => d.code === RULES.nonDeterminism);
 * ```
 */
export const RULES = {
  nonDeterminism: "non-determinism",
  nodeImport: "node-import",
  nonJsonState: "non-json-state",
  nonJsonArgument: "non-json-argument",
  nonJsonResult: "non-json-result",
  unknownTarget: "unknown-target",
  unknownMethod: "unknown-method",
  argumentType: "argument-type",
  argumentCount: "argument-count",
  missingDefaultExport: "missing-default-export",
} as const;

/** One of the {@link RULES} codes. */
export type RuleCode = (typeof RULES)[keyof typeof RULES];
