import { describe, expect, it } from "vitest";
import { echoEconomy, lastSeq } from "./test-fixtures/economy.js";
import { runInProcess, runProcess } from "./test-fixtures/run.js";

describe("ecology grant, through the CLI process", () => {
  it("issues a token that acts as the principal within its limits until revoked", async () => {
    const { cwd, run } = await echoEconomy();
    // Issuing and the first use run as real processes, the rest in-process (same code, faster).
    const cli = (...argv: string[]) => runInProcess(cwd, ...argv);

    const created = await runProcess(
      cwd,
      "grant",
      "create",
      "--as",
      "bob",
      "--spend",
      "5",
      "--per-call",
      "2",
      "--targets",
      "echo.echo",
      "--expires",
      "1h",
    );
    expect(created.code).toBe(0);
    const token = created.stdout.trim();
    expect(token).toMatch(/^ecology_g_grant_tx\d+\.[A-Za-z0-9_-]{43}$/);

    const ok = await runProcess(cwd, "invoke", "echo", "echo", "hi", "--token", token, "--json");
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({
      success: true,
      result: "hi",
      cost: { price: 2 },
    });

    // Outside its targets: refused with the grant's reason, and nothing appended.
    const before = await lastSeq(run);
    const write = await cli("write", "note", "--content", "1", "--token", token, "--json");
    expect(write.code).toBe(1);
    expect(JSON.parse(write.stdout)).toMatchObject({
      success: false,
      error: { code: "not_authorized", details: { grant: { reason: "target" } } },
    });
    expect(await lastSeq(run)).toBe(before);

    const listed = await cli("grant", "list", "--as", "bob");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(/grant_tx\d+.*spend 2\/5, per call 2.*echo\.echo.*live until/);
    const id = /grant_tx\d+/.exec(listed.stdout)?.[0] as string;

    // Human output of a refusal names the grant and the reason.
    await cli("invoke", "echo", "echo", "again", "--token", token);
    const spent = await cli("invoke", "echo", "echo", "third", "--token", token);
    expect(spent.code).toBe(1);
    expect(spent.stderr).toContain(`grant ${id} has not enough of its spend left`);

    expect((await cli("grant", "revoke", id, "--as", "bob")).code).toBe(0);
    const revoked = await cli("balance", "--token", token, "--json");
    expect(revoked.code).toBe(1);
    expect(JSON.parse(revoked.stdout)).toMatchObject({ error: { code: "not_authorized" } });
    expect(JSON.parse((await run("balance", "bob", "--json")).stdout)).toBe(46);
  }, 120_000);

  it("lets the operator's --token issue for --as, refuses a grant issuing grants, and checks usage", async () => {
    const { cwd, run } = await echoEconomy();
    const operator = JSON.parse((await run("init", "--json")).stdout).operatorToken as string;
    const opToken = (await import("node:fs")).readFileSync(operator, "utf8").trim();
    const issued = await runProcess(
      cwd,
      "grant",
      "create",
      "--as",
      "bob",
      "--read-only",
      "--token",
      opToken,
    );
    expect(issued.code).toBe(0);
    const token = issued.stdout.trim();

    const wider = await runInProcess(
      cwd,
      "grant",
      "create",
      "--as",
      "bob",
      "--spend",
      "50",
      "--token",
      token,
      "--json",
    );
    expect(wider.code).toBe(1);
    expect(JSON.parse(wider.stdout)).toMatchObject({ error: { code: "not_authorized" } });
    const readOnly = await runInProcess(
      cwd,
      "invoke",
      "echo",
      "echo",
      "x",
      "--token",
      token,
      "--json",
    );
    expect(JSON.parse(readOnly.stdout)).toMatchObject({
      error: { details: { grant: { reason: "read_only" } } },
    });

    expect(
      (await runInProcess(cwd, "grant", "create", "--as", "bob", "--expires", "soon")).code,
    ).toBe(2);
    expect((await runInProcess(cwd, "grant", "create", "--as", "bob", "--spend", "-1")).code).toBe(
      2,
    );
    const nobody = await runInProcess(cwd, "grant", "list");
    expect(nobody.code).toBe(1);
    expect(nobody.stderr).toContain("--as <principal> or --token <token>");
  }, 120_000);
});
