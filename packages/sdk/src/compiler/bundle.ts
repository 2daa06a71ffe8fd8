import { builtinModules } from "node:module";
import { dirname, relative, resolve } from "node:path";
import { build, type Message, type Plugin } from "esbuild";
import { portableLabeler, relabelModuleComments, relabelSourceMap } from "./portable-paths.js";
import type { CompileDiagnostic } from "./types.js";

/** The bundled program, or the diagnostics that stopped it. */
export type BundleOutcome =
  | { ok: true; js: string; sourceMap: string; inputs: string[] }
  | { ok: false; diagnostics: CompileDiagnostic[] };

const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));

function isNodeModule(path: string): boolean {
  return path.startsWith("node:") || builtins.has(path) || builtins.has(path.split("/")[0] ?? "");
}

/** Refuses Node built-ins: the sandbox has no I/O, and a contract must not expect any. */
const denyNodeModules: Plugin = {
  name: "ecology-deny-node-modules",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /.*/ }, (args) => {
      if (!isNodeModule(args.path)) return undefined;
      return {
        errors: [
          {
            text: `contracts cannot import the Node module "${args.path}": the sandbox has no I/O; use ctx instead`,
            detail: "node-import",
          },
        ],
      };
    });
  },
};

/** Converts an esbuild message into a diagnostic with a 1-based line and column. */
export function toDiagnostic(message: Message, severity: "error" | "warning"): CompileDiagnostic {
  const rule = message.detail === "node-import" ? "node-import" : "bundle";
  const where = message.location;
  const base = { severity, rule, message: message.text } as const;
  if (!where) return { ...base };
  return { ...base, file: where.file, line: where.line, column: where.column + 1 };
}

/**
 * Bundles `entry` and what it imports into one CommonJS program (ADR 0003) with a source map
 * that embeds the sources. Resolves like Node (package `exports`, self-references); never
 * writes to disk. Paths in the program's module comments and in the map's `sources` are
 * portable labels ({@link portableLabeler}): the code hash covers both, so they must not depend
 * on where the project or the working directory is.
 */
export async function bundleContract(entry: string): Promise<BundleOutcome> {
  try {
    const cwd = process.cwd();
    const out = await build({
      absWorkingDir: cwd,
      entryPoints: [entry],
      bundle: true,
      write: false,
      format: "cjs",
      platform: "neutral",
      target: "es2022",
      mainFields: ["module", "main"],
      conditions: ["import", "default"],
      outdir: dirname(entry),
      sourcemap: "external",
      sourcesContent: true,
      metafile: true,
      logLevel: "silent",
      legalComments: "none",
      plugins: [denyNodeModules],
    });
    const js = out.outputFiles.find((file) => file.path.endsWith(".js"))?.text ?? "";
    const sourceMap = out.outputFiles.find((file) => file.path.endsWith(".map"))?.text ?? "";
    const label = portableLabeler(entry);
    const labels = new Map(
      Object.keys(out.metafile.inputs).map((input) => [input, label(resolve(cwd, input))]),
    );
    const inputs = Object.keys(out.metafile.inputs).map((input) => resolve(cwd, input));
    return {
      ok: true,
      js: relabelModuleComments(stripMapComment(js), labels),
      sourceMap: relabelSourceMap(sourceMap, dirname(resolve(cwd, entry)), label),
      inputs,
    };
  } catch (error) {
    const failure = error as { errors?: Message[] };
    if (!failure.errors) throw error;
    return { ok: false, diagnostics: failure.errors.map((m) => toDiagnostic(m, "error")) };
  }
}

// esbuild points at a .map file that is never written; the map travels in ContractCode instead.
function stripMapComment(js: string): string {
  return js.replace(/\n\/\/# sourceMappingURL=\S+\n?$/, "\n");
}

/** Makes a path relative to the working directory for messages. */
export function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel.startsWith("..") ? path : rel;
}
