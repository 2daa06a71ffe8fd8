import {
  type AgentView,
  defineScenario,
  freeRider,
  griefer,
  honest,
  type JsonValue,
  type Playbook,
  proportionalPayouts,
  sybil,
} from "@ecology/simulate";

type Proposal = {
  id: number;
  action: { kind: string; name?: string; data?: { to?: string; amount?: number } };
  approvals: string[];
  status: "pending" | "executed";
};
/** The cooperative's state (`examples/cooperative-service/src/cooperative.ts`). */
type Coop = {
  pool: { contributions: { [member: string]: number }; total: number };
  t: { required: number; proposals: { [id: string]: Proposal } };
  price: number;
};

const coop = (read: (id: string) => JsonValue | undefined) => read("coop") as Coop | undefined;
const stake = (read: (id: string) => JsonValue | undefined, id: string) =>
  coop(read)?.pool.contributions[id] ?? 0;
const revenue = (view: Pick<AgentView, "state" | "balance">) =>
  view.balance("coop") - (coop(view.state)?.pool.total ?? 0);
/** How long a griefer's proposal descriptions are. */
const SPAM = 4_000;

/**
 * The sybil's plan: its first identity proposes paying the cooperative's revenue to itself,
 * and every identity approves — three approvals are all the cooperative asks for.
 */
function captureRevenue(view: AgentView) {
  const state = coop(view.state);
  if (!state) return undefined;
  const mine = new Set(view.principals);
  const open = Object.values(state.t.proposals)
    .filter(
      (p) =>
        p.status === "pending" && p.action.name === "payout" && mine.has(String(p.action.data?.to)),
    )
    .filter((p) => (p.action.data?.amount ?? 0) <= revenue(view))
    .at(-1);
  if (open)
    return open.approvals.includes(view.id)
      ? undefined
      : { kind: "invoke" as const, target: "coop", method: "approve", args: [open.id] };
  if (view.id !== view.principals[0] || revenue(view) <= 0) return undefined;
  const action = { kind: "custom", name: "payout", data: { to: view.id, amount: revenue(view) } };
  return { kind: "invoke" as const, target: "coop", method: "propose", args: ["dividend", action] };
}

const playbook: Playbook = {
  // Providers stake 40–60 scrip once.
  contribute: (view, rng) =>
    stake(view.state, view.id) === 0
      ? { kind: "invoke", target: "coop", method: "join", value: 40 + rng.int(21) }
      : undefined,
  // Providers share out the revenue now and then; a sybil tries to capture it by vote.
  claim: (view, rng) => {
    if (view.persona === "sybil") return captureRevenue(view);
    if (view.persona === "free-rider")
      return { kind: "invoke", target: "coop", method: "use", args: ["for free"] };
    return revenue(view) > 0 && rng.chance(0.4)
      ? { kind: "invoke", target: "coop", method: "distribute" }
      : undefined;
  },
  // The smallest stake that makes one a member (and a voter).
  enter: (view) =>
    stake(view.state, view.id) === 0
      ? { kind: "invoke", target: "coop", method: "join", value: 1 }
      : undefined,
  // A griefing member files proposals with huge descriptions: the state every call loads grows.
  grief: () => ({
    kind: "invoke",
    target: "coop",
    method: "propose",
    args: ["x".repeat(SPAM), { kind: "custom", name: "setPrice", data: { price: 1 } }],
  }),
};

/**
 * The seed's cooperative service under pressure: four providers stake, consumers buy answers
 * at 5 scrip, a free-rider tries to use the service without paying, a sybil stakes 1 scrip from
 * each of three identities and votes itself the revenue (the threshold counts members, not
 * stake), and a griefing member spams the state with huge proposals.
 */
export default defineScenario({
  name: "cooperative service",
  description:
    "Providers, paying consumers, a free-rider, a 3-identity sybil voting itself the revenue and a proposal-spamming griefer.",
  seed: 3,
  rounds: 24,
  contracts: [{ id: "coop", file: "../src/cooperative.ts", args: [5, 3] }],
  population: [
    { persona: honest(playbook, { name: "provider" }), count: 4, scrip: 100 },
    { persona: "./personas/consumer.ts", count: 3, scrip: 200 },
    { persona: freeRider(playbook), count: 1, scrip: 50 },
    { persona: sybil(playbook, { principals: 3 }), count: 1, scrip: 30 },
    { persona: griefer(playbook), count: 1, scrip: 30 },
  ],
  wealth: (world, principal) => world.balance(principal) + stake(world.state, principal),
  invariants: [
    proportionalPayouts({
      contract: "coop",
      name: "revenue goes to members in proportion to stake",
    }),
    {
      name: "the state stays under 64 KiB",
      description:
        "every call loads the whole state; at the kernel's 1 MiB cap, calls that grow it fail",
      check: (world) => {
        const bytes = JSON.stringify(world.state("coop")).length;
        return bytes < 64 * 1024 || `the cooperative's state is ${bytes} bytes`;
      },
    },
  ],
  metrics: [
    {
      name: "state (KiB)",
      measure: (world) => Math.round(JSON.stringify(world.state("coop")).length / 1024),
    },
    { name: "revenue held", measure: (world) => revenue(world) },
  ],
});
