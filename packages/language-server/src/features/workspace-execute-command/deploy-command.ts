import { readFileSync } from "node:fs";
import { relative } from "node:path";
import {
  type Envelope,
  type FailureEnvelope,
  fail,
  type JsonValue,
  type Policy,
  type RpcResult,
} from "@ecology/protocol";
import type { DeployFileOptions } from "@ecology/sdk/compiler";
import { refreshDeployed } from "../../kernel/refresh-deployed.js";
import type { Session } from "../../session.js";
import { uriOf } from "../convert.js";

/** What "Deploy" sends: the file, optionally with its id, init args, policy and principal. */
export interface DeployArgument {
  file?: unknown;
  id?: unknown;
  as?: unknown;
  args?: unknown;
  policy?: unknown;
}

interface DeployRequest {
  file: string;
  as: string;
  options: Pick<DeployFileOptions, "id" | "args" | "policy">;
}

/**
 * Compiles a contract file (saved on disk) and deploys it on the connected kernel through
 * `deployFile` of `@ecology/sdk/compiler` — the deploy path and error format of the CLI too.
 * Answers the kernel's envelope, or the compile failure: `invalid_argument` with `at` (the first
 * error) and `details.diagnostics`, every file named relative to the workspace folder.
 *
 * @example
 * ```ts
 * await deployContract(session, { file: "/ws/pool.ts", id: "pool", as: "alice" });
 * ```
 */
export async function deployContract(
  session: Session,
  argument: DeployArgument,
): Promise<Envelope<RpcResult<"deploy">>> {
  const kernel = session.kernel;
  if (!kernel) return fail("not_found", "no kernel connected: start one with `ecology dev`");
  const request = readRequest(argument, kernel.defaultPrincipal());
  if ("error" in request) return request;
  const token = kernel.tokenOf(request.as);
  if (!token) return fail("not_authorized", `no token for ${request.as} in ${kernel.options.dir}`);
  const open = session.documents.get(uriOf(request.file));
  if (open && open.getText() !== textOnDisk(request.file)) {
    return fail("invalid_state", `save ${request.file} first: Deploy compiles the file on disk`);
  }
  // Loaded on first deploy: the compiler (esbuild, TypeScript) is not needed to start the server.
  const { deployFile } = await import("@ecology/sdk/compiler");
  // Named relative to the workspace, as the CLI run from the project folder names it.
  const file = relative(session.root, request.file) || request.file;
  const options = { ...request.options, token, cwd: session.root };
  const envelope = await deployFile(kernel.client, file, options);
  if (envelope.success) await refreshDeployed(session);
  return envelope;
}

/** The command's argument checked field by field; the server checks values (ids, policy). */
function readRequest(
  argument: DeployArgument,
  defaultPrincipal: string | undefined,
): DeployRequest | FailureEnvelope {
  const { file, id, args, policy } = argument;
  if (typeof file !== "string") return fail("invalid_argument", "ecology.deploy needs { file }");
  if (id !== undefined && typeof id !== "string")
    return fail("invalid_argument", "id must be a string");
  if (args !== undefined && !Array.isArray(args))
    return fail("invalid_argument", "args must be a JSON array");
  if (policy !== undefined && !isObject(policy))
    return fail("invalid_argument", "policy must be an object");
  const as = typeof argument.as === "string" ? argument.as : defaultPrincipal;
  if (!as) return fail("invalid_argument", 'say which principal deploys it: { as: "alice" }');
  const options: DeployRequest["options"] = {};
  if (id !== undefined) options.id = id;
  // Both arrived as JSON-RPC params, so they are JSON.
  if (args !== undefined) options.args = args as JsonValue[];
  if (policy !== undefined) options.policy = policy as Partial<Policy>;
  return { file, as, options };
}

function isObject(value: unknown): value is object {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function textOnDisk(file: string): string | undefined {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return undefined; // not saved yet
  }
}
