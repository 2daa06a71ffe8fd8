// Part 1 of `pnpm demo`: the two seed patterns the cooperative does not use — trustless trading
// through genesis_escrow (Pattern 1) and a gatekeeper (Pattern 5) — on an in-memory kernel.
import { join } from "node:path";
import { createKernel, type Envelope, type Kernel } from "@ecology/kernel";
import { compileContract } from "@ecology/sdk/compiler";
import {
  narrateBalances,
  narratedInvoke,
  type Say,
} from "../examples/cooperative-service/src/narrate.js";

const PEOPLE = { sam: 100, bea: 200, mallory: 1000 };
const GATEKEEPER = join(
  import.meta.dirname,
  "..",
  "examples",
  "gatekeeper",
  "src",
  "gatekeeper.ts",
);

function trade(kernel: Kernel, say: Say): void {
  say('\nⒶ sam sells his artifact "parser" to bea for 40 through genesis_escrow (Pattern 1)');
  const written = kernel.write("sam", "parser", { code: "a very good parser" });
  if (!written.success) throw new Error(written.error.message);
  narratedInvoke(kernel, say, "sam", "genesis_escrow", "deposit", ["parser", 40]);
  say('\n▶ sam tries to rewrite "parser" while it is listed (custody is ownership)');
  narrateRefusal(say, kernel.write("sam", "parser", { code: "a worse parser" }));
  narratedInvoke(kernel, say, "bea", "genesis_escrow", "purchase", ["parser"]);
  say("   scrip and ownership moved in one transaction; neither had to trust the other");
  const owner = kernel.getArtifact("parser")?.owner;
  say(`   parser is owned by ${owner}`);
  narrateBalances(kernel, say, ["sam", "bea"]);
}

async function gate(kernel: Kernel, say: Say): Promise<void> {
  say('\nⒷ A gatekeeper decides who may read sam\'s "plans" (Pattern 5)');
  const built = await compileContract(GATEKEEPER);
  if (!built.ok) throw new Error(built.diagnostics.map((d) => d.message).join("\n"));
  const rules = { blacklist: ["mallory"], minBalance: 100 };
  const deployed = kernel.deploy("sam", {
    id: "gatekeeper",
    code: built.code,
    args: ["plans", rules],
  });
  if (!deployed.success) throw new Error(deployed.error.message);
  const plans = { next: "sell a better parser" };
  const guarded = kernel.write("sam", "plans", plans, { policy: { allowRead: ["gatekeeper"] } });
  if (!guarded.success) throw new Error(guarded.error.message);
  say(`   rules ${JSON.stringify(rules)}; "plans" can be read by the gatekeeper only`);
  narratedInvoke(kernel, say, "bea", "gatekeeper", "requestAccess");
  narratedInvoke(kernel, say, "mallory", "gatekeeper", "requestAccess");
  say('\n▶ mallory reads "plans" directly');
  narrateRefusal(say, kernel.read("mallory", "plans"));
}

/**
 * A direct write or read the kernel refuses. Unlike a failed invoke (narrateEnvelope), it leaves
 * no `invoke.failed` event: nothing ran.
 */
function narrateRefusal(say: Say, envelope: Envelope<unknown>): void {
  if (envelope.success) throw new Error("the demo expected a refusal here");
  say(`   ✗ refused (${envelope.error.code}): ${envelope.error.message}`);
}

function checks(kernel: Kernel, say: Say): void {
  const total = Object.values(kernel.balances()).reduce((a, b) => a + b, 0);
  const verified = kernel.verifyLog();
  const log = verified.ok ? `${verified.count} events, hash chain verified` : "BROKEN";
  say(
    `\n   scrip minted ${kernel.totalMinted()}, sum of all balances ${total} · event log: ${log}`,
  );
}

/** Narrates part 1 (escrow trade, gatekeeper) through `say` on a fresh in-memory kernel. */
export async function runTradeAndGate(say: Say = console.log): Promise<void> {
  say("Ecology demo, part 1 — trading and access (seed Patterns 1 and 5), in memory");
  const kernel = await createKernel();
  for (const [id, scrip] of Object.entries(PEOPLE)) kernel.createPrincipal(id, { scrip });
  narrateBalances(kernel, say, Object.keys(PEOPLE));
  trade(kernel, say);
  await gate(kernel, say);
  checks(kernel, say);
  kernel.close();
}
