import { isValidId } from "@ecology/protocol";
import type { AgentMind } from "./agent-view.js";
import type { Persona } from "./persona.js";
import { createRng, type Rng } from "./rng.js";
import { SimulateError } from "./simulate-error.js";

/** A population group with its persona loaded. */
export interface Group {
  readonly name: string;
  readonly persona: Persona;
  readonly count: number;
  readonly scrip: number;
}

/** One agent during a run: its mind (view state), its behaviour, its stream and its money. */
export interface Agent {
  readonly index: number;
  readonly group: string;
  readonly persona: Persona;
  readonly mind: AgentMind;
  readonly rng: Rng;
  /** Starting scrip per principal, in `mind.principals` order. */
  readonly scrip: readonly number[];
}

function positiveInt(value: unknown, max: number): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 1 && (value as number) <= max;
}

/** Splits `total` over `n` principals: equal shares, the remainder one unit each to the first. */
function split(total: number, n: number): number[] {
  const base = Math.floor(total / n);
  return Array.from({ length: n }, (_, k) => base + (k < total - base * n ? 1 : 0));
}

function agentsOf(group: Group, seed: number, first: number): Agent[] {
  const team = group.persona.team ?? 1;
  const principals = group.persona.principals ?? 1;
  if (!positiveInt(team, 100) || !positiveInt(principals, 1000))
    throw new SimulateError(
      "scenario_invalid",
      `persona ${group.persona.name}: team and principals must be integers from 1 to 100 / 1000`,
    );
  const ids = Array.from({ length: group.count * team }, (_, i) => `${group.name}-${i + 1}`);
  return ids.map((id, i) => {
    const own =
      principals === 1 ? [id] : Array.from({ length: principals }, (_, k) => `${id}.${k + 1}`);
    const mates = ids.slice(i - (i % team), i - (i % team) + team).filter((m) => m !== id);
    const partners = mates.flatMap((m) =>
      principals === 1 ? [m] : Array.from({ length: principals }, (_, k) => `${m}.${k + 1}`),
    );
    for (const p of own)
      if (!isValidId(p))
        throw new SimulateError("scenario_invalid", `agent id ${p} is not a valid id`);
    return {
      index: first + i,
      group: group.name,
      persona: group.persona,
      // Frozen: a persona that pushed onto its own view's list must not gain a principal.
      mind: {
        id,
        persona: group.name,
        principals: Object.freeze(own),
        partners: Object.freeze(partners),
        memory: Object.create(null),
        lastSeen: 0,
      },
      rng: createRng(seed, `agent:${id}`),
      scrip: split(group.scrip, principals),
    };
  });
}

/**
 * The agents of a population, in population order: group `g`'s agents are `g-1`, `g-2`, …;
 * a persona with several principals gets `g-1.1`, `g-1.2`, …; each agent draws from its own
 * stream `createRng(seed, "agent:<id>")`.
 */
export function createAgents(groups: readonly Group[], seed: number): Agent[] {
  const agents: Agent[] = [];
  for (const g of groups) agents.push(...agentsOf(g, seed, agents.length));
  return agents;
}
