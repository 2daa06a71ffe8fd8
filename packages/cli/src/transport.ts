import { existsSync } from "node:fs";
import { join } from "node:path";
import {
  createKernel,
  type Envelope,
  type EventFilter,
  type EventPage,
  isValidId,
  type KernelEvent,
} from "@ecology/kernel";
import {
  type CredentialStore,
  createCredentialStore,
  createDispatcher,
  createRpcClient,
  type Dispatcher,
  type RpcOutcome,
  ServerError,
} from "@ecology/server";
import { CliError } from "./cli-error.js";

/** Embedded polls the database this often while following events (other processes write it). */
const FOLLOW_POLL_MS = 250;

/**
 * How a command reaches a kernel: in-process (embedded, the default) or over HTTP
 * (`--kernel URL`). Both answer with the same {@link RpcOutcome}s, so output is identical.
 */
export interface Transport {
  call(method: string, params: unknown, token: string | undefined): Promise<RpcOutcome>;
  follow(
    filter: EventFilter,
    signal: AbortSignal,
    token: string | undefined,
  ): AsyncIterable<KernelEvent>;
  close(): Promise<void>;
}

/** Path of the kernel database inside an `.ecology/` folder. */
export function databasePath(dir: string): string {
  return join(dir, "kernel.db");
}

/**
 * Opens the kernel in `.ecology/kernel.db` and serves calls through the same dispatcher the
 * server uses (same auth, validation and answers). `followPollMs` is how often `follow` looks
 * for new events (tests shorten it).
 *
 * @throws CliError `not_found` when `dir` has not been initialised.
 */
export async function openEmbedded(
  dir: string,
  options: { followPollMs?: number } = {},
): Promise<Transport & { dispatcher: Dispatcher }> {
  const pollMs = options.followPollMs ?? FOLLOW_POLL_MS;
  if (!existsSync(databasePath(dir))) {
    throw new CliError(
      "not_found",
      `no kernel at ${databasePath(dir)}`,
      "run `ecology init` first",
    );
  }
  const kernel = await createKernel({ storage: databasePath(dir) });
  const dispatcher = createDispatcher({ kernel, credentials: createCredentialStore(dir) });
  return {
    dispatcher,
    call: (method, params, token) => dispatcher.call(token, method, params),
    async *follow(filter, signal, token) {
      let after = filter.after ?? 0;
      while (!signal.aborted) {
        const out = await dispatcher.call(token, "events", { ...filter, after, limit: 500 });
        if (!out.ok)
          throw new CliError(out.error.data.code, out.error.message, out.error.data.hint);
        const envelope = out.result as Envelope<EventPage>;
        if (!envelope.success) {
          throw new CliError(envelope.error.code, envelope.error.message);
        }
        const page = envelope.result;
        for (const event of page.events) {
          after = event.seq;
          yield event;
        }
        if (page.next === null) await pause(pollMs, signal);
      }
    },
    close: async () => {
      await dispatcher.queue.run(() => kernel.close());
    },
  };
}

/** A transport over HTTP to `ecology dev` (or any Ecology server) at `url`. */
export function openRemote(url: string): Transport {
  const client = createRpcClient({ url });
  return {
    call: (method, params, token) => client.call(method, params, token),
    async *follow(filter, signal, token) {
      try {
        yield* client.follow(filter, signal, token);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof ServerError) {
          // 400: a filter the server refused; otherwise (401) the token.
          const code = error.message.includes("HTTP 400") ? "invalid_argument" : "not_authorized";
          throw new CliError(code, error.message, "check the token and the filters");
        }
        const reason = error instanceof Error ? error.message : String(error);
        throw new CliError(
          "internal",
          `lost the event stream of ${url} (${reason})`,
          "start the server with `ecology dev`, then follow again with --after <last seq>",
        );
      }
    },
    close: async () => {},
  };
}

/**
 * Waits `ms`, or less if `signal` aborts. The abort listener is removed when the timer fires:
 * one left behind per poll made `events --follow` warn MaxListenersExceeded after ~3 s.
 */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** Reads the token `--as` needs, from the credentials of `.ecology/`. */
export function principalToken(credentials: CredentialStore, principal: string): string {
  const token = isValidId(principal) ? credentials.tokenFor(principal) : undefined;
  if (!token) {
    throw new CliError(
      "not_authorized",
      `no credentials for principal ${JSON.stringify(principal)} in ${credentials.dir}`,
      missingPrincipalHint(principal),
    );
  }
  return token;
}

/** Reserved or malformed names cannot be created, so do not suggest creating them. */
function missingPrincipalHint(principal: string): string {
  if (principal === "operator") {
    return "the operator is not a principal: operator commands (mint, principal create) need no --as; read-only ones use the operator token when --as is left out";
  }
  if (principal.startsWith("genesis_")) {
    return "genesis_ ids are the kernel's artifacts, not principals; give --as a principal (`ecology principal list`)";
  }
  if (!isValidId(principal)) return "ids are 1-128 characters of A-Z a-z 0-9 _ . : -";
  return `see who exists with \`ecology principal list\`; the operator creates it with \`ecology principal create ${principal}\``;
}
