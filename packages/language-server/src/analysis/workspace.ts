import { existsSync } from "node:fs";
import { join } from "node:path";
import { DEFAULT_CONTRACT_TSCONFIG } from "@ecology/sdk/rules";
import { Project, ts } from "ts-morph";

/** Used when the workspace has no tsconfig.json: the same options the SDK compiler falls back to. */
const FALLBACK_OPTIONS = ts.convertCompilerOptionsFromJson(DEFAULT_CONTRACT_TSCONFIG, "").options;

/**
 * The TypeScript view of one workspace folder: every `.ts` file of its tsconfig.json (or of the
 * folder), with open editor buffers overlaid. One long-lived project: an edit replaces one file's
 * text and the next program reuses everything else (TypeScript's old-program reuse).
 */
export interface Workspace {
  /** The folder, absolute. */
  readonly root: string;
  /** Why the folder's tsconfig.json could not be read, when it could not (defaults apply). */
  readonly problem?: string;
  /** Increases with every change, so caches can tell they are stale. */
  readonly version: number;
  /** The current program (built lazily after a change). */
  program(): ts.Program;
  /** Replaces the text of `path` with an editor buffer (adding the file when needed). */
  setText(path: string, text: string): void;
  /**
   * Makes the disk the truth for `path` again (an editor closed it, or it changed on disk):
   * re-reads it, adds it when it is new, drops it when it is gone.
   */
  close(path: string): void;
  /** The syntax tree of `path`, if it is in the workspace. */
  sourceFile(path: string): ts.SourceFile | undefined;
  /** Every workspace source file (no declaration files, nothing under node_modules). */
  files(): ts.SourceFile[];
}

function fallbackProject(root: string): Project {
  const project = new Project({ compilerOptions: { ...FALLBACK_OPTIONS, noEmit: true } });
  project.addSourceFilesAtPaths([
    `${root}/**/*.ts`,
    `!${root}/**/node_modules/**`,
    `!${root}/**/dist/**`,
  ]);
  return project;
}

/** The project of `root`, and why its tsconfig.json could not be used (then defaults apply). */
function createProject(root: string): { project: Project; problem?: string } {
  try {
    return { project: configuredProject(root) };
  } catch (error) {
    const problem = `${join(root, "tsconfig.json")}: ${(error as Error).message}; using default compiler options`;
    return { project: fallbackProject(root), problem };
  }
}

function configuredProject(root: string): Project {
  const tsConfigFilePath = join(root, "tsconfig.json");
  if (existsSync(tsConfigFilePath)) {
    // Dependencies (the SDK, lib files) are left to the program: wrapping each of them in
    // ts-morph nodes up front doubles the start-up time and nothing here walks them.
    // Files the tsconfig leaves out may still be opened; they are added on open.
    return new Project({
      tsConfigFilePath,
      compilerOptions: { noEmit: true },
      skipFileDependencyResolution: true,
    });
  }
  return fallbackProject(root);
}

/**
 * Sets each file's module format (ESM or CommonJS, from the nearest package.json `type`) the way
 * `tsc` does. ts-morph creates syntax trees without it, and TypeScript then treats every file as
 * CommonJS under `NodeNext` (`import.meta` becomes an error, imports resolve as `require`).
 */
function formatMarker(options: ts.CompilerOptions, root: string) {
  const cache = ts.createModuleResolutionCache(root, (f) => f, options).getPackageJsonInfoCache();
  return (file: ts.SourceFile): void => {
    if (file.impliedNodeFormat !== undefined) return;
    file.impliedNodeFormat = ts.getImpliedNodeFormatForFile(file.fileName, cache, ts.sys, options);
  };
}

/**
 * Creates the {@link Workspace} of `root`, reading its tsconfig.json (or every `.ts` file below
 * it) once. Lives as long as the language server session.
 *
 * @example
 * ```ts
 * const ws = createWorkspace("/home/me/contracts");
 * ws.setText("/home/me/contracts/pool.ts", editorText);
 * ws.program().getSemanticDiagnostics(ws.sourceFile("/home/me/contracts/pool.ts"));
 * ```
 */
export function createWorkspace(root: string): Workspace {
  const { project, problem } = createProject(root);
  const markFormat = formatMarker(project.getCompilerOptions(), root);
  for (const file of project.getSourceFiles()) markFormat(file.compilerNode);
  let version = 0;
  return {
    root,
    ...(problem ? { problem } : {}),
    get version() {
      return version;
    },
    program: () => project.getProgram().compilerObject,
    setText(path, text) {
      if (project.getSourceFile(path)?.getFullText() === text) return;
      // A fresh tree is several times cheaper than ts-morph's replaceWithText, which re-wraps
      // nodes; the next program still reuses every other file of the previous one.
      markFormat(project.createSourceFile(path, text, { overwrite: true }).compilerNode);
      version += 1;
    },
    close(path) {
      const existing = project.getSourceFile(path);
      const onDisk = existsSync(path);
      if (!existing && !onDisk) return;
      version += 1;
      if (!existing) markFormat(project.addSourceFileAtPath(path).compilerNode);
      else if (onDisk) {
        existing.refreshFromFileSystemSync();
        markFormat(existing.compilerNode);
      } else project.removeSourceFile(existing);
    },
    sourceFile: (path) => project.getSourceFile(path)?.compilerNode,
    files: () =>
      project
        .getSourceFiles()
        .filter((f) => !f.isDeclarationFile() && !f.isInNodeModules())
        .map((f) => f.compilerNode),
  };
}
