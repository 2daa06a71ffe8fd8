import type { ts } from "ts-morph";
import type { ContractShape } from "../contract-shape.js";
import { jsonProblem } from "../json-type.js";
import type { AnalysisDiagnostic, Span } from "../types.js";
import { RULES } from "./codes.js";

function at(node: ts.Node): Span {
  return { start: node.getStart(), end: node.getEnd() };
}

function finding(code: string, span: Span, message: string): AnalysisDiagnostic {
  return { source: "ecology", code, severity: "error", message, span };
}

/** The state `entry` (init or migrate) returns, if it is not JSON. */
function returnedStateFinding(checker: ts.TypeChecker, entry: ts.SignatureDeclaration) {
  const signature = checker.getSignatureFromDeclaration(entry);
  const state = signature && checker.getReturnTypeOfSignature(signature);
  const problem = state && jsonProblem(checker, state);
  const node = entry.type ?? entry.name ?? entry;
  return problem
    ? finding(RULES.nonJsonState, at(node), `state must be JSON: ${problem}`)
    : undefined;
}

/** Why an argument's type is not JSON (an optional argument may be undefined). */
function paramProblem(checker: ts.TypeChecker, param: ts.ParameterDeclaration) {
  const optional = param.questionToken !== undefined || param.initializer !== undefined;
  return jsonProblem(checker, checker.getTypeAtLocation(param), { allowUndefined: optional });
}

function stateFinding(checker: ts.TypeChecker, shape: ContractShape) {
  if (shape.init) return returnedStateFinding(checker, shape.init);
  for (const member of shape.members) {
    const ctx = member.fn?.parameters[0];
    if (!ctx?.type) continue;
    const state = checker.getTypeAtLocation(ctx).getProperty("state");
    if (!state) continue;
    const problem = jsonProblem(checker, checker.getTypeOfSymbolAtLocation(state, ctx));
    if (problem) return finding(RULES.nonJsonState, at(ctx.type), `state must be JSON: ${problem}`);
    return undefined;
  }
  return undefined;
}

/**
 * Checks that what crosses the sandbox boundary is JSON: each method's, view's and `migrate`'s
 * parameters (`non-json-argument`), results (`non-json-result`; nothing returned becomes null)
 * and the persistent state (`non-json-state`, from `init`'s or `migrate`'s result or a
 * `Ctx<State>` annotation).
 *
 * @example
 * ```ts
 * checkJsonValues(shape, checker).map((d) => d.code); // ["non-json-result"]
 * ```
 */
export function checkJsonValues(
  shape: ContractShape,
  checker: ts.TypeChecker,
): AnalysisDiagnostic[] {
  const found: AnalysisDiagnostic[] = [];
  for (const member of shape.members) {
    for (const param of member.params) {
      const problem = paramProblem(checker, param);
      if (problem) {
        const message = `argument ${param.name.getText()} of ${member.name} must be JSON: ${problem}`;
        found.push(finding(RULES.nonJsonArgument, at(param), message));
      }
    }
    const signature = member.fn && checker.getSignatureFromDeclaration(member.fn);
    if (!signature) continue;
    const result = checker.getReturnTypeOfSignature(signature);
    const problem = jsonProblem(checker, result, { allowUndefined: true });
    if (problem) {
      const message = `the result of ${member.name} must be JSON: ${problem}`;
      found.push(finding(RULES.nonJsonResult, member.nameSpan, message));
    }
  }
  const state = stateFinding(checker, shape);
  if (state) found.push(state);
  if (shape.migrate) found.push(...migrateFindings(checker, shape.migrate));
  return found;
}

// migrate's arguments come with an upgrade and the state it returns is stored: both cross the
// sandbox boundary like a method's arguments and init's state.
function migrateFindings(checker: ts.TypeChecker, migrate: ts.SignatureDeclaration) {
  const found: AnalysisDiagnostic[] = [];
  for (const param of migrate.parameters.slice(1)) {
    const problem = paramProblem(checker, param);
    if (problem) {
      const message = `argument ${param.name.getText()} of migrate must be JSON: ${problem}`;
      found.push(finding(RULES.nonJsonArgument, at(param), message));
    }
  }
  const state = returnedStateFinding(checker, migrate);
  if (state) found.push(state);
  return found;
}
