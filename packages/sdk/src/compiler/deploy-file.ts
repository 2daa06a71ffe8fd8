import { relative, resolve } from "node:path";
import type {
  ContractCode,
  EcologyClient,
  Envelope,
  FailureEnvelope,
  JsonValue,
  Policy,
  RpcParams,
  RpcResult,
} from "@ecology/protocol";
import { compileContract } from "./compile-contract.js";
import { formatDiagnostic } from "./format.js";
import type { CompileDiagnostic, CompileOptions } from "./types.js";

/** What to deploy a contract file as; every field is optional. */
export interface DeployFileOptions {
  /** The artifact id (default: chosen by the kernel). */
  id?: string;
  /** Init arguments. */
  args?: JsonValue[];
  policy?: Partial<Policy>;
  metadata?: { [key: string]: JsonValue };
  /** The deploying principal's token (default: the client's). */
  token?: string;
  /** Where diagnostics' file names are relative to (default: the process's working directory). */
  cwd?: string;
  /** Compiler options. */
  compile?: CompileOptions;
}

/**
 * Compiles a contract file into code, or into the failure envelope every surface reports: code
 * `invalid_argument`; the message is the one error as `file:line:column: message`, or
 * `<file> has N compile errors`; `at` is the first error's position and `details.diagnostics`
 * lists every error (file relative to `cwd`, 1-based line and column).
 *
 * @example
 * ```ts
 * const built = await compileForDeploy("src/pool.ts");
 * if ("error" in built) console.error(built.error.message);
 * ```
 */
export async function compileForDeploy(
  file: string,
  options: { cwd?: string; compile?: CompileOptions } = {},
): Promise<{ code: ContractCode } | FailureEnvelope> {
  const cwd = options.cwd ?? process.cwd();
  const built = await compileContract(resolve(cwd, file), options.compile);
  if (built.ok) return { code: built.code };
  const errors = built.diagnostics
    .filter((d) => d.severity === "error")
    .map((d) => relativeTo(cwd, d));
  return compileFailure(file, errors);
}

/**
 * The one deploy path (compile → deploy) of the CLI, the language server and the VS Code
 * extension: compiles `file` and deploys it through `client`, answering the kernel's envelope
 * or the compile failure of {@link compileForDeploy}. Never throws for bad contracts.
 *
 * @example
 * ```ts
 * const client = createClient({ url: "http://127.0.0.1:7420", token: aliceToken });
 * const env = await deployFile(client, "src/pool.ts", { id: "pool" });
 * ```
 */
export async function deployFile(
  client: EcologyClient,
  file: string,
  options: DeployFileOptions = {},
): Promise<Envelope<RpcResult<"deploy">>> {
  const built = await compileForDeploy(file, options);
  if ("error" in built) return built;
  const { id, args, policy, metadata } = options;
  const params: RpcParams<"deploy"> = {
    code: built.code,
    ...(id === undefined ? {} : { id }),
    ...(args === undefined ? {} : { args }),
    ...(policy === undefined ? {} : { policy }),
    ...(metadata === undefined ? {} : { metadata }),
  };
  return client.call("deploy", params, options.token === undefined ? {} : { token: options.token });
}

function relativeTo(cwd: string, d: CompileDiagnostic): CompileDiagnostic {
  if (!d.file) return d;
  // The compiler names files relative to the process's working directory.
  return { ...d, file: relative(cwd, resolve(d.file)) || d.file };
}

function compileFailure(file: string, errors: CompileDiagnostic[]): FailureEnvelope {
  const [first] = errors;
  const message =
    errors.length > 1
      ? `${file} has ${errors.length} compile errors`
      : first
        ? formatDiagnostic(first)
        : `${file} does not compile`;
  const error: FailureEnvelope["error"] = {
    code: "invalid_argument",
    message,
    details: { diagnostics: errors as unknown as JsonValue },
  };
  if (first?.file && first.line !== undefined)
    error.at = { file: first.file, line: first.line, column: first.column ?? 1 };
  return { success: false, error };
}
