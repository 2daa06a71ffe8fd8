import { existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { createKernel, type Kernel } from "@ecology/kernel";
import { compileContract } from "@ecology/sdk/compiler";
import { narrateBalances, narratedInvoke, type Say } from "./narrate.js";

const PEOPLE = { ana: 100, ben: 100, cy: 100, customer: 100, stranger: 10 };
const EVERYONE = [...Object.keys(PEOPLE), "coop"];

/** Opens a fresh kernel file at `path`, removing any earlier run's database. */
async function freshKernel(path: string): Promise<Kernel> {
  mkdirSync(dirname(path), { recursive: true });
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(path + suffix)) rmSync(path + suffix);
  return createKernel({ storage: path });
}

async function setUp(kernel: Kernel, say: Say): Promise<void> {
  say("\n① The operator creates the principals and mints their scrip");
  for (const [id, scrip] of Object.entries(PEOPLE)) kernel.createPrincipal(id, { scrip });
  narrateBalances(kernel, say, Object.keys(PEOPLE));
  const built = await compileContract(join(import.meta.dirname, "cooperative.ts"));
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join("\n"));
  const methods = built.code.manifest.methods.map((m) => m.name).join(", ");
  say(`\n② ana compiles src/cooperative.ts (methods: ${methods})`);
  say('   and deploys it as "coop": price 5 per use, 2 approvals for decisions');
  const deployed = kernel.deploy("ana", { id: "coop", code: built.code, args: [5, 2] });
  if (!deployed.success) throw new Error(deployed.error.message);
}

function poolAndSell(kernel: Kernel, say: Say): void {
  say("\n③ Providers join the pool (Pattern 6): scrip is attached to the call, never pulled");
  narratedInvoke(kernel, say, "ana", "coop", "join", [], 60);
  narratedInvoke(kernel, say, "ben", "coop", "join", [], 30);
  narratedInvoke(kernel, say, "cy", "coop", "join", [], 10);
  say("\n④ A customer buys the service per use (Pattern 2); the price lands in the pool");
  for (const q of ["weather", "prices", "news"])
    narratedInvoke(kernel, say, "customer", "coop", "use", [q], 5);
  narratedInvoke(kernel, say, "customer", "coop", "use", ["for free?"]);
  narrateBalances(kernel, say, EVERYONE);
}

function shareAndDecide(kernel: Kernel, say: Say): void {
  say("\n⑤ ben distributes the revenue in proportion to contributions (largest-remainder rule)");
  narratedInvoke(kernel, say, "ben", "coop", "distribute");
  narrateBalances(kernel, say, EVERYONE);
  say("\n⑥ A major decision needs a threshold (Pattern 3): raising the price to 8");
  const setPrice = { kind: "custom", name: "setPrice", data: { price: 8 } };
  narratedInvoke(kernel, say, "ana", "coop", "propose", ["raise the price to 8", setPrice]);
  narratedInvoke(kernel, say, "ana", "coop", "approve", [1]);
  narratedInvoke(kernel, say, "ana", "coop", "approve", [1]);
  say("   (ana's second approval counted once)");
  narratedInvoke(kernel, say, "stranger", "coop", "approve", [1]);
  narratedInvoke(kernel, say, "cy", "coop", "approve", [1]);
  narratedInvoke(kernel, say, "customer", "coop", "use", ["forecast"], 8);
}

function reputationAndLeave(kernel: Kernel, say: Say): void {
  say("\n⑦ Reputation tracks reliability (Pattern 4), read back from the event log");
  narratedInvoke(kernel, say, "customer", "coop", "rate", ["ana", true]);
  narratedInvoke(kernel, say, "customer", "coop", "rate", ["ben", false]);
  narratedInvoke(kernel, say, "stranger", "coop", "reliability", ["ana"]);
  narratedInvoke(kernel, say, "stranger", "coop", "reliability", ["ben"]);
  say("\n⑧ cy leaves with exactly her own contribution");
  narratedInvoke(kernel, say, "cy", "coop", "withdraw");
  narratedInvoke(kernel, say, "stranger", "coop", "withdraw");
  narrateBalances(kernel, say, EVERYONE);
}

function summary(kernel: Kernel, say: Say): void {
  const total = Object.values(kernel.balances()).reduce((a, b) => a + b, 0);
  const verified = kernel.verifyLog();
  say("\n⑨ Checks");
  say(
    `   scrip minted ${kernel.totalMinted()}, sum of all balances ${total}: nothing created or lost`,
  );
  say(
    verified.ok
      ? `   event log: ${verified.count} events, hash chain verified`
      : `   event log BROKEN at ${verified.seq}`,
  );
}

/**
 * Runs the seed's cooperative-service story on an embedded kernel file at `path` (recreated
 * each run), narrating every call through `say`. Returns the kernel, still open, for checks.
 */
export async function runCooperativeStory(path: string, say: Say = console.log): Promise<Kernel> {
  say("Ecology demo — a cooperative service (seed: Composing Patterns)");
  say(`kernel file: ${path} (fresh)`);
  const kernel = await freshKernel(path);
  await setUp(kernel, say);
  poolAndSell(kernel, say);
  shareAndDecide(kernel, say);
  reputationAndLeave(kernel, say);
  summary(kernel, say);
  return kernel;
}
