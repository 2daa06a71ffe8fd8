import type { ts } from "ts-morph";
import type { Catalog } from "./catalog.js";
import { readContractShape } from "./contract-shape.js";
import { findInvokeSites } from "./invoke-sites.js";
import { checkDefaultExport } from "./rules/default-export.js";
import { checkInvokeTargets } from "./rules/invoke-targets.js";
import { checkJsonValues } from "./rules/json-values.js";
import { checkNonDeterminism } from "./rules/non-determinism.js";
import { typeErrors } from "./type-errors.js";
import type { AnalysisDiagnostic } from "./types.js";

/**
 * All findings of one file: TypeScript's errors, then — when the file is contract code (see
 * `contractCode`) — the contract rules: determinism, default export, JSON values and invoke
 * targets checked against `catalog`.
 *
 * @example
 * ```ts
 * diagnoseFile(program, file, catalog, true).map((d) => d.code); // [2322, "non-determinism"]
 * ```
 */
export function diagnoseFile(
  program: ts.Program,
  file: ts.SourceFile,
  catalog: Catalog,
  isContractCode: boolean,
): AnalysisDiagnostic[] {
  const found = typeErrors(program, file);
  if (!isContractCode) return found;
  const checker = program.getTypeChecker();
  found.push(...checkNonDeterminism(file, checker));
  const shape = readContractShape(file);
  if (shape) found.push(...checkDefaultExport(shape), ...checkJsonValues(shape, checker));
  found.push(...checkInvokeTargets(findInvokeSites(file), catalog, checker));
  return found;
}
