import type { ManifestMethod, Policy } from "@ecology/protocol";

/** A span of one file as character offsets, `end` exclusive. */
export interface Span {
  start: number;
  end: number;
}

/** A text replacement in a file (absolute path). */
export interface FileEdit {
  path: string;
  span: Span;
  newText: string;
}

/** A fix the editor can apply: a title and the edits it makes (possibly in other files). */
export interface Fix {
  title: string;
  edits: FileEdit[];
}

/** How serious a finding is. */
export type Severity = "error" | "warning" | "info";

/**
 * One finding in a file. `source` is `"ts"` for TypeScript errors (`code` is then the TS number)
 * and `"ecology"` for contract rules (`code` is a stable rule code, see `RULES`).
 */
export interface AnalysisDiagnostic {
  source: "ts" | "ecology";
  code: string | number;
  severity: Severity;
  message: string;
  span: Span;
  fixes?: Fix[];
}

/** Where an artifact is known from: built into the kernel, a workspace file, or a kernel. */
export type ArtifactOrigin = "genesis" | "workspace" | "kernel";

/** An invocable artifact the analysis knows about. */
export interface ArtifactInfo {
  id: string;
  origin: ArtifactOrigin;
  /** Methods and views as a manifest describes them (genesis: with a one-line description). */
  methods: ManifestMethod[];
  owner?: string;
  /** The deployed policy, from the connected kernel. */
  policy?: Policy;
  /** The contract source file, for workspace contracts. */
  file?: string;
  /** One line describing the artifact. */
  description?: string;
}

/** Hover text (markdown) for a span. */
export interface HoverInfo {
  span: Span;
  markdown: string;
}

/** A completion candidate. */
export interface CompletionEntry {
  label: string;
  kind: "artifact" | "method";
  detail: string;
  documentation?: string;
  /** The text to replace (the inside of the string literal being typed). */
  replace: Span;
}

/** A code lens: a command shown above a span. */
export interface LensInfo {
  span: Span;
  title: string;
  command: "ecology.run" | "ecology.deploy";
  argument: { [key: string]: unknown };
}

/** An inlay hint shown at an offset. */
export interface InlayInfo {
  offset: number;
  label: string;
  tooltip?: string;
}
