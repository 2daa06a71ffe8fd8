import { type Catalog, createCatalog } from "./catalog.js";
import { lensesOf } from "./code-lenses.js";
import { completeAt } from "./completion.js";
import { contractCode } from "./contract-code.js";
import { diagnoseFile } from "./diagnose.js";
import { hoverAt } from "./hover.js";
import { priceHints } from "./inlay-hints.js";
import type {
  AnalysisDiagnostic,
  ArtifactInfo,
  CompletionEntry,
  Fix,
  HoverInfo,
  InlayInfo,
  LensInfo,
  Span,
} from "./types.js";
import { createWorkspace, type Workspace } from "./workspace.js";

/** A zero-based line and character, as editors count. */
export interface LineCharacter {
  line: number;
  character: number;
}

/**
 * Everything the language server knows about a workspace, as plain functions of paths and
 * offsets. No editor protocol here: the `features/` layer converts positions.
 */
export interface Analyzer {
  /** The workspace, read from disk on first use. */
  readonly workspace: Workspace;
  /**
   * Reads the workspace and builds its program and type checker now, so that the first
   * diagnostics only check the opened file. Optional: everything else does it on demand.
   */
  prepare(): void;
  /** Overlays an editor buffer. */
  setText(path: string, text: string): void;
  /** Drops an editor buffer. */
  close(path: string): void;
  /** Artifacts of the connected kernel, or undefined when none is connected. */
  setDeployed(artifacts: ArtifactInfo[] | undefined): void;
  /** TypeScript errors and contract rules of `path` (empty for files outside the workspace). */
  diagnose(path: string): AnalysisDiagnostic[];
  /** Fixes of the findings of `path` that overlap `span`. */
  fixes(path: string, span: Span): Fix[];
  hover(path: string, offset: number): HoverInfo | undefined;
  complete(path: string, offset: number): CompletionEntry[];
  lenses(path: string): LensInfo[];
  inlayHints(path: string, span: Span): InlayInfo[];
  /** The artifacts calls can name right now. */
  catalog(): Catalog;
  /** Converts an offset of `path` to a line and character (for files no editor has open). */
  lineCharacter(path: string, offset: number): LineCharacter;
}

/**
 * Creates the {@link Analyzer} of the workspace at `root`. It lives as long as the session;
 * every query answers from the current texts (stale results are never served: caches are keyed
 * by the workspace version).
 *
 * @example
 * ```ts
 * const analyzer = createAnalyzer("/home/me/contracts");
 * analyzer.setText(path, text);
 * analyzer.diagnose(path).map((d) => d.code);
 * ```
 */
export function createAnalyzer(root: string): Analyzer {
  let created: Workspace | undefined;
  const ws = (): Workspace => {
    created ??= createWorkspace(root);
    return created;
  };
  let deployed: ArtifactInfo[] | undefined;
  let deployedVersion = 0;
  let cachedCatalog: { key: string; catalog: Catalog } | undefined;
  const diagnosed = new Map<string, { version: number; found: AnalysisDiagnostic[] }>();

  function catalog(): Catalog {
    const key = `${ws().version}:${deployedVersion}`;
    if (cachedCatalog?.key !== key) {
      cachedCatalog = { key, catalog: createCatalog(ws().files(), deployed) };
    }
    return cachedCatalog.catalog;
  }

  let cachedCode: { version: number; files: Set<string> } | undefined;
  function contractFiles(): Set<string> {
    if (cachedCode?.version !== ws().version) {
      cachedCode = { version: ws().version, files: contractCode(ws().program(), ws().files()) };
    }
    return cachedCode.files;
  }

  function diagnose(path: string): AnalysisDiagnostic[] {
    const version = ws().version * 1_000_003 + deployedVersion;
    const cached = diagnosed.get(path);
    if (cached?.version === version) return cached.found;
    const program = ws().program();
    const file = ws().sourceFile(path);
    if (!file) return [];
    const found = diagnoseFile(program, file, catalog(), contractFiles().has(file.fileName));
    diagnosed.set(path, { version, found });
    return found;
  }

  // Queries that read types build the program first, so the syntax trees are its own.
  const fileOf = (path: string) => {
    ws().program();
    return ws().sourceFile(path);
  };

  return {
    get workspace() {
      return ws();
    },
    prepare() {
      ws().program().getTypeChecker();
    },
    setText: (path, text) => ws().setText(path, text),
    close(path) {
      ws().close(path);
      diagnosed.delete(path);
    },
    setDeployed(artifacts) {
      deployed = artifacts;
      deployedVersion += 1;
    },
    diagnose,
    fixes: (path, span) =>
      diagnose(path)
        .filter((d) => d.span.start <= span.end && d.span.end >= span.start)
        .flatMap((d) => d.fixes ?? []),
    hover(path, offset) {
      const file = fileOf(path);
      return file && hoverAt(file, offset, catalog(), ws().files());
    },
    complete(path, offset) {
      const file = fileOf(path);
      return file ? completeAt(file, offset, catalog()) : [];
    },
    lenses(path) {
      const file = fileOf(path);
      return file ? lensesOf(file) : [];
    },
    inlayHints(path, span) {
      const file = fileOf(path);
      return file ? priceHints(file, span, catalog()) : [];
    },
    catalog,
    lineCharacter(path, offset) {
      const file = ws().sourceFile(path);
      return file ? file.getLineAndCharacterOfPosition(offset) : { line: 0, character: 0 };
    },
  };
}
