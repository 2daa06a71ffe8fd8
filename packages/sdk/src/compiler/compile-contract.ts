import { existsSync, readFileSync } from "node:fs";
import { resolve, sep } from "node:path";
import type ts from "typescript";
import { bundleContract } from "./bundle.js";
import { cachedCompile, storeCompile } from "./cache.js";
import { checkDeterminism } from "./determinism.js";
import { extractManifest } from "./manifest.js";
import { createContractProgram } from "./ts-program.js";
import { typeDiagnostics } from "./type-diagnostics.js";
import type { CompileDiagnostic, CompileOptions, CompileResult } from "./types.js";

function inlineMap(js: string, sourceMap: string): string {
  const data = Buffer.from(sourceMap, "utf8").toString("base64");
  return `${js}//# sourceMappingURL=data:application/json;charset=utf-8;base64,${data}\n`;
}

function isOwnFile(path: string): boolean {
  return !path.split(sep).includes("node_modules");
}

/** Every non-lib file the program read: a change in any of them can change the manifest. */
function programFiles(program: ts.Program): string[] {
  return program
    .getSourceFiles()
    .filter((f) => !program.isSourceFileDefaultLibrary(f))
    .map((f) => resolve(f.fileName));
}

/**
 * Compiles a contract file into the program the kernel runs (ADR 0003): esbuild bundles the file
 * and what it imports into one CommonJS script with a source map (sources embedded), and the
 * TypeScript compiler API checks it and reads the manifest from its default export.
 *
 * Fails — as a value, `{ ok: false, diagnostics }` — when the file does not bundle, imports a
 * Node module, uses a non-deterministic global (`Date`, `Math.random`, timers, `fetch`,
 * `performance`, `process`, `require`), has type errors (unless `typeCheck: false`) or does not
 * default-export a contract definition. Each diagnostic names `file:line:column`. Results are
 * cached by the content hash of every input file. Throws only for bugs (esbuild crashing).
 *
 * @example
 * ```ts
 * const built = await compileContract("src/pool.ts");
 * if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join("\n"));
 * kernel.deploy("alice", { code: built.code, args: [] });
 * ```
 */
export async function compileContract(
  file: string,
  options: CompileOptions = {},
): Promise<CompileResult> {
  const entry = resolve(file);
  if (!existsSync(entry)) {
    return {
      ok: false,
      diagnostics: [{ severity: "error", rule: "bundle", message: `no such file: ${file}` }],
    };
  }
  const key = JSON.stringify([entry, options.sourceMap, options.typeCheck, options.tsconfig]);
  const cached = options.cache === false ? undefined : cachedCompile(key);
  if (cached) return cached;

  const bundled = await bundleContract(entry);
  const program = createContractProgram(entry, options.tsconfig);
  // Only files that end up in the program are checked (type-only imports never run). When
  // bundling failed the entry is still checked, so one compile reports both a forbidden import
  // and the forbidden globals next to it.
  const checked = bundled.ok ? bundled.inputs : [entry];
  const diagnostics: CompileDiagnostic[] = [...checkDeterminism(program, checked)];
  if (!bundled.ok) return { ok: false, diagnostics: [...bundled.diagnostics, ...diagnostics] };
  if (options.typeCheck !== false)
    diagnostics.push(...typeDiagnostics(program, bundled.inputs.filter(isOwnFile)));
  const extracted = extractManifest(program, entry);
  diagnostics.push(...extracted.diagnostics);

  const failed = diagnostics.some((d) => d.severity === "error") || !extracted.manifest;
  const result: CompileResult = failed
    ? { ok: false, diagnostics }
    : {
        ok: true,
        diagnostics,
        code: {
          js:
            options.sourceMap === "inline" ? inlineMap(bundled.js, bundled.sourceMap) : bundled.js,
          ...(options.sourceMap === "inline" ? {} : { sourceMap: bundled.sourceMap }),
          source: readFileSync(entry, "utf8"),
          manifest: extracted.manifest as NonNullable<typeof extracted.manifest>,
        },
      };
  storeCompile(key, new Set([...bundled.inputs, ...programFiles(program)]), result);
  return result;
}
