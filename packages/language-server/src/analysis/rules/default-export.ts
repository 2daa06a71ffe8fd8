import type { ContractShape } from "../contract-shape.js";
import type { AnalysisDiagnostic } from "../types.js";
import { RULES } from "./codes.js";

/**
 * A file that calls `defineContract` must export that definition by default: the compiler and
 * the kernel run `module.exports.default` (ADR 0003). Reported on the `defineContract` call.
 *
 * @example
 * ```ts
 * checkDefaultExport(shape); // [{ code: "missing-default-export", ... }] or []
 * ```
 */
export function checkDefaultExport(shape: ContractShape): AnalysisDiagnostic[] {
  if (shape.exported || !shape.defineCall) return [];
  const callee = shape.defineCall.expression;
  return [
    {
      source: "ecology",
      code: RULES.missingDefaultExport,
      severity: "error",
      message:
        "a contract file must export its definition by default: export default defineContract({ ... })",
      span: { start: callee.getStart(), end: callee.getEnd() },
    },
  ];
}
