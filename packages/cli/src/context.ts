import { existsSync } from "node:fs";
import { resolve } from "node:path";
import type { Envelope } from "@ecology/kernel";
import { type CredentialStore, createCredentialStore } from "@ecology/server";
import { CliError } from "./cli-error.js";
import { hintFor } from "./hints.js";
import { pickDefined } from "./objects.js";
import {
  clientHint,
  failureEnvelope,
  type Io,
  outcomeAsFailure,
  printError,
  printJson,
  printSuccess,
} from "./output.js";
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

  transport(): Promise<Transport> {
    this.transportPromise ??= this.options.kernel
      ? Promise.resolve(openRemote(this.options.kernel))
      : openEmbedded(this.dir);
    return this.transportPromise;
  }

  /** The token of principal `id`, or a CliError saying how to get one. */
  tokenOf(id: string): string {
    this.requireLocalKernel();
    return principalToken(this.credentials, id);
  }

  /** Embedded mode needs an initialised folder; say so before complaining about tokens. */
  private requireLocalKernel(): void {
    if (!this.options.kernel && !existsSync(databasePath(this.dir))) {
      throw new CliError(
        "not_found",
        `no kernel at ${databasePath(this.dir)}`,
        "run `ecology init` first",
      );
    }
  }

  /** The operator token, or a CliError. */
  operatorToken(): string {
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
    return as ? this.tokenOf(as) : this.operatorToken();
  }

  /**
   * Calls a method whose result is an envelope and prints it: exactly with `--json`, else a
   * short line. A failure envelope sets a non-zero exit code.
   */
  async envelope(method: string, params: unknown, token: string, label?: (e: Envelope) => string) {
    const outcome = await (await this.transport()).call(method, params, token);
    if (!outcome.ok) return this.fail(outcomeAsFailure(outcome), clientHint(outcome));
    const envelope = outcome.result as Envelope;
    if (!envelope.success) return this.fail(envelope);
    if (this.json) printJson(this.io, envelope);
    else printSuccess(this.io, envelope, label?.(envelope));
  }

  /**
   * Calls a view whose result is an envelope of data (`events`, `artifacts`): `--json` prints the
   * envelope, humans get `render(result)`.
   */
  async envelopeData(
    method: string,
    params: unknown,
    token: string,
    render: (data: unknown) => void,
  ) {
    const outcome = await (await this.transport()).call(method, params, token);
    if (!outcome.ok) return this.fail(outcomeAsFailure(outcome), clientHint(outcome));
    const envelope = outcome.result as Envelope;
    if (!envelope.success) return this.fail(envelope);
    if (this.json) printJson(this.io, envelope);
    else render(envelope.result);
  }

  /**
   * Prints a failure (JSON envelope with `--json`, one line otherwise) and sets exit code 1. The
   * hint is `ownHint` (the CLI's own, where it knows better) or one fitted to the code, its source
   * and this command — never `details.hint` of a kernel envelope, which contract code can set.
   */
  fail(envelope: Envelope, ownHint?: string): void {
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
    const hint = ownHint ?? hintFor(envelope.error, { command: "", ...context });
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
