import { createHash } from "node:crypto";
import { RuntimeError } from "@ecology/runtime";
import { KernelError } from "../kernel-error.js";
import type { KernelLimits } from "../limits.js";
import { refuse } from "../refusal.js";
import type { ArtifactRow } from "../storage/storage.js";
import type { ContractCode, JsonValue, Manifest, ManifestMethod, ManifestParam } from "../types.js";
import {
  checkSchema,
  isAmount,
  isValidMethodName,
  jsonText,
  type SchemaNode,
} from "../validate.js";
import type { LoadedContract, ProgramLike, World } from "../world.js";
import { contractProgram } from "./dispatcher.js";

/** The hash identifying a contract's code (and its cached program). */
export function codeHash(code: ContractCode): string {
  return createHash("sha256")
    .update(code.js)
    .update("\0")
    .update(code.sourceMap ?? "")
    .digest("hex")
    .slice(0, 32);
}

/** The manifest and (lazily loaded) program of a contract artifact, cached by code hash. */
export function loadContract(world: World, row: ArtifactRow): LoadedContract {
  const key = `${row.id}:${row.codeHash}`;
  let c = world.contracts.get(key);
  if (!c) {
    const text = world.storage.getCode(row.id);
    if (text === undefined)
      throw new KernelError("invariant_broken", `contract ${row.id} has no code`);
    const code = JSON.parse(text) as ContractCode;
    c = { manifest: code.manifest, program: undefined, js: code.js, sourceMap: code.sourceMap };
    world.contracts.set(key, c);
  }
  return c;
}

/**
 * The runtime program of a loaded contract: its code, with the kernel's dispatcher as the
 * program's shell (evaluated once per sandbox, after the code: ADR 0044).
 */
export function programOf(world: World, row: ArtifactRow, c: LoadedContract): ProgramLike {
  if (!c.program) {
    if (!world.runtime) throw new KernelError("bug", "the kernel has no runtime");
    const source = contractProgram(`${row.id}:${row.codeHash}`, c.js, `${row.id}.js`);
    try {
      c.program = world.runtime.load(
        c.sourceMap === undefined ? source : { ...source, sourceMap: c.sourceMap },
      );
    } catch (e) {
      // The runtime refuses programs it cannot parse or meter: that is bad contract code.
      if (e instanceof RuntimeError && e.code === "invalid_program") {
        refuse("invalid_argument", `the contract code cannot be loaded: ${e.message}`);
      }
      throw e;
    }
  }
  return c.program;
}

/**
 * Validates submitted contract code and its manifest (ADR 0003), refusing bad shapes, code
 * over `maxCodeBytes` and manifests nested deeper than `maxJsonDepth`.
 */
export function validateCode(
  input: unknown,
  limits: Pick<KernelLimits, "maxCodeBytes" | "maxJsonDepth">,
): ContractCode {
  const maxBytes = limits.maxCodeBytes;
  if (typeof input !== "object" || input === null)
    refuse("invalid_argument", "code must be { js, sourceMap?, source?, manifest }");
  const c = input as { [key: string]: unknown };
  if (typeof c.js !== "string" || c.js.length === 0)
    refuse("invalid_argument", "code.js must be the compiled JavaScript program");
  for (const k of ["sourceMap", "source"] as const) {
    if (c[k] !== undefined && typeof c[k] !== "string")
      refuse("invalid_argument", `code.${k} must be a string`);
  }
  const size =
    c.js.length +
    ((c.sourceMap as string | undefined)?.length ?? 0) +
    ((c.source as string | undefined)?.length ?? 0);
  if (size > maxBytes)
    refuse("invalid_argument", `code is ${size} bytes, over the ${maxBytes}-byte limit`);
  const manifestText = jsonText(c.manifest, maxBytes, limits.maxJsonDepth);
  if (!manifestText.ok) refuse("invalid_argument", `code.manifest ${manifestText.reason}`);
  const code: ContractCode = { js: c.js, manifest: validateManifest(c.manifest) };
  if (typeof c.sourceMap === "string") code.sourceMap = c.sourceMap;
  if (typeof c.source === "string") code.source = c.source;
  return code;
}

