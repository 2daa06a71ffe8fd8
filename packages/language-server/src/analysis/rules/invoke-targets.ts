import type { ManifestMethod } from "@ecology/protocol";
import type { ts } from "ts-morph";
import type { Catalog } from "../catalog.js";
import type { InvokeSite } from "../invoke-sites.js";
import type { AnalysisDiagnostic, ArtifactInfo, Span } from "../types.js";
import { RULES } from "./codes.js";
import { methodStubFix } from "./method-stub.js";
import { schemaMismatch } from "./schema-match.js";

function span(node: ts.Node): Span {
  return { start: node.getStart(), end: node.getEnd() };
}

function unknownTarget(site: InvokeSite, id: string, catalog: Catalog): AnalysisDiagnostic {
  const where = catalog.kernelConnected
    ? "genesis, the workspace or the connected kernel"
    : "genesis or the workspace (no kernel connected)";
  return {
    source: "ecology",
    code: RULES.unknownTarget,
    // Without a kernel, an id may still name something deployed: say so, do not fail.
    severity: catalog.kernelConnected || id.startsWith("genesis_") ? "error" : "warning",
    message: `no artifact "${id}" in ${where}`,
    span: span(site.targetNode),
  };
}

function unknownMethod(
  site: InvokeSite,
  artifact: ArtifactInfo,
  catalog: Catalog,
  checker: ts.TypeChecker,
): AnalysisDiagnostic {
  const names = artifact.methods.map((m) => m.name).join(", ") || "none";
  const d: AnalysisDiagnostic = {
    source: "ecology",
    code: RULES.unknownMethod,
    severity: "error",
    message: `${artifact.id} has no method "${site.method}" (it has: ${names})`,
    span: span(site.methodNode ?? site.targetNode),
  };
  const shape = artifact.origin === "workspace" ? catalog.shape(artifact.id) : undefined;
  const fix = shape && methodStubFix(shape, site.method ?? "", site.args, checker);
  if (fix) d.fixes = [fix];
  return d;
}

function countProblem(site: InvokeSite, method: ManifestMethod): AnalysisDiagnostic | undefined {
  const required = method.params.filter((p) => !p.optional && !p.type.startsWith("...")).length;
  const rest = method.params.some((p) => p.type.startsWith("..."));
  const given = site.args.length;
  if (given >= required && (rest || given <= method.params.length)) return undefined;
  const expected =
    required === method.params.length ? `${required}` : `${required}-${method.params.length}`;
  return {
    source: "ecology",
    code: RULES.argumentCount,
    severity: "error",
    message: `${method.name} takes ${expected} argument(s), got ${given}`,
    span: span(site.call),
  };
}

function workspaceParamType(catalog: Catalog, artifact: ArtifactInfo, method: string, i: number) {
  const member = catalog.shape(artifact.id)?.members.find((m) => m.name === method);
  return member?.params[i];
}

function typeProblems(
  site: InvokeSite,
  artifact: ArtifactInfo,
  method: ManifestMethod,
  catalog: Catalog,
  checker: ts.TypeChecker,
): AnalysisDiagnostic[] {
  const found: AnalysisDiagnostic[] = [];
  site.args.forEach((arg, i) => {
    const param = method.params[i];
    if (!param) return;
    const argType = checker.getTypeAtLocation(arg);
    const declaration =
      artifact.origin === "workspace"
        ? workspaceParamType(catalog, artifact, method.name, i)
        : undefined;
    let problem: string | undefined;
    if (declaration) {
      const paramType = checker.getTypeAtLocation(declaration);
      if (!checker.isTypeAssignableTo(argType, paramType)) {
        problem = `${checker.typeToString(argType)} is not assignable to ${checker.typeToString(paramType)}`;
      }
    } else if (param.schema) {
      problem = schemaMismatch(checker, argType, param.schema);
    }
    if (problem) {
      found.push({
        source: "ecology",
        code: RULES.argumentType,
        severity: "error",
        message: `argument ${param.name} of ${artifact.id}.${method.name}: ${problem}`,
        span: span(arg),
      });
    }
  });
  return found;
}

/**
 * Checks each `ctx.invoke`/`ctx.call` against the catalog: the target exists
 * (`unknown-target`), has the method (`unknown-method`, with a stub quick fix for workspace
 * contracts), and gets the right number (`argument-count`) and types (`argument-type`) of
 * arguments. Calls through typed refs are left to the type checker, which already knows them.
 *
 * @example
 * ```ts
 * checkInvokeTargets(findInvokeSites(file), catalog, checker);
 * ```
 */
export function checkInvokeTargets(
  sites: readonly InvokeSite[],
  catalog: Catalog,
  checker: ts.TypeChecker,
): AnalysisDiagnostic[] {
  const found: AnalysisDiagnostic[] = [];
  for (const site of sites) {
    if (site.targetId === undefined) continue;
    const artifact = catalog.get(site.targetId);
    if (!artifact) {
      found.push(unknownTarget(site, site.targetId, catalog));
      continue;
    }
    if (site.style === "typed-ref" || site.method === undefined) continue;
    const method = artifact.methods.find((m) => m.name === site.method);
    if (!method) {
      found.push(unknownMethod(site, artifact, catalog, checker));
      continue;
    }
    const count = countProblem(site, method);
    if (count) found.push(count);
    else found.push(...typeProblems(site, artifact, method, catalog, checker));
  }
  return found;
}
