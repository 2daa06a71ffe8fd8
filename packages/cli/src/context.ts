import { resolve } from "node:path";
import {
  createClient,
  type EcologyClient,
  type Envelope,
  type RpcMethod,
  type RpcParams,
  type RpcResult,
} from "@ecology/protocol";
import { type CredentialStore, createCredentialStore } from "@ecology/server";
import { CliError } from "./cli-error.js";
import { hintFor } from "./hints.js";
import { pickDefined } from "./objects.js";
import {
  clientHint,
  failureEnvelope,
  type Io,
  printError,
  printJson,
  printSuccess,
} from "./output.js";
import { hasEconomy } from "./storage.js";
import {
  databasePath,
  openEmbedded,
  openRemote,
  principalToken,
  type Transport,
} from "./transport.js";

/** Options every command takes (and `--as`, which many do). */
export interface GlobalOptions {
  json?: boolean;
  kernel?: string;
  dir?: string;
  as?: string;
  /** Act with this token (a grant's, a principal's or the operator's) whatever `--as` says. */
  token?: string;
}

/**
 * What a command runs with: output streams, the resolved `.ecology/` folder, credentials and a
 * transport opened on first use. Commands report failure by setting {@link exitCode}.
 */
export class CommandContext {
  exitCode = 0;
  readonly json: boolean;
  readonly dir: string;
  private transportPromise: Promise<Transport> | undefined;
  private clientPromise: Promise<EcologyClient> | undefined;
  private credentialStore: CredentialStore | undefined;

  constructor(
    readonly io: Io,
    readonly options: GlobalOptions,
    readonly cwd: string,
    /** The command as typed without options (`principal create`), for hints. */
    readonly command = "",
    /** The artifact or principal id the command addresses, for hints. */
    readonly target?: string,
  ) {
    this.json = options.json === true;
    this.dir = resolve(cwd, options.dir ?? ".ecology");
  }

  get credentials(): CredentialStore {
    this.credentialStore ??= createCredentialStore(this.dir);
    return this.credentialStore;
  }

  private transport(): Promise<Transport> {
    this.transportPromise ??= this.options.kernel
      ? Promise.resolve(openRemote(this.options.kernel))
      : openEmbedded(this.dir);
    return this.transportPromise;
  }

  /** `@ecology/protocol`'s one client, over this command's transport (embedded or HTTP). */
  client(): Promise<EcologyClient> {
    this.clientPromise ??= this.transport().then((transport) => createClient({ transport }));
    return this.clientPromise;
  }

  /** A client over this command's transport whose every call carries `token` (`ecology mcp`). */
  async clientWith(token: string): Promise<EcologyClient> {
    return createClient({ transport: await this.transport(), token });
  }

  /** Calls `method` as the holder of `token`; a refusal before it ran is a failure envelope. */
  async call<M extends RpcMethod>(
    method: M,
    params: RpcParams<M>,
    token: string,
  ): Promise<Envelope<RpcResult<M>>> {
    return (await this.client()).call(method, params, { token });
  }

  /**
   * The token to act with: `--token` when given (a grant's, say), else the stored token of
   * principal `id`; a CliError saying how to get one when there is neither.
   */
  tokenOf(id: string | undefined): string {
    if (this.options.token) return this.options.token;
    if (id === undefined)
      throw new CliError(
        "invalid_argument",
        "say who acts: --as <principal> or --token <token>",
        `see \`ecology ${this.command} --help\``,
      );
    this.requireLocalKernel();
    return principalToken(this.credentials, id);
  }

  /** Embedded mode needs an initialised folder; say so before complaining about tokens. */
  private requireLocalKernel(): void {
    if (!this.options.kernel && !hasEconomy(this.dir)) {
      throw new CliError(
        "not_found",
        `no kernel at ${databasePath(this.dir)}`,
        "run `ecology init` first",
      );
    }
  }

  /** The operator token (or `--token`'s, which the server then judges), or a CliError. */
  operatorToken(): string {
    if (this.options.token) return this.options.token;
    this.requireLocalKernel();
    const token = this.credentials.storedOperatorToken();
    if (!token) {
      throw new CliError(
        "not_authorized",
        `no operator token in ${this.dir}`,
        "run `ecology init` first",
      );
    }
    return token;
  }

  /** The token read-only commands use: `--as`'s when given, else the operator's. */
  readerToken(as: string | undefined): string {
    return as || this.options.token ? this.tokenOf(as) : this.operatorToken();
  }

  /**
   * Calls `method` and prints its envelope: exactly with `--json`, else `ok <label>` and the cost
   * lines (`label` defaults to the result). A failure envelope sets a non-zero exit code.
   */
  async envelope<M extends RpcMethod>(
    method: M,
    params: RpcParams<M>,
    token: string,
    label?: (result: RpcResult<M>) => string,
  ): Promise<void> {
    const envelope = await this.call(method, params, token);
    this.print(envelope, (success) => printSuccess(this.io, success, label?.(success.result)));
  }

  /**
   * Calls a view (`artifacts`): `--json` prints the envelope, humans get `render(result)`.
   */
  async envelopeData<M extends RpcMethod>(
    method: M,
    params: RpcParams<M>,
    token: string,
    render: (result: RpcResult<M>) => void,
  ): Promise<void> {
    const envelope = await this.call(method, params, token);
    this.print(envelope, (success) => render(success.result));
  }

  /** Prints an envelope: exactly with `--json`; for humans, `human` or the one-line failure. */
  print<T>(
    envelope: Envelope<T>,
    human: (success: Extract<Envelope<T>, { success: true }>) => void,
  ) {
    if (!envelope.success) return this.fail(envelope, clientHint(envelope));
    if (this.json) printJson(this.io, envelope);
    else human(envelope);
  }

  /**
   * Prints a failure (JSON envelope with `--json`, one line otherwise) and sets exit code 1. The
   * hint is `ownHint` (the CLI's own, where it knows better) or one fitted to the code, its source
   * and this command — never `details.hint` of a kernel envelope, which contract code can set.
   */
  fail(envelope: Envelope<unknown>, ownHint?: string): void {
    if (envelope.success) return;
    this.exitCode = 1;
    if (this.json) {
      printJson(this.io, envelope);
      return;
    }
    const context = pickDefined({
      command: this.command,
      as: this.options.as,
      target: this.target,
    });
    const hint = ownHint ?? hintFor(envelope.error, context);
    printError(this.io, envelope, hint);
  }

  /** Reports a {@link CliError} like any other failure. */
  failWith(error: CliError): void {
    this.fail(failureEnvelope(error.code, error.message, error.hint, error.details), error.hint);
  }

  async close(): Promise<void> {
    if (this.transportPromise) await (await this.transportPromise.catch(() => undefined))?.close();
  }
}
