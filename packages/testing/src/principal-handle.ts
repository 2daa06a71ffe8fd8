import type { Caller, Envelope, JsonValue, Policy } from "@ecology/kernel";
import type { CallRecord } from "./call-record.js";
import type { ContractSource } from "./contract-source.js";

/** Something that names an artifact: its id, or a handle returned by `deploy`. */
export type Target = string | { readonly id: string };

/** Options of a principal's `deploy` (the owner is the principal). */
export interface HandleDeployOptions {
  id?: string;
  args?: JsonValue[];
  policy?: Partial<Policy>;
  metadata?: { [key: string]: JsonValue };
}

/** What a handle needs from its test kernel (internal wiring). */
export interface HandlePort {
  run<T extends JsonValue>(
    record: Omit<CallRecord, "index">,
    op: () => Envelope<T>,
    costName?: string,
  ): Envelope<T>;
  deployAs(
    caller: Caller,
    source: ContractSource,
    options: HandleDeployOptions,
  ): Promise<Envelope<{ id: string; codeHash: string }>>;
  balance(id: string): number;
  invoke(
    caller: Caller,
    target: string,
    method: string,
    args: JsonValue[],
    options: InvokeOptions,
  ): Envelope;
  read(caller: Caller, id: string): Envelope;
  write(
    caller: Caller,
    id: string,
    content: JsonValue,
    options: { policy?: Partial<Policy>; metadata?: { [key: string]: JsonValue } },
  ): Envelope<{ id: string; version: number; created: boolean }>;
}

/** Options of `PrincipalHandle.invoke`, as the kernel's `invoke` takes them. */
export interface InvokeOptions {
  /** Scrip attached to the call. */
  value?: number;
  /** The highest price the caller agrees to pay. */
  maxPrice?: number;
}

function idOf(target: Target): string {
  return typeof target === "string" ? target : target.id;
}

/**
 * Acts as one principal of a test kernel: every call is one transaction by that principal,
 * returns the kernel's envelope, and is followed by the kernel's invariant checks (which throw
 * `TestingError("invariant_broken")` naming the transaction). Handles stay valid across
 * `restore`. Get one with `k.principal(id, { scrip })`.
 *
 * @example
 * ```ts
 * const alice = k.principal("alice", { scrip: 100 });
 * const r = alice.invoke(pool, "join", [], { value: 50 });
 * ```
 */
export class PrincipalHandle {
  readonly id: string;
  readonly #port: HandlePort;
  /** Who the kernel sees act: the principal itself, or the principal under a grant. */
  readonly #as: Caller;

  /** @internal created by `TestKernel.principal` (and `TestKernel.grant`, with `as`). */
  constructor(id: string, port: HandlePort, as: Caller = id) {
    this.id = id;
    this.#port = port;
    this.#as = as;
  }

  /**
   * Invokes `target.method(...args)`, optionally attaching `value` scrip; with `maxPrice` the
   * call is refused (`conflict`) when the method's price is above it.
   */
  invoke(
    target: Target,
    method: string,
    args: JsonValue[] = [],
    options: InvokeOptions = {},
  ): Envelope {
    const t = idOf(target);
    const record: Omit<CallRecord, "index"> = {
      caller: this.id,
      op: "invoke",
      target: t,
      method,
      args,
    };
    if (options.value !== undefined) record.value = options.value;
    if (options.maxPrice !== undefined) record.maxPrice = options.maxPrice;
    return this.#port.run(record, () => this.#port.invoke(this.#as, t, method, args, options));
  }

  /** Reads an artifact (policy enforced, read price paid). */
  read(target: Target): Envelope {
    const t = idOf(target);
    return this.#port.run({ caller: this.id, op: "read", target: t }, () =>
      this.#port.read(this.#as, t),
    );
  }

  /** Creates a data artifact owned by this principal, or updates one it owns. */
  write(
    id: string,
    content: JsonValue,
    options: { policy?: Partial<Policy>; metadata?: { [key: string]: JsonValue } } = {},
  ): Envelope<{ id: string; version: number; created: boolean }> {
    return this.#port.run({ caller: this.id, op: "write", target: id }, () =>
      this.#port.write(this.#as, id, content, options),
    );
  }

  /**
   * Deploys a contract owned by this principal; TypeScript files are compiled (and cached).
   * Resolves to the deploy envelope, so refusals can be asserted with matchers.
   *
   * @throws {TestingError} `compile_failed` when the file does not compile.
   */
  deploy(
    source: ContractSource,
    options: HandleDeployOptions = {},
  ): Promise<Envelope<{ id: string; codeHash: string }>> {
    return this.#port.deployAs(this.#as, source, options);
  }

  /** Pays `amount` scrip to `to` through `genesis_ledger.transfer`. */
  transfer(to: Target, amount: number): Envelope {
    return this.invoke("genesis_ledger", "transfer", [idOf(to), amount]);
  }

  /** This principal's balance (free, no transaction). */
  balance(): number {
    return this.#port.balance(this.id);
  }

  /** The id, so a handle can be used where a string is expected. */
  toString(): string {
    return this.id;
  }
}
