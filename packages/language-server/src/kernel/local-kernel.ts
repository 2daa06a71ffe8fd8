import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import {
  createClient,
  type EcologyClient,
  type Envelope,
  fail,
  type RpcMethod,
  type RpcParams,
  type RpcResult,
} from "@ecology/protocol";
import type { ArtifactInfo } from "../analysis/types.js";

/** Where a local kernel server listens and where its credentials are. */
export interface KernelOptions {
  /** Base URL, default `http://127.0.0.1:7420`. */
  url: string;
  /** The `.ecology/` folder holding `operator.token` and `tokens/<principal>.token`. */
  dir: string;
  /** The principal that Run ▶ and Deploy act as when a command does not say. */
  principal?: string;
}

/**
 * A local kernel server reached through `@ecology/protocol`'s client, with the tokens that
 * `ecology init` / `ecology dev` stored in its `.ecology/` folder.
 */
export interface LocalKernel {
  readonly options: KernelOptions;
  /** The protocol client; it has no token of its own, every call names one. */
  readonly client: EcologyClient;
  /** The stored token of `principal`, or of the operator when undefined. */
  tokenOf(principal?: string): string | undefined;
  /**
   * Calls `method` as `principal` (the operator when undefined) and answers its envelope. Never
   * throws: a missing token is a `not_authorized` failure envelope.
   */
  call<M extends RpcMethod>(
    method: M,
    params: RpcParams<M>,
    principal?: string,
  ): Promise<Envelope<RpcResult<M>>>;
  /** The deployed contracts with manifests, owners and policies; undefined when unreachable. */
  deployed(): Promise<ArtifactInfo[] | undefined>;
  /** The principal commands act as by default: the configured one, or the only one stored. */
  defaultPrincipal(): string | undefined;
}

function readToken(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, "utf8").trim() || undefined : undefined;
}

function toInfo(artifact: RpcResult<"getArtifact">): ArtifactInfo {
  return {
    id: artifact.id,
    origin: "kernel",
    owner: artifact.owner,
    policy: artifact.policy,
    methods: artifact.code?.manifest.methods ?? [],
    description: `deployed ${artifact.kind} on the connected kernel`,
  };
}

/**
 * Creates a {@link LocalKernel}. Nothing is contacted until the first call; tokens are read from
 * disk on every call so a principal created later works without a restart.
 *
 * @example
 * ```ts
 * const kernel = createLocalKernel({ url: "http://127.0.0.1:7420", dir: ".ecology" });
 * await kernel.call("invoke", { target: "counter", method: "increment", args: [1] }, "alice");
 * ```
 */
export function createLocalKernel(options: KernelOptions): LocalKernel {
  const client = createClient({ url: options.url });
  const tokenOf = (principal?: string) =>
    principal === undefined
      ? readToken(join(options.dir, "operator.token"))
      : readToken(join(options.dir, "tokens", `${principal}.token`));

  async function call<M extends RpcMethod>(method: M, params: RpcParams<M>, principal?: string) {
    const token = tokenOf(principal);
    if (!token) {
      const who = principal ?? "the operator";
      return fail("not_authorized", `no token for ${who} in ${options.dir}`);
    }
    return client.call(method, params, { token });
  }

  async function deployed(): Promise<ArtifactInfo[] | undefined> {
    const listed = await call("artifacts", { kind: "contract", limit: 1000 });
    if (!listed.success) return undefined;
    const out: ArtifactInfo[] = [];
    for (const summary of listed.result) {
      const full = await call("getArtifact", { id: summary.id });
      if (full.success) out.push(toInfo(full.result));
    }
    return out;
  }

  function defaultPrincipal(): string | undefined {
    if (options.principal) return options.principal;
    const dir = join(options.dir, "tokens");
    const stored = existsSync(dir) ? readdirSync(dir).filter((f) => f.endsWith(".token")) : [];
    return stored.length === 1 ? stored[0]?.slice(0, -".token".length) : undefined;
  }

  return { options, client, tokenOf, call, deployed, defaultPrincipal };
}
