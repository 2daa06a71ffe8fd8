import { dirname, resolve } from "node:path";
import ts from "typescript";

// Parsing TypeScript's lib files dominates a small compile; they never change while the
// process runs, so their syntax trees are shared between compiles.
const libDir = dirname(ts.getDefaultLibFilePath({}));
const libCache = new Map<string, ts.SourceFile>();

const fallbackOptions: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts"],
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  noUncheckedIndexedAccess: true,
  skipLibCheck: true,
  types: [],
};

/** Reads the compiler options of `tsconfig` (or the nearest tsconfig.json above `entry`). */
function readOptions(entry: string, tsconfig?: string): ts.CompilerOptions {
  const configPath = tsconfig ?? ts.findConfigFile(dirname(entry), ts.sys.fileExists);
  if (!configPath) return fallbackOptions;
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) return fallbackOptions;
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath));
  return parsed.options;
}

/**
 * A TypeScript program rooted at one contract file, for the determinism check, type errors and
 * the manifest. Nothing is emitted; composite/declaration settings are switched off.
 */
export function createContractProgram(entry: string, tsconfig?: string): ts.Program {
  const options: ts.CompilerOptions = {
    ...readOptions(entry, tsconfig),
    noEmit: true,
    composite: false,
    declaration: false,
    declarationMap: false,
    incremental: false,
    tsBuildInfoFile: undefined,
  };
  const host = ts.createCompilerHost(options, true);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (fileName, languageVersion, onError, shouldCreate) => {
    if (!resolve(fileName).startsWith(libDir)) {
      return getSourceFile(fileName, languageVersion, onError, shouldCreate);
    }
    const cached = libCache.get(fileName);
    if (cached) return cached;
    const created = getSourceFile(fileName, languageVersion, onError, shouldCreate);
    if (created) libCache.set(fileName, created);
    return created;
  };
  return ts.createProgram({ rootNames: [entry], options, host });
}
