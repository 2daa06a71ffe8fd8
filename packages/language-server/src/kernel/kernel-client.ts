import { existsSync, readdirSync, readFileSync } from "node:fs";
import { request as httpRequest } from "node:http";
import { join } from "node:path";
import type { ArtifactInfo, ArtifactMethod, ArtifactPolicy } from "../analysis/types.js";

/** Where a local kernel server listens and where its credentials are. */
export interface KernelOptions {
  /** Base URL, default `http://127.0.0.1:7420`. */
  url: string;
  /** The `.ecology/` folder holding `operator.token` and `tokens/<principal>.token`. */
  dir: string;
  /** The principal that Run ▶ and Deploy act as when a command does not say. */
  principal?: string;
}

/** An answer of the kernel server: its result, or a one-line reason. */
export type KernelAnswer =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: string; message: string } };

/** A JSON-RPC client of a local kernel server, using the tokens stored in its `.ecology/`. */
export interface KernelClient {
  readonly options: KernelOptions;
  /** Calls `method` as `principal` (or the operator when undefined). Never throws. */
  call(method: string, params: object, principal?: string): Promise<KernelAnswer>;
  /** The deployed contracts with manifests, owners and policies; undefined when unreachable. */
  deployed(): Promise<ArtifactInfo[] | undefined>;
  /** The principal commands act as by default: the configured one, or the only one stored. */
  defaultPrincipal(): string | undefined;
}

function readToken(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8").trim() : undefined;
}

interface DeployedArtifact {
  id: string;
  kind: string;
  owner: string;
  policy?: ArtifactPolicy;
  code?: { manifest?: { methods?: ArtifactMethod[] } };
}

function toInfo(artifact: DeployedArtifact): ArtifactInfo {
  const info: ArtifactInfo = {
    id: artifact.id,
    origin: "kernel",
    owner: artifact.owner,
    methods: artifact.code?.manifest?.methods ?? [],
    description: `deployed ${artifact.kind} on the connected kernel`,
  };
  if (artifact.policy) info.policy = artifact.policy;
  return info;
}

let nextId = 1;

type RpcBody = { result?: unknown; error?: { message: string; data?: { code?: string } } };

/**
 * POSTs JSON without keeping the connection alive: a Deploy can compile for seconds, long
 * enough for the server to close an idle kept-alive socket just as it is reused.
 */
function postJson(
  url: string,
  token: string,
  body: string,
): Promise<{ ok: true; body: unknown } | { ok: false; reason: string }> {
  return new Promise((resolve) => {
    const request = httpRequest(
      url,
      {
        method: "POST",
        agent: false,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => {
          try {
            resolve({ ok: true, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) });
          } catch {
            resolve({ ok: false, reason: `HTTP ${response.statusCode} without a JSON body` });
          }
        });
        response.on("error", (error) => resolve({ ok: false, reason: error.message }));
      },
    );
    request.on("error", (error) => resolve({ ok: false, reason: error.message }));
    request.end(body);
  });
}

/**
 * Creates a {@link KernelClient}. Nothing is contacted until the first call; tokens are read
 * from disk on every call so a principal created later works without a restart.
 *
 * @example
 * ```ts
 * const kernel = createKernelClient({ url: "http://127.0.0.1:7420", dir: ".ecology" });
 * await kernel.call("invoke", { target: "counter", method: "increment", args: [1] }, "alice");
 * ```
 */
export function createKernelClient(options: KernelOptions): KernelClient {
  const base = options.url.replace(/\/+$/, "");
  const tokenOf = (principal?: string) =>
    principal === undefined
      ? readToken(join(options.dir, "operator.token"))
      : readToken(join(options.dir, "tokens", `${principal}.token`));

  async function call(method: string, params: object, principal?: string): Promise<KernelAnswer> {
    const token = tokenOf(principal);
    if (!token) {
      const who = principal ?? "the operator";
      return {
        ok: false,
        error: { code: "not_authorized", message: `no token for ${who} in ${options.dir}` },
      };
    }
    const body = JSON.stringify({ jsonrpc: "2.0", id: nextId++, method, params });
    const answer = await postJson(`${base}/rpc`, token, body);
    if (!answer.ok) {
      const message = `cannot reach the kernel at ${base}: ${answer.reason}`;
      return { ok: false, error: { code: "internal", message } };
    }
    const parsed = answer.body as RpcBody;
    if (parsed.error) {
      const code = parsed.error.data?.code ?? "internal";
      return { ok: false, error: { code, message: parsed.error.message } };
    }
    return { ok: true, result: parsed.result };
  }

  async function deployed(): Promise<ArtifactInfo[] | undefined> {
    const listed = await call("artifacts", { kind: "contract", limit: 1000 });
    if (!listed.ok) return undefined;
    const envelope = listed.result as { success?: boolean; result?: { id: string }[] };
    const out: ArtifactInfo[] = [];
    for (const summary of envelope.result ?? []) {
      const full = await call("getArtifact", { id: summary.id });
      if (full.ok && full.result) out.push(toInfo(full.result as DeployedArtifact));
    }
    return out;
  }

  function defaultPrincipal(): string | undefined {
    if (options.principal) return options.principal;
    const dir = join(options.dir, "tokens");
    const stored = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".token")) : [];
    return stored.length === 1 ? stored[0]?.slice(0, -".token".length) : undefined;
  }

  return { options, call, deployed, defaultPrincipal };
}
