import type { KernelEvent } from "@ecology/protocol";
import type { ContextBase } from "../ctx.js";
import { readAllEvents } from "./read-events.js";
import {
  eventsFromTrusted,
  requireTrustedSources,
  type TrustedSources,
} from "./trusted-sources.js";

/** What an agent's history says about it (DESIGN.md §2.5 events; seed Pattern 4). */
export interface ReputationMetrics {
  agent: string;
  /** Events the agent caused (it is the actor). */
  totalActions: number;
  /** Successful and failed invocations the agent made. */
  successfulInvocations: number;
  failedInvocations: number;
  /** `genesis_escrow` sales where the agent was the seller or the buyer. */
  trades: number;
  /** Scrip the agent paid through the ledger (transfers, prices, attached values). */
  scripPaid: number;
  /**
   * Arbitrated deals the agent honoured: completed as seller, or won in arbitration — counted
   * only from contracts in the trusted set.
   */
  contractsHonored: number;
  /** Arbitrated deals the agent lost in arbitration (trusted contracts only). */
  disputesLost: number;
  /** Events read (bounded by `maxEvents`). */
  eventsRead: number;
}

/** A membership rule over {@link ReputationMetrics}; every given bound must hold. */
export interface ReputationRule {
  minContractsHonored?: number;
  maxDisputesLost?: number;
  minTrades?: number;
  maxFailedInvocations?: number;
}

const DEAL_EVENTS = ["contract.deal.completed", "contract.deal.resolved"] as const;

function countOwnHistory(m: ReputationMetrics, events: KernelEvent[]): void {
  for (const e of events) {
    if (e.actor === m.agent) m.totalActions += 1;
    if (e.type === "invoke.succeeded" && e.actor === m.agent) m.successfulInvocations += 1;
    if (e.type === "invoke.failed" && e.actor === m.agent) m.failedInvocations += 1;
    if (e.type === "escrow.purchased" && (e.actor === m.agent || e.data.seller === m.agent))
      m.trades += 1;
    if (e.type === "scrip.transferred" && e.data.from === m.agent)
      m.scripPaid += Number(e.data.amount ?? 0);
  }
}

function countDeals(m: ReputationMetrics, events: KernelEvent[]): void {
  for (const e of events) {
    if (e.type === "contract.deal.completed" && e.data.seller === m.agent) m.contractsHonored += 1;
    if (e.type === "contract.deal.resolved") {
      const winnerId = e.data.winner === "seller" ? e.data.seller : e.data.buyer;
      if (winnerId === m.agent) m.contractsHonored += 1;
      if (e.data.loser === m.agent) m.disputesLost += 1;
    }
  }
}

/**
 * Computes an agent's reputation from the event log, read through `genesis_event_log` as this
 * contract: its own history (kernel events, which no contract can forge: invocations, escrow
 * trades, ledger payments) and the arbitrated-deal events (`contract.deal.completed`,
 * `contract.deal.resolved`) that mention the agent **and were emitted by an artifact in
 * `trusted`** (by id or code hash). Any contract can emit a `deal.completed` naming anyone, so
 * deal events from other artifacts are ignored: trust the deal contracts you audited (e.g. the
 * code hash of one built on the escrow pattern). Deterministic for a given log; reads at most
 * `maxEvents` events per query (default 1000), oldest first — so events that merely mention
 * the agent (forged or not) count towards that bound: a flood of them before the agent's real
 * deals can hide those deals, never add to them.
 *
 * @throws (via `ctx.fail`) `invalid_argument` when `trusted` is not a {@link TrustedSources}.
 * @example
 * ```ts
 * views: { reputation: (ctx, agent: string) => computeReputation(ctx, agent, ctx.state.trusted) }
 * ```
 */
export function computeReputation(
  ctx: ContextBase,
  agent: string,
  trusted: TrustedSources,
  options: { maxEvents?: number } = {},
): ReputationMetrics {
  requireTrustedSources(ctx, trusted);
  const max = options.maxEvents ?? 1000;
  const metrics: ReputationMetrics = {
    agent,
    totalActions: 0,
    successfulInvocations: 0,
    failedInvocations: 0,
    trades: 0,
    scripPaid: 0,
    contractsHonored: 0,
    disputesLost: 0,
    eventsRead: 0,
  };
  const own = readAllEvents(ctx, { principal: agent }, max);
  // Deal events name the seller and buyer, so the agent filter keeps only deals about them.
  const deals = readAllEvents(ctx, { types: [...DEAL_EVENTS], principal: agent }, max);
  countOwnHistory(metrics, own);
  countDeals(metrics, eventsFromTrusted(ctx, deals, trusted));
  metrics.eventsRead = own.length + deals.length;
  return metrics;
}

/**
 * Checks metrics against a rule; returns the first unmet bound as the reason.
 *
 * @example
 * ```ts
 * meetsReputation(m, { minContractsHonored: 1, maxDisputesLost: 0 }); // { ok: true }
 * ```
 */
export function meetsReputation(
  m: ReputationMetrics,
  rule: ReputationRule,
): { ok: true } | { ok: false; reason: string } {
  if (rule.minContractsHonored !== undefined && m.contractsHonored < rule.minContractsHonored) {
    return {
      ok: false,
      reason: `honoured ${m.contractsHonored} contracts, needs ${rule.minContractsHonored}`,
    };
  }
  if (rule.maxDisputesLost !== undefined && m.disputesLost > rule.maxDisputesLost) {
    return {
      ok: false,
      reason: `lost ${m.disputesLost} disputes, at most ${rule.maxDisputesLost} allowed`,
    };
  }
  if (rule.minTrades !== undefined && m.trades < rule.minTrades) {
    return { ok: false, reason: `made ${m.trades} trades, needs ${rule.minTrades}` };
  }
  if (rule.maxFailedInvocations !== undefined && m.failedInvocations > rule.maxFailedInvocations) {
    return {
      ok: false,
      reason: `${m.failedInvocations} failed invocations, at most ${rule.maxFailedInvocations}`,
    };
  }
  return { ok: true };
}