function validateManifest(m: unknown): Manifest {
  if (typeof m !== "object" || m === null || !Array.isArray((m as Manifest).methods)) {
    refuse(
      "invalid_argument",
      "code.manifest must be { methods: [...], reentrant } (compile with @ecology/sdk)",
    );
  }
  const raw = m as { methods: unknown[]; reentrant?: unknown; init?: unknown; migrate?: unknown };
  if (raw.reentrant !== undefined && typeof raw.reentrant !== "boolean")
    refuse("invalid_argument", "manifest.reentrant must be a boolean");
  const seen = new Set<string>();
  const methods = raw.methods.map((x, i) => validateMethod(x, i, seen));
  const manifest: Manifest = { methods, reentrant: raw.reentrant === true };
  if (raw.init !== undefined) {
    const init = raw.init as { params?: unknown };
    manifest.init = { params: validateParams(init?.params, "init") };
  }
  if (raw.migrate !== undefined) {
    const migrate = raw.migrate as { params?: unknown };
    manifest.migrate = { params: validateParams(migrate?.params, "migrate") };
  }
  return manifest;
}

function validateMethod(x: unknown, i: number, seen: Set<string>): ManifestMethod {
  const m = (x ?? {}) as { [key: string]: unknown };
  if (!isValidMethodName(m.name))
    refuse("invalid_argument", `manifest.methods[${i}].name is not a valid method name`);
  if (seen.has(m.name)) refuse("invalid_argument", `manifest lists method ${m.name} twice`);
  seen.add(m.name);
  if (m.kind !== "method" && m.kind !== "view")
    refuse("invalid_argument", `manifest method ${m.name}: kind must be "method" or "view"`);
  if (m.price !== undefined && !isAmount(m.price))
    refuse(
      "invalid_argument",
      `manifest method ${m.name}: price must be a non-negative safe integer`,
    );
  const out: ManifestMethod = {
    name: m.name,
    kind: m.kind,
    params: validateParams(m.params, m.name),
  };
  if (typeof m.returns === "string") out.returns = m.returns;
  if (m.price !== undefined) out.price = m.price as number;
  return out;
}

function validateParams(p: unknown, where: string): ManifestParam[] {
  if (p === undefined) return [];
  if (!Array.isArray(p)) refuse("invalid_argument", `manifest ${where}: params must be an array`);
  return p.map((x, i) => {
    const q = (x ?? {}) as { [key: string]: unknown };
    if (typeof q.name !== "string")
      refuse("invalid_argument", `manifest ${where}: params[${i}].name must be a string`);
    if (
      q.schema !== undefined &&
      (typeof q.schema !== "object" || q.schema === null || Array.isArray(q.schema))
    ) {
      refuse(
        "invalid_argument",
        `manifest ${where}: params[${i}].schema must be a JSON Schema object`,
      );
    }
    const out: ManifestParam = {
      name: q.name,
      type: typeof q.type === "string" ? q.type : "unknown",
    };
    if (q.schema !== undefined) out.schema = q.schema as SchemaNode;
    if (q.optional === true) out.optional = true;
    return out;
  });
}

/** Checks call args against a manifest's parameters: count, then each schema. */
export function checkArgs(params: ManifestParam[], args: JsonValue[], where: string): void {
  let required = 0;
  params.forEach((p, i) => {
    if (!p.optional) required = i + 1;
  });
  if (args.length < required || args.length > params.length) {
    const expected =
      required === params.length ? `${params.length}` : `${required} to ${params.length}`;
    refuse(
      "invalid_argument",
      `${where} takes ${expected} argument(s) (${params.map((p) => p.name).join(", ")}), got ${args.length}`,
    );
  }
  params.forEach((p, i) => {
    const a = args[i];
    if (a === undefined || !p.schema) return;
    if (p.optional && a === null) return;
    const why = checkSchema(a, p.schema, p.name);
    if (why) refuse("invalid_argument", `${where}: ${why}`, { param: p.name });
  });
}
