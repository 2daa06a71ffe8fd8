import type { ContractCode } from "@ecology/protocol";

/** How serious a compiler diagnostic is: errors fail the compile, warnings do not. */
export type DiagnosticSeverity = "error" | "warning";

/**
 * One compiler message. `message` says what is wrong without the position; `file`, `line` and
 * `column` (1-based) say where, `file` relative to the working directory when possible. `rule`
 * names the check that produced it. {@link formatDiagnostic} joins them as `file:line:column: message`.
 */
export interface CompileDiagnostic {
  severity: DiagnosticSeverity;
  /** `bundle`, `node-import`, `non-determinism`, `type`, `manifest`. */
  rule: "bundle" | "node-import" | "non-determinism" | "type" | "manifest";
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

/** Options of {@link compileContract}; every field is optional. */
export interface CompileOptions {
  /**
   * `"external"` (default) puts the source map in `code.sourceMap`; `"inline"` appends it to
   * `code.js` as a data URL instead. Either way it embeds the sources' content.
   */
  sourceMap?: "external" | "inline";
  /** Report TypeScript type errors of the contract's own files as errors (default true). */
  typeCheck?: boolean;
  /** The tsconfig.json to type-check with (default: the nearest one above the file). */
  tsconfig?: string;
  /** Reuse the last result while no input file changed (default true). */
  cache?: boolean;
}

/**
 * The outcome of a compile: a contract program for the kernel, or the reasons it is not one.
 * Warnings may accompany a success.
 */
export type CompileResult =
  | { ok: true; code: ContractCode; diagnostics: CompileDiagnostic[] }
  | { ok: false; diagnostics: CompileDiagnostic[] };
