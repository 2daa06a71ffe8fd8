import type { EventFilter, KernelEvent } from "@ecology/kernel";
import type { ContextBase } from "../ctx.js";
import { genesis } from "../genesis.js";

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
  /** Arbitrated deals the agent honoured: completed as seller, or won in arbitration. */
  contractsHonored: number;
  /** Arbitrated deals the agent lost in arbitration. */
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

/** Reads every event matching `filter`, page by page, up to `max` events. */
export function readAllEvents(ctx: ContextBase, filter: EventFilter, max: number): KernelEvent[] {
  const out: KernelEvent[] = [];
  let after: number | undefined = filter.after;
  while (out.length < max) {
    const limit = Math.min(1000, max - out.length);
    const page = ctx.call(
      genesis.eventLog,
      "read",
      after === undefined ? { ...filter, limit } : { ...filter, limit, after },
    );
    out.push(...page.events);
    if (page.next === null || page.events.length === 0) break;
    after = page.next;
  }
  return out;
}

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
 * contract: its own history (actor or subject: invocations, escrow trades, ledger payments) and
 * the arbitrated-deal events of every contract built on the escrow pattern. Deterministic for a
 * given log; reads at most `maxEvents` events per query (default 1000).
 *
 * @example
 * ```ts
 * views: { reputation: (ctx, agent: string) => computeReputation(ctx, agent) }
 * ```
 */
export function computeReputation(
  ctx: ContextBase,
  agent: string,
  options: { maxEvents?: number } = {},
): ReputationMetrics {
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
  const deals = readAllEvents(ctx, { types: [...DEAL_EVENTS] }, max);
  countOwnHistory(metrics, own);
  countDeals(metrics, deals);
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
