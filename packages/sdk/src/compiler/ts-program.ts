import { dirname } from "node:path";
import ts from "typescript";
import { DEFAULT_CONTRACT_TSCONFIG } from "../rules.js";

// Parsing dominates a small compile. Syntax trees are shared between compiles (as TypeScript's
// language service does): lib files always, other files while their text is unchanged.
const libDir = dirname(ts.getDefaultLibFilePath({}));
const parsed = new Map<string, { text: string; file: ts.SourceFile }>();
const MAX_PARSED = 2000;

// The previous program per set of options: TypeScript reuses its module resolutions.
const previous = new Map<string, ts.Program>();

const fallbackOptions = ts.convertCompilerOptionsFromJson(DEFAULT_CONTRACT_TSCONFIG, "").options;

/** Reads the compiler options of `tsconfig` (or the nearest tsconfig.json above `entry`). */
function readOptions(entry: string, tsconfig?: string): ts.CompilerOptions {
  const configPath = tsconfig ?? ts.findConfigFile(dirname(entry), ts.sys.fileExists);
  if (!configPath) return fallbackOptions;
  const read = ts.readConfigFile(configPath, ts.sys.readFile);
  if (read.error) return fallbackOptions;
  return ts.parseJsonConfigFileContent(read.config, ts.sys, dirname(configPath)).options;
}

// Keyed by the options too: the binder state a program leaves on a source file depends on them
// (TypeScript's document registry buckets files the same way).
function cacheKey(
  options: string,
  fileName: string,
  version: ts.ScriptTarget | ts.CreateSourceFileOptions,
): string {
  if (typeof version === "number") return `${options}|${fileName}|${version}`;
  return `${options}|${fileName}|${version.languageVersion}|${version.impliedNodeFormat ?? ""}`;
}

/** A compiler host whose source files come from the shared cache when their text is unchanged. */
function cachingHost(options: ts.CompilerOptions, optionsKey: string): ts.CompilerHost {
  const host = ts.createCompilerHost(options, true);
  host.getSourceFile = (fileName, version, onError) => {
    const key = cacheKey(optionsKey, fileName, version);
    const cached = parsed.get(key);
    if (cached && fileName.startsWith(libDir)) return cached.file;
    const text = ts.sys.readFile(fileName);
    if (text === undefined) {
      onError?.(`cannot read ${fileName}`);
      return undefined;
    }
    if (cached && cached.text === text) return cached.file;
    const file = ts.createSourceFile(fileName, text, version, false);
    if (parsed.size >= MAX_PARSED) parsed.clear();
    parsed.set(key, { text, file });
    return file;
  };
  return host;
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
  const key = JSON.stringify(options);
  const program = ts.createProgram({
    rootNames: [entry],
    options,
    host: cachingHost(options, key),
    oldProgram: previous.get(key),
  });
  previous.set(key, program);
  return program;
}
