import type { EscrowListing, EventFilter, JsonValue, KernelEvent, Policy } from "@ecology/protocol";
import type { Rng } from "./rng.js";

/** Fields every action may carry. */
interface ActionBase {
  /** Which of the agent's principals acts (a sybil owns several); default the agent's first. */
  as?: string;
  /**
   * Marks the action as an exploit attempt, with a label ("claim without contributing"). The
   * report counts such attempts per persona: accepted by the kernel, and profitable (the
   * agent's wealth went up through it).
   */
  exploit?: string;
}

/** Invoke `target.method(...args)` with `value` scrip attached (DESIGN.md §2.1). */
export interface InvokeAction extends ActionBase {
  kind: "invoke";
  target: string;
  method: string;
  args?: JsonValue[];
  value?: number;
}

/** Pay `amount` scrip to `to` (`genesis_ledger.transfer`). */
export interface TransferAction extends ActionBase {
  kind: "transfer";
  to: string;
  amount: number;
}

/** Create or update a data artifact. */
export interface WriteAction extends ActionBase {
  kind: "write";
  id: string;
  content: JsonValue;
  policy?: Partial<Policy>;
}

/** Read an artifact (pays its read price). */
export interface ReadAction extends ActionBase {
  kind: "read";
  id: string;
}

/** List an artifact with `genesis_escrow` (it takes custody). */
export interface DepositAction extends ActionBase {
  kind: "deposit";
  artifact: string;
  price: number;
  buyer?: string;
}

/** Buy a listing from `genesis_escrow`. */
export interface PurchaseAction extends ActionBase {
  kind: "purchase";
  artifact: string;
}

/** Take a listing back (seller only). */
export interface CancelAction extends ActionBase {
  kind: "cancel";
  artifact: string;
}

/** Deploy one of the scenario's blueprints (a contract file) under a new id. */
export interface DeployAction extends ActionBase {
  kind: "deploy";
  blueprint: string;
  id: string;
  args?: JsonValue[];
  policy?: Partial<Policy>;
}

/** Do nothing this round. */
export interface IdleAction {
  kind: "idle";
}

/** What an agent does; each is one real kernel operation (idle: none). */
export type Action =
  | InvokeAction
  | TransferAction
  | WriteAction
  | ReadAction
  | DepositAction
  | PurchaseAction
  | CancelAction
  | DeployAction
  | IdleAction;

/** What `act` may return: one action, several (one per principal at most), or nothing. */
export type ActResult = Action | readonly Action[] | undefined | null;

/**
 * What an agent may know when it acts, read from the kernel — never the kernel itself. Reads
 * here are free observations (balances and the event log are public; contract state only when
 * the artifact's policy lets the agent read it for free, without a gate). A paid or gated read
 * is an action.
 */
export interface AgentView {
  /** The principal this view acts as (the agent's first, or the one chosen with {@link AgentView.as}). */
  readonly id: string;
  /** The agent's persona name, as the report shows it. */
  readonly persona: string;
  /** Every principal the agent controls (a sybil: many). */
  readonly principals: readonly string[];
  /** Principals of the agents it colludes with (same team), if any. */
  readonly partners: readonly string[];
  /** 1-based round number, and how many rounds the run has. */
  readonly round: number;
  readonly rounds: number;
  /** Ids of the contracts the scenario deployed (artifacts every agent knows). */
  readonly contracts: readonly string[];
  /**
   * Notes of the principal this view acts as, kept between turns (JSON values only). Each of a
   * sybil's identities has its own; `view.as(other).memory` reads another's.
   */
  readonly memory: { [key: string]: JsonValue };
  /** The same view acting as another of the agent's own principals. */
  as(principal: string): AgentView;
  /** A balance (default: {@link AgentView.id}'s). */
  balance(id?: string): number;
  /** A contract's state (or a data artifact's content) when freely readable; else undefined. */
  state(id: string): JsonValue | undefined;
  /** Who owns an artifact (undefined when there is none). */
  owner(id: string): string | undefined;
  /** Active `genesis_escrow` listings (at most 1,000, oldest first). */
  listings(): EscrowListing[];
  /**
   * Events from the public log, at most 1,000. Without `after`, the ones after the last event
   * this agent was shown (a cursor per agent), so each call returns what is new.
   */
  events(filter?: EventFilter): KernelEvent[];
}

/**
 * An agent's behaviour: a deterministic `act(view, rng)` called once per round. It may only
 * look at the view and draw from `rng` (its own seeded stream); any other source of randomness
 * or time breaks the same-seed-same-report guarantee. Authors write their own as a TypeScript
 * module whose default export is a persona (a scenario names the file by path).
 *
 * @example
 * ```ts
 * const customer: Persona = {
 *   name: "customer",
 *   act: (view, rng) => (rng.chance(0.5) ? { kind: "transfer", to: "pool", amount: 5 } : undefined),
 * };
 * export default customer;
 * ```
 */
export interface Persona {
  /** The name the report groups by ("honest", "sybil", ...). */
  readonly name: string;
  /** Principals one agent controls (default 1). A sybil owns many; its scrip is split among them. */
  readonly principals?: number;
  /** Agents per team (default 1). Team members see each other as `partners`: a colluding pair is 2. */
  readonly team?: number;
  /** One round's decision. */
  act(view: AgentView, rng: Rng): ActResult;
}

/** One step of a built-in persona, written for the scenario's mechanism. */
export type Move = (view: AgentView, rng: Rng) => ActResult;

/**
 * What the built-in personas do, in the scenario's own terms: each entry is a {@link Move}
 * that returns the action for this mechanism, or nothing when it does not apply now.
 */
export interface Playbook {
  /** Put something in that others benefit from (join a pool, provide a service, sell an item). */
  contribute?: Move;
  /** Use the mechanism as a paying customer. */
  use?: Move;
  /** Take out what the mechanism pays (distribute revenue, withdraw, request membership). */
  claim?: Move;
  /** The smallest step that makes one a participant (join with 1 scrip). Free-riders, sybils and griefers use it. */
  enter?: Move;
  /** Harm others at one's own cost. */
  grief?: Move;
  /** Act together with a partner (wash trades, votes for each other). */
  collude?: (view: AgentView, rng: Rng, partner: string) => ActResult;
}
