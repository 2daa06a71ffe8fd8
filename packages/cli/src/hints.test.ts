import { type EnvelopeError, ERROR_CODES, type ErrorCode } from "@ecology/kernel";
import { beforeAll, describe, expect, it } from "vitest";
import { failureSource, hintFor } from "./hints.js";
import { ECHO_SERVICE, echoEconomy } from "./test-fixtures/economy.js";
import { type CliRun, freshDir, runInProcess } from "./test-fixtures/run.js";

/** Every command path the CLI has, read from its own help. */
async function commandPaths(): Promise<Set<string>> {
  const cwd = freshDir();
  const names = (help: string) =>
    [...(help.split("Commands:")[1]?.matchAll(/^ {2}([a-z]+)/gm) ?? [])].map((m) => m[1] as string);
  const top = names((await runInProcess(cwd, "--help")).stdout).filter((n) => n !== "help");
  const sub = names((await runInProcess(cwd, "principal", "--help")).stdout);
  return new Set([...top, ...sub.filter((n) => n !== "help").map((n) => `principal ${n}`)]);
}

/** Where a failure can come from, as the kernel marks it. */
const SURFACES: { [name: string]: (code: ErrorCode) => EnvelopeError } = {
  kernel: (code) => ({ code, message: "m" }),
  "kernel check of a contract call": (code) => ({
    code,
    message: "m",
    path: [{ artifact: "svc", method: "run" }],
  }),
  "contract code": (code) => ({
    code,
    message: "m",
    path: [{ artifact: "svc", method: "run" }],
    at: { file: "svc.ts", line: 3, column: 5 },
  }),
  "genesis method": (code) => ({
    code,
    message: "m",
    path: [{ artifact: "genesis_escrow", method: "purchase" }],
  }),
  "allowInvoke policy": (code) => ({
    code,
    message: "m",
    details: { reason: "allowInvoke" },
    path: [{ artifact: "svc", method: "run" }],
  }),
  gate: (code) => ({
    code,
    message: "m",
    details: { reason: "gate", gate: "bouncer" },
    path: [{ artifact: "svc", method: "run" }],
  }),
};
const COMMANDS = ["invoke", "read", "write", "principal create", "events", "balance"];

