import type { Grant, GrantCaller, Kernel } from "@ecology/kernel";
import { type HandlePort, PrincipalHandle } from "./principal-handle.js";
import { TestingError } from "./testing-error.js";

/**
 * Acts as a principal under one of its grants (DESIGN.md §10): the same calls as a
 * {@link PrincipalHandle} (invoke, read, write, deploy, transfer), each enforced by the kernel
 * against the grant's limits in its own transaction — a refusal is `not_authorized` with
 * `details.grant`. `id` is the principal (events name it as actor); `grantId` the grant.
 * Get one with `k.grant(alice, { spend: 50 })`; it lives as long as its test kernel.
 *
 * @example
 * ```ts
 * const agent = k.grant(alice, { spend: 30, perCall: 10, targets: ["shop.buy"] });
 * expect(agent.invoke("shop", "buy", ["tea"])).toSucceed();
 * expect(agent.invoke("shop", "buy", ["car"])).toFailWith("not_authorized");
 * agent.revoke();
 * ```
 */
export class GrantHandle extends PrincipalHandle {
  /** The grant's id. */
  readonly grantId: string;
  /** The grant's bearer token (for a server or the CLI's `--token`). */
  readonly token: string;
  readonly #kernel: Kernel;
  readonly #port: HandlePort;
  readonly #confirmed: boolean;

  /** @internal created by `TestKernel.grant`. */
  constructor(grant: Grant, token: string, kernel: Kernel, port: HandlePort, confirmed = false) {
    const as: GrantCaller = { principal: grant.principal, grant: grant.id };
    if (confirmed) as.confirmed = true;
    super(grant.principal, port, as);
    this.grantId = grant.id;
    this.token = token;
    this.#kernel = kernel;
    this.#port = port;
    this.#confirmed = confirmed;
  }

  /**
   * The same grant, with every call carrying `confirmed: true`: what a client sends once the
   * human approved a spend above `confirmAbove`.
   */
  confirmed(): GrantHandle {
    if (this.#confirmed) return this;
    return new GrantHandle(this.grant(), this.token, this.#kernel, this.#port, true);
  }

  /**
   * The grant as the kernel holds it now (`spent`, `revoked`…).
   *
   * @throws {TestingError} `setup_failed` when the kernel no longer lists it.
   */
  grant(): Grant {
    const env = this.#kernel.listGrants(this.id);
    const found = env.success ? env.result.find((g) => g.id === this.grantId) : undefined;
    if (!found) throw new TestingError("setup_failed", `grant ${this.grantId} is not listed`);
    return found;
  }

  /** Scrip moved under the grant so far. */
  spent(): number {
    return this.grant().spent;
  }

  /**
   * Revokes the grant (as its principal); every later call through it is refused.
   *
   * @throws {TestingError} `setup_failed` when the kernel refuses.
   */
  revoke(): void {
    const env = this.#kernel.revokeGrant(this.id, this.grantId);
    if (!env.success) throw new TestingError("setup_failed", `cannot revoke: ${env.error.message}`);
  }
}
