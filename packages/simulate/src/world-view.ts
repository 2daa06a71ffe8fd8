import type { Kernel } from "@ecology/kernel";
import type {
  ArtifactKind,
  EscrowListing,
  EventFilter,
  JsonValue,
  KernelEvent,
  Policy,
} from "@ecology/protocol";
import { SimulateError } from "./simulate-error.js";

/** An agent of the population, as invariants, metrics and the report see it. */
export interface AgentInfo {
  /** The agent's id (its first principal, or the owner's name for a sybil). */
  readonly id: string;
  readonly persona: string;
  /** The principals it controls. */
  readonly principals: readonly string[];
  /** Principals of its teammates (a colluding pair). */
  readonly partners: readonly string[];
}

/** An artifact without its code: what invariants may inspect. */
export interface ArtifactInfo {
  id: string;
  kind: ArtifactKind;
  owner: string;
  version: number;
  policy: Policy;
  state?: JsonValue;
  content?: JsonValue;
  deleted: boolean;
}

/**
 * A read-only view of the whole world for invariants, metrics and wealth functions: balances,
 * artifacts and their states, the event log, listings. Everything is read from the kernel as
 * the operator; nothing here can change it.
 */
export interface WorldView {
  /** The round just finished (0 before the first). */
  readonly round: number;
  readonly agents: readonly AgentInfo[];
  /** Ids of the contracts the scenario deployed. */
  readonly contracts: readonly string[];
  balance(id: string): number;
  /** Every non-zero balance. */
  balances(): { [id: string]: number };
  totalMinted(): number;
  artifact(id: string): ArtifactInfo | undefined;
  /** A contract's state or a data artifact's content. */
  state(id: string): JsonValue | undefined;
  /** Every matching event, oldest first (all pages). */
  events(filter?: Omit<EventFilter, "limit">): KernelEvent[];
  /** Every active escrow listing. */
  listings(): EscrowListing[];
}

/** Reads every page of events matching `filter`. */
export function allEvents(kernel: Kernel, filter: Omit<EventFilter, "limit"> = {}): KernelEvent[] {
  const out: KernelEvent[] = [];
  let after = filter.after;
  for (;;) {
    const page = kernel.events({
      ...filter,
      ...(after === undefined ? {} : { after }),
      limit: 1000,
    });
    if (!page.success)
      throw new SimulateError("check_failed", `bad event filter: ${page.error.message}`);
    out.push(...page.result.events);
    if (page.result.next === null) return out;
    after = page.result.next;
  }
}

/** Every listing with `status`, all pages. */
export function allListings(kernel: Kernel, status = "active"): EscrowListing[] {
  const out: EscrowListing[] = [];
  for (let offset = 0; ; offset += 1000) {
    const page = kernel.query("listings", { status, limit: 1000, offset });
    if (!page.success) throw new SimulateError("check_failed", page.error.message);
    const rows = page.result as unknown as EscrowListing[];
    out.push(...rows);
    if (rows.length < 1000) return out;
  }
}

/** The artifact without its code, or undefined. */
export function artifactInfo(kernel: Kernel, id: string): ArtifactInfo | undefined {
  const a = kernel.getArtifact(id);
  if (!a) return undefined;
  const info: ArtifactInfo = {
    id: a.id,
    kind: a.kind,
    owner: a.owner,
    version: a.version,
    policy: a.policy,
    deleted: a.deleted,
  };
  if (a.state !== undefined) info.state = a.state;
  if (a.content !== undefined) info.content = a.content;
  return info;
}

/**
 * A world view over `kernel` after `round`. Artifact reads are memoised for the view's
 * lifetime, so a wealth function called for every agent parses a contract's state once.
 */
export function createWorldView(
  kernel: Kernel,
  round: number,
  agents: readonly AgentInfo[],
  contracts: readonly string[],
): WorldView {
  const artifacts = new Map<string, ArtifactInfo | undefined>();
  const artifact = (id: string) => {
    if (!artifacts.has(id)) artifacts.set(id, artifactInfo(kernel, id));
    return artifacts.get(id);
  };
  return {
    round,
    agents,
    contracts,
    balance: (id) => kernel.balance(id),
    balances: () => sortedBalances(kernel.balances()),
    totalMinted: () => kernel.totalMinted(),
    artifact,
    state: (id) => {
      const a = artifact(id);
      return a?.kind === "data" ? a.content : a?.state;
    },
    events: (filter) => allEvents(kernel, filter),
    listings: () => allListings(kernel),
  };
}

/** Balances with keys in code-unit order, so iterating them never depends on insertion. */
function sortedBalances(balances: { [id: string]: number }): { [id: string]: number } {
  const out: { [id: string]: number } = {};
  for (const id of Object.keys(balances).sort()) out[id] = balances[id] as number;
  return out;
}
