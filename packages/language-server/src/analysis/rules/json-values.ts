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

function stateFinding(checker: ts.TypeChecker, shape: ContractShape) {
  const init = shape.init;
  if (init) {
    const signature = checker.getSignatureFromDeclaration(init);
    const state = signature && checker.getReturnTypeOfSignature(signature);
    const problem = state && jsonProblem(checker, state);
    const node = init.type ?? init.name ?? init;
    if (problem) return finding(RULES.nonJsonState, at(node), `state must be JSON: ${problem}`);
    return undefined;
  }
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
 * Checks that what crosses the sandbox boundary is JSON: each method's and view's parameters
 * (`non-json-argument`), results (`non-json-result`; nothing returned becomes null) and the
 * persistent state (`non-json-state`, from `init`'s result or a `Ctx<State>` annotation).
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
      const optional = param.questionToken !== undefined || param.initializer !== undefined;
      const problem = jsonProblem(checker, checker.getTypeAtLocation(param), {
        allowUndefined: optional,
      });
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
  return found;
}
