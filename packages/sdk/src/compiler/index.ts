export { clearCompileCache } from "./cache.js";
export { compileContract } from "./compile-contract.js";
export type { DeployFileOptions } from "./deploy-file.js";
export { compileForDeploy, deployFile } from "./deploy-file.js";
export { formatDiagnostic } from "./format.js";
export type { JsonSchema } from "./json-schema.js";
export type {
  CompileDiagnostic,
  CompileOptions,
  CompileResult,
  DiagnosticSeverity,
} from "./types.js";
