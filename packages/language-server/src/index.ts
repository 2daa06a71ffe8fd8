export type { Analyzer, LineCharacter } from "./analysis/analyzer.js";
export { createAnalyzer } from "./analysis/analyzer.js";
export type { RuleCode } from "./analysis/rules/codes.js";
export { RULES } from "./analysis/rules/codes.js";
export type {
  AnalysisDiagnostic,
  ArtifactInfo,
  ArtifactOrigin,
  Fix,
  Span,
} from "./analysis/types.js";
export { CAPABILITIES } from "./features/initialize/capabilities.js";
export { COMMANDS } from "./features/workspace-execute-command/commands.js";
export type { LanguageServerErrorCode } from "./language-server-error.js";
export { LanguageServerError } from "./language-server-error.js";
export type { InitializationOptions } from "./main.js";
export { startServer } from "./main.js";