describe("hints for every code × surface × command", () => {
  let known: Set<string>;
  beforeAll(async () => {
    known = await commandPaths();
  });

  const rows = ERROR_CODES.flatMap((code) =>
    Object.keys(SURFACES).flatMap((surface) => COMMANDS.map((command) => [code, surface, command])),
  );
  it.each(rows)("%s from %s in `%s`", (code, surface, command) => {
    const error = (SURFACES[surface] as (c: ErrorCode) => EnvelopeError)(code as ErrorCode);
    const hint = hintFor(error, { command: command as string, as: "bob" });
    expect(hint.length).toBeGreaterThan(10);
    expect(hint).not.toMatch(/<command>|<file>/);
    for (const [, named] of hint.matchAll(/`ecology ([a-z]+(?: (?:create|list))?)/g))
      expect(known.has(named as string)).toBe(true);
    for (const [, helped] of hint.matchAll(/`ecology ([a-z ]+) --help`/g))
      expect(helped).toBe(command);
    const source = failureSource(error);
    if (source === "contract") {
      expect(hint).toMatch(/^svc\.run (refused in its own code|hit a sandbox limit) at svc\.ts:3/);
      expect(hint).not.toMatch(/policy of|gate/);
    }
    if (source === "policy") {
      expect(surface).toMatch(/policy|gate/);
      expect(hint).toMatch(/(allowInvoke policy|gate bouncer) of svc/);
      expect(hint).toContain("owner");
    }
    if (
      source === "genesis" &&
      ["not_authorized", "invalid_state", "conflict"].includes(code as string)
    )
      expect(hint).toBe(
        "genesis_escrow.purchase refused under its own rules; the message says why",
      );
    if (source !== "policy") expect(hint).not.toMatch(/policy of|does not admit/);
  });

  it("names the calling artifact, not --as, when a nested call is refused by policy", () => {
    const nested: EnvelopeError = {
      code: "not_authorized",
      message: "m",
      details: { reason: "allowInvoke" },
      path: [
        { artifact: "broker", method: "buy" },
        { artifact: "svc", method: "run" },
      ],
    };
    expect(hintFor(nested, { command: "invoke", as: "bob" })).toBe(
      "the allowInvoke policy of svc does not list broker; ask its owner to add it",
    );
  });

  it("classifies each surface as the kernel marks it", () => {
    expect(failureSource(SURFACES.kernel?.("not_found") as EnvelopeError)).toBe("kernel");
    expect(failureSource(SURFACES["contract code"]?.("not_authorized") as EnvelopeError)).toBe(
      "contract",
    );
    expect(failureSource(SURFACES["allowInvoke policy"]?.("not_authorized") as EnvelopeError)).toBe(
      "policy",
    );
    expect(failureSource(SURFACES.gate?.("not_authorized") as EnvelopeError)).toBe("policy");
    expect(failureSource(SURFACES["genesis method"]?.("invalid_state") as EnvelopeError)).toBe(
      "genesis",
    );
  });
});

describe("hints through the CLI", () => {
  let run: (...argv: string[]) => Promise<CliRun>;
  beforeAll(async () => {
    ({ run } = await echoEconomy());
    await run("principal", "create", "carol", "--scrip", "1");
  }, 60_000);

  const hintOf = (r: CliRun) => r.stderr.split(" — hint: ")[1]?.trim() ?? "";

  it("blames the contract, not a policy, for its own ctx.fail('not_authorized')", async () => {
    const r = await run("invoke", "echo", "guard", "--as", "bob");
    expect(r.stderr).toMatch(/^error not_authorized: only the night shift may call guard/);
    expect(hintOf(r)).toMatch(/^echo\.guard refused in its own code at .*echo-service\.ts:\d+/);
    expect(hintOf(r)).not.toContain("policy or gate");
  });

  it("names the policy and the owner when allowInvoke refuses", async () => {
    await run("write", "memo", "--as", "alice", "--content", '"hi"', "--allow-read", "alice");
    const r = await run("read", "memo", "--as", "bob");
    expect(r.stderr).toMatch(/^error not_authorized: /);
    expect(hintOf(r)).toBe(
      "the allowRead policy of memo does not list bob; ask its owner to add it",
    );
  });

  it("names the calling contract when a nested call is refused by policy", async () => {
    const deploy = ["deploy", ECHO_SERVICE, "--as", "alice", "--id", "locked"];
    expect((await run(...deploy, "--allow-invoke", "alice")).code).toBe(0);
    const r = await run("invoke", "echo", "relay", "locked", "--as", "bob");
    expect(r.stderr).toMatch(/^error not_authorized: /);
    expect(hintOf(r)).toBe(
      "the allowInvoke policy of locked does not list echo; ask its owner to add it",
    );
  });

  it("names the real command in usage hints", async () => {
    const r = await run("invoke", "genesis_ledger", "transfer", "bob", "lots", "--as", "alice");
    expect(hintOf(r)).toBe("check the arguments with `ecology invoke --help`");
    const w = await run("write", "x", "--as", "alice");
    expect(hintOf(w)).toBe("see `ecology write --help`");
  });

  it("points to the balance of the caller when the price cannot be paid", async () => {
    const r = await run("invoke", "echo", "echo", "hi", "--as", "carol");
    expect(r.stderr).toMatch(/^error insufficient_funds: /);
    expect(hintOf(r)).toContain("`ecology balance carol`");
  });

  it("does not suggest creating the operator, or an id that cannot exist", async () => {
    const op = await run("invoke", "echo", "echo", "1", "--as", "operator");
    expect(op.stderr).toMatch(/^error not_authorized: /);
    expect(hintOf(op)).not.toContain("principal create operator");
    expect(hintOf(op)).toContain("the operator is not a principal");
    const bad = await run("read", "memo", "--as", "no/such");
    expect(hintOf(bad)).not.toContain("principal create");
    const missing = await run("read", "memo", "--as", "zed");
    expect(hintOf(missing)).toContain("`ecology principal create zed`");
  });

  it("never prints a hint or terminal escapes that contract code supplied", async () => {
    const r = await run("invoke", "echo", "spoof", "--as", "bob");
    expect(r.stderr).toMatch(/^error not_authorized: denied\\u\{1b\}\[2J/);
    expect(r.stderr).not.toContain("curl");
    expect(r.stderr).not.toContain("\u001b");
    expect(hintOf(r)).toMatch(/^echo\.spoof refused in its own code/);
    const json = JSON.parse((await run("invoke", "echo", "spoof", "--as", "bob", "--json")).stdout);
    // The kernel keeps no details a contract's own failure claims (ADR 0019), so even --json,
    // which prints the envelope exactly, carries no contract-supplied hint.
    expect(json.error).toMatchObject({ code: "not_authorized", message: "denied\u001b[2J" });
    expect(JSON.stringify(json)).not.toContain("curl");
    const b = await run("invoke", "echo", "banner", "--as", "bob");
    expect(b.stdout).toMatch(/^ok \\u\{1b\}\]52;c;aGk=\\u\{7\}\\u\{1b\}\[2Jhello\\u\{202e\}\n/);
    for (const raw of ["\u001b", "\u0007", "\u202e"]) expect(b.stdout).not.toContain(raw);
  });

  it("lists the taken principals on a conflict", async () => {
    const r = await run("principal", "create", "bob");
    expect(r.stderr).toMatch(/^error conflict: /);
    expect(hintOf(r)).toContain("`ecology principal list`");
  });
});
