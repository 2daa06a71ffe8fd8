import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";

/** A plain TypeScript language service over the bench workspace, with an editable buffer. */
export interface RawService {
  /** Replaces the text of `path` and answers its syntactic + semantic diagnostics. */
  edit(path: string, text: string): ts.Diagnostic[];
}

/**
 * The baseline: what any TypeScript editor does on an edit (a new script version, then the
 * file's syntactic and semantic diagnostics), with the same compiler options and files.
 */
export function createRawService(root: string): RawService {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ["lib.es2023.d.ts"],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noUncheckedIndexedAccess: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  };
  const files = readdirSync(root)
    .filter((f) => f.endsWith(".ts"))
    .map((f) => join(root, f));
  const texts = new Map(files.map((f) => [f, readFileSync(f, "utf8")]));
  const versions = new Map(files.map((f) => [f, 0]));
  const host: ts.LanguageServiceHost = {
    getCompilationSettings: () => options,
    getScriptFileNames: () => files,
    getScriptVersion: (f) => String(versions.get(f) ?? 0),
    getScriptSnapshot: (f) => {
      const text = texts.get(f) ?? ts.sys.readFile(f);
      return text === undefined ? undefined : ts.ScriptSnapshot.fromString(text);
    },
    getCurrentDirectory: () => root,
    getDefaultLibFileName: (o) => ts.getDefaultLibFilePath(o),
    fileExists: ts.sys.fileExists,
    readFile: ts.sys.readFile,
    readDirectory: ts.sys.readDirectory,
    directoryExists: ts.sys.directoryExists,
    getDirectories: ts.sys.getDirectories,
    realpath: ts.sys.realpath,
  };
  const service = ts.createLanguageService(host, ts.createDocumentRegistry());
  return {
    edit(path, text) {
      texts.set(path, text);
      versions.set(path, (versions.get(path) ?? 0) + 1);
      return [...service.getSyntacticDiagnostics(path), ...service.getSemanticDiagnostics(path)];
    },
  };
}
