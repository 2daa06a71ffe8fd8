import {
  type EventFilter,
  type EventPage,
  envelopeOf,
  httpTransport,
  isValidId,
  type KernelEvent,
  ProtocolError,
  RPC_ERRORS,
  type RpcTransport,
  rpcFailure,
} from "@ecology/protocol";
import { type CredentialStore, createDispatcher, type Dispatcher } from "@ecology/server";
import { CliError } from "./cli-error.js";
import { credentialsFor, openKernel } from "./open-kernel.js";
import { databasePath, hasEconomy, resolveStorage } from "./storage.js";

export { databasePath };

/** Embedded polls the database this often while following events (other processes write it). */
const FOLLOW_POLL_MS = 250;

/**
 * How a command reaches a kernel: `@ecology/protocol`'s {@link RpcTransport} in-process
 * (embedded, the default) or over HTTP (`--kernel URL`). Both answer with the same outcomes, so
 * the one client over either prints identically. `close` releases what the transport holds.
 */
export interface Transport extends RpcTransport {
  close(): Promise<void>;
}

/**
 * Opens the folder's kernel (its `kernel.db`, or the storage `ECOLOGY_DATABASE_URL` or
 * `ecology init --storage` names) and serves calls through the same dispatcher the
 * server uses (same auth, validation and answers). `followPollMs` is how often `follow` looks
 * for new events (tests shorten it).
 *
 * @throws CliError `not_found` when `dir` has not been initialised or its database cannot be
 *   reached, `invalid_state` when the database is newer than this CLI.
 */
export async function openEmbedded(
  dir: string,
  options: { followPollMs?: number } = {},
): Promise<Transport & { dispatcher: Dispatcher }> {
  const pollMs = options.followPollMs ?? FOLLOW_POLL_MS;
  if (!hasEconomy(dir)) {
    throw new CliError(
      "not_found",
      `no kernel at ${databasePath(dir)}`,
      "run `ecology init` first",
    );
  }
  const storage = resolveStorage(dir, undefined);
  const kernel = await openKernel(storage);
  const credentials = credentialsFor(storage, dir, kernel);
  const dispatcher = createDispatcher({ kernel, credentials });
  return {
    dispatcher,
    ...dispatcherTransport(dispatcher, pollMs),
    close: async () => {
      await dispatcher.queue.run(() => kernel.close());
    },
  };
}

/**
 * An {@link RpcTransport} over a dispatcher in this process: calls go straight to it (same auth,
 * validation and answers as over HTTP) and `follow` polls the log every `pollMs`. Holds nothing
 * of its own; the dispatcher's owner closes the kernel.
 */
export function dispatcherTransport(dispatcher: Dispatcher, pollMs = FOLLOW_POLL_MS): RpcTransport {
  return {
    call: (method, params, token) => dispatcher.call(token, method, params),
    async *follow(filter: EventFilter, signal, token): AsyncIterable<KernelEvent> {
      let after = filter.after ?? 0;
      while (!signal?.aborted) {
        const outcome = await dispatcher.call(token, "events", { ...filter, after, limit: 500 });
        if (!outcome.ok) throw new ProtocolError(outcome.error);
        const envelope = envelopeOf(outcome);
        if (!envelope.success) {
          const { code, message } = envelope.error;
          throw new ProtocolError(rpcFailure(RPC_ERRORS.invalidParams, code, message).error);
        }
        const page = envelope.result as EventPage;
        for (const event of page.events) {
          after = event.seq;
          yield event;
        }
        if (page.next === null) await pause(pollMs, signal);
      }
    },
  };
}

/** A transport over HTTP to `ecology dev` (or any Ecology server) at `url`. */
export function openRemote(url: string): Transport {
  return { ...httpTransport({ url }), close: async () => {} };
}

/**
 * Waits `ms`, or less if `signal` aborts. The abort listener is removed when the timer fires:
 * one left behind per poll made `events --follow` warn MaxListenersExceeded after ~3 s.
 */
function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener("abort", done, { once: true });
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
