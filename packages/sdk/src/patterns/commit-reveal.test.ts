import { join } from "node:path";
import { createKernel, type Envelope, type Kernel } from "@ecology/kernel";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { compileContract } from "../compiler/index.js";
import { commitmentFor, roundOutcome } from "./commit-reveal.js";

// Games of chance on the real kernel and the real sandbox: the attacker is a contract that
// fails its own call whenever it lost, so the kernel rolls the loss back.
let kernel: Kernel;
let now = 1_000_000;

async function deploy(fixture: string, id: string, args: unknown[] = []): Promise<void> {
  const built = await compileContract(join(import.meta.dirname, "test-fixtures", `${fixture}.ts`));
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  const deployed = kernel.deploy("house", { id, code: built.code, args: args as never[] });
  if (!deployed.success) throw new Error(deployed.error.message);
}

function ok<T>(envelope: Envelope<T>): T {
  if (!envelope.success) throw new Error(`${envelope.error.code}: ${envelope.error.message}`);
  return envelope.result;
}

beforeEach(async () => {
  kernel = await createKernel({ clock: () => now });
  for (const [id, scrip] of [
    ["house", 1000],
    ["alice", 100],
    ["mallory", 200],
  ] as const)
    kernel.createPrincipal(id, { scrip });
  await deploy("gambler", "gambler");
  ok(kernel.invoke("mallory", "genesis_ledger", "transfer", ["gambler", 100]));
});
afterEach(() => kernel.close());

describe("ctx.random with a caller that reverts on losing", () => {
  it("never costs the attacker anything: losses are rolled back, wins are kept", async () => {
    await deploy("naive-flip", "naive");
    ok(kernel.invoke("house", "genesis_ledger", "transfer", ["naive", 500]));
    let wins = 0;
    let rolledBack = 0;
    for (let i = 0; i < 12; i++) {
      const bet = kernel.invoke("mallory", "gambler", "betOnNaive", ["naive", 10]);
      if (bet.success) wins += 1;
      else rolledBack += 1;
    }
    expect(wins).toBeGreaterThan(0);
    expect(rolledBack).toBeGreaterThan(0);
    expect(kernel.balance("gambler")).toBe(100 + 10 * wins);
  });
});

describe("commit–reveal coin flip", () => {
  const STAKE = 10;
  const commit = (who: string, secret: string) =>
    who === "gambler"
      ? kernel.invoke("mallory", "gambler", "commit", [
          "flip",
          commitmentFor("flip", "gambler", secret),
          STAKE,
        ])
      : kernel.invoke(who, "flip", "commit", [commitmentFor("flip", who, secret)], {
          value: STAKE,
        });

  beforeEach(async () => {
    await deploy("coin-flip", "flip", [STAKE]);
  });

  /** A secret for alice with which the gambler loses against `gamblerSecret`. */
  function aliceWinningSecret(gamblerSecret: string): string {
    for (let n = 0; ; n++) {
      const secret = `alice-secret-${n}`;
      const { winner } = roundOutcome(["alice", "gambler"], [secret, gamblerSecret]);
      if (winner === "alice") return secret;
    }
  }

  it("defeats revert-on-lose: the losing reveal rolled back becomes a forfeit", () => {
    const gamblerSecret = "gambler-secret";
    const aliceSecret = aliceWinningSecret(gamblerSecret);
    ok(commit("alice", aliceSecret));
    ok(commit("gambler", gamblerSecret));
    // alice reveals first, so the gambler knows it lost before revealing: it reverts.
    ok(kernel.invoke("alice", "flip", "reveal", [aliceSecret]));
    const reveal = kernel.invoke("mallory", "gambler", "revealUnlessLosing", [
      "flip",
      gamblerSecret,
    ]);
    expect(reveal).toMatchObject({
      success: false,
      error: { code: "contract_error", message: expect.stringContaining("lost") },
    });
    // The outcome is fixed by the commitments: trying again changes nothing.
    expect(
      kernel.invoke("mallory", "gambler", "revealUnlessLosing", ["flip", gamblerSecret]),
    ).toMatchObject({ success: false });
    expect(kernel.invoke("alice", "flip", "settle")).toMatchObject({
      success: false,
      error: { code: "invalid_state" },
    });
    now += 60_001;
    expect(ok(kernel.invoke("alice", "flip", "settle"))).toEqual({ winner: "alice", pot: 20 });
    expect([kernel.balance("alice"), kernel.balance("gambler"), kernel.balance("flip")]).toEqual([
      110, 90, 0,
    ]);
  });

  it("pays the drawn winner when everyone reveals, as roundOutcome says", () => {
    ok(commit("alice", "a-1"));
    ok(commit("mallory", "m-1"));
    ok(kernel.invoke("alice", "flip", "reveal", ["a-1"]));
    const last = ok(kernel.invoke("mallory", "flip", "reveal", ["m-1"]));
    const expected = roundOutcome(["alice", "mallory"], ["a-1", "m-1"]);
    expect(last).toEqual({ revealed: 2, winner: expected.winner });
    expect(kernel.balance(expected.winner ?? "")).toBe(110);
    expect(ok(kernel.invoke("alice", "flip", "round"))).toMatchObject({
      phase: "settled",
      seed: expected.seed,
    });
  });

  it("binds a commitment to its player: a copied commitment cannot be revealed", () => {
    ok(commit("alice", "a-1"));
    const copied = commitmentFor("flip", "alice", "a-1");
    ok(kernel.invoke("mallory", "flip", "commit", [copied], { value: STAKE }));
    ok(kernel.invoke("alice", "flip", "reveal", ["a-1"]));
    expect(kernel.invoke("mallory", "flip", "reveal", ["a-1"])).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
  });

  it("refuses a second commit, a wrong stake, a malformed commitment and late reveals", () => {
    expect(kernel.invoke("alice", "flip", "commit", ["f".repeat(64)], { value: 9 })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    expect(kernel.invoke("alice", "flip", "commit", ["not-hex"], { value: STAKE })).toMatchObject({
      success: false,
      error: { code: "invalid_argument" },
    });
    ok(commit("alice", "a-1"));
    expect(commit("alice", "a-2")).toMatchObject({
      success: false,
      error: { code: "invalid_state" },
    });
    ok(commit("mallory", "m-1"));
    now += 60_001;
    expect(kernel.invoke("alice", "flip", "reveal", ["a-1"])).toMatchObject({
      success: false,
      error: { code: "invalid_state" },
    });
    // Nobody revealed in time: both stakes forfeit to the owner.
    expect(ok(kernel.invoke("mallory", "flip", "settle"))).toEqual({ winner: null, pot: 20 });
    expect(kernel.balance("house")).toBe(1000 + 20);
  });
});
