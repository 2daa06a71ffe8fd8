import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createClient } from "@ecology/protocol";
import { describe, expect, it } from "vitest";
import { runCli } from "./program.js";
import { freshDir, runInProcess } from "./test-fixtures/run.js";

/** Runs a serving command in-process; resolves its first printed text, stops on demand. */
function serve(cwd: string, ...argv: string[]) {
  const controller = new AbortController();
  let printed: (text: string) => void = () => {};
  const output = new Promise<string>((resolve) => {
    printed = resolve;
  });
  const exited = runCli(argv, {
    cwd,
    signal: controller.signal,
    io: { out: (text) => printed(text), err: () => {} },
  });
  return { output, exited, stop: () => controller.abort() };
}

const viewerToken = (cwd: string, dir = ".ecology") =>
  readFileSync(join(cwd, dir, "viewer.token"), "utf8").trim();

describe("the explorer's ready URL", () => {
  it("is printed by ecology dev with the viewer token in its fragment", async () => {
    const cwd = freshDir();
    const dev = serve(cwd, "dev", "--port", "0");
    const text = await dev.output;
    const url = /explorer: (http:\/\/127\.0\.0\.1:\d+\/#token=(\S+))/.exec(text);
    expect(url?.[2]).toBe(viewerToken(cwd));
    const page = await fetch(url?.[1] ?? "");
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("/assets/explorer.js");
    dev.stop();
    expect(await dev.exited).toBe(0);
  });
});

describe("ecology explore", () => {
  it("serves a kernel file read-only: the viewer reads, even the operator cannot change it", async () => {
    const project = freshDir();
    expect((await runInProcess(project, "init")).code).toBe(0);
    await runInProcess(project, "principal", "create", "ann", "--scrip", "9");
    const elsewhere = freshDir();
    const dir = join(project, ".ecology");
    const explore = serve(elsewhere, "explore", "--port", "0", "--data-dir", dir, "--json");
    const info = JSON.parse(await explore.output) as { url: string; explorer: string };
    expect(info.explorer).toBe(`${info.url}/#token=${viewerToken(project)}`);
    const viewer = createClient({ url: info.url, token: viewerToken(project) });
    expect(await viewer.call("balance", { id: "ann" })).toMatchObject({ result: 9 });
    const operator = createClient({
      url: info.url,
      token: readFileSync(join(dir, "operator.token"), "utf8").trim(),
    });
    const minted = await operator.call("mint", { id: "ann", amount: 1 });
    expect(minted.success ? "minted" : minted.error.message).toMatch(/read-only/);
    expect(await viewer.call("balance", { id: "ann" })).toMatchObject({ result: 9 });
    explore.stop();
    expect(await explore.exited).toBe(0);
  });

  it("says what to do when there is no kernel file", async () => {
    const r = await runInProcess(freshDir(), "explore", "--data-dir", "nowhere/.ecology");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^error not_found: no kernel file .*hint: pass --data-dir/s);
  });
});
