import type { Kernel } from "@ecology/kernel";
import type { EventFilter, JsonValue, KernelEvent } from "@ecology/protocol";
import type { AgentView } from "./persona.js";
import { SimulateError } from "./simulate-error.js";
import { allListings } from "./world-view.js";

/** The mutable part of an agent the simulator keeps between rounds. */
export interface AgentMind {
  readonly id: string;
  readonly persona: string;
  readonly principals: readonly string[];
  readonly partners: readonly string[];
  /** Notes per principal, kept between turns. */
  readonly memory: { [principal: string]: { [key: string]: JsonValue } };
  /** The last event seq this agent was shown (its `events()` cursor). */
  lastSeen: number;
}

/** Round facts shared by every view of one round. */
export interface RoundFacts {
  readonly round: number;
  readonly rounds: number;
  readonly contracts: readonly string[];
}

/** Whether `reader` may read `id` for free, without a gate: the only reads a view makes. */
function freelyReadable(kernel: Kernel, reader: string, id: string): JsonValue | undefined {
  const a = kernel.getArtifact(id);
  if (!a || a.deleted) return undefined;
  const p = a.policy;
  const allowed = p.allowRead === "*" || p.allowRead.includes(reader) || a.owner === reader;
  if (!allowed || p.gate !== undefined || (p.readPrice > 0 && a.owner !== reader)) return undefined;
  return a.kind === "data" ? a.content : a.state;
}

/**
 * The view `mind` gets for one turn, acting as `principal`. Built from free kernel reads; it
 * holds no reference a persona could use to change the world.
 */
export function createAgentView(
  kernel: Kernel,
  mind: AgentMind,
  facts: RoundFacts,
  principal: string = mind.principals[0] as string,
): AgentView {
  return {
    id: principal,
    persona: mind.persona,
    principals: mind.principals,
    partners: mind.partners,
    round: facts.round,
    rounds: facts.rounds,
    contracts: facts.contracts,
    memory: notesOf(mind, principal),
    as: (other) => {
      if (!mind.principals.includes(other))
        throw new SimulateError(
          "persona_failed",
          `${mind.id} asked for a view as ${other}, which it does not control`,
        );
      return createAgentView(kernel, mind, facts, other);
    },
    balance: (id = principal) => kernel.balance(id),
    state: (id) => freelyReadable(kernel, principal, id),
    owner: (id) => kernel.getArtifact(id)?.owner,
    listings: () => allListings(kernel).slice(0, 1000),
    events: (filter = {}) => readEvents(kernel, mind, filter),
  };
}

function notesOf(mind: AgentMind, principal: string): { [key: string]: JsonValue } {
  if (!Object.hasOwn(mind.memory, principal)) mind.memory[principal] = {};
  return mind.memory[principal] as { [key: string]: JsonValue };
}

function readEvents(kernel: Kernel, mind: AgentMind, filter: EventFilter): KernelEvent[] {
  const cursor = filter.after === undefined;
  const page = kernel.events({
    ...filter,
    after: filter.after ?? mind.lastSeen,
    limit: Math.min(filter.limit ?? 1000, 1000),
  });
  if (!page.success)
    throw new SimulateError(
      "persona_failed",
      `${mind.id} read events with a bad filter: ${page.error.message}`,
    );
  const events = page.result.events;
  const last = events[events.length - 1];
  if (cursor && last) mind.lastSeen = last.seq;
  return events;
}
