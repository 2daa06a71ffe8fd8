import { writeFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { createKernel } from "@ecology/kernel";
import { createServer } from "@ecology/server";
import { describe, expect, it } from "vitest";
import { runCli } from "./program.js";
import {
  freshDir,
  runInProcess,
  startDevInProcess as startInProcess,
} from "./test-fixtures/run.js";

describe("ecology dev", () => {
  it("serves the explorer and the API until interrupted, then exits 0", async () => {
    const cwd = freshDir();
    const dev = startInProcess(cwd, "0");
    const url = await dev.url;
    expect((await fetch(`${url}/`)).status).toBe(200);
    const remote = await runInProcess(cwd, "balance", "--json", "--kernel", url);
    expect(JSON.parse(remote.stdout)).toEqual({});
    dev.stop();
    expect(await dev.exited).toBe(0);
  });

  it("accepts the `--` that `pnpm run dev -- --port 0` passes on", async () => {
    const controller = new AbortController();
    let printed: (text: string) => void = () => {};
    const output = new Promise<string>((resolve) => {
      printed = resolve;
    });
    const exited = runCli(["dev", "--", "--port", "0", "--json"], {
      cwd: freshDir(),
      signal: controller.signal,
      io: { out: (text) => printed(text), err: () => {} },
    });
    const { url } = JSON.parse(await output) as { url: string };
    expect(new URL(url).port).not.toBe("7420");
    expect((await fetch(`${url}/`)).status).toBe(200);
    controller.abort();
    expect(await exited).toBe(0);
  });

  it("prints the same human output embedded and through the server", async () => {
    const cwd = freshDir();
    const dev = startInProcess(cwd, "0");
    const url = await dev.url;
    await runInProcess(cwd, "principal", "create", "ann", "--scrip", "9", "--kernel", url);
    await runInProcess(cwd, "write", "memo", "--as", "ann", "--content", '"hi"', "--kernel", url);
    for (const command of [
      ["balance"],
      ["balance", "ann"],
      ["artifacts"],
      ["events"],
      ["read", "memo", "--as", "ann"],
    ]) {
      const served = await runInProcess(cwd, ...command, "--kernel", url);
      const embedded = await runInProcess(cwd, ...command);
      expect(served.code).toBe(0);
      expect(embedded).toEqual(served);
    }
    dev.stop();
    expect(await dev.exited).toBe(0);
  });

  it("follows the event stream of the server with --kernel", async () => {
    const cwd = freshDir();
    const dev = startInProcess(cwd, "0");
    const url = await dev.url;
    const controller = new AbortController();
    let out = "";
    let seen = () => {};
    const arrived = new Promise<void>((resolve) => {
      seen = resolve;
    });
    const following = runCli(
      ["events", "--follow", "--json", "--kernel", url, "--type", "principal.created"],
      {
        cwd,
        signal: controller.signal,
        io: {
          out: (text) => {
            out += text;
            if (out.includes('"id":"zoe"')) seen();
          },
          err: () => {},
        },
      },
    );
    expect((await runInProcess(cwd, "principal", "create", "zoe", "--kernel", url)).code).toBe(0);
    await arrived;
    controller.abort();
    expect(await following).toBe(0);
    expect(JSON.parse(out.trim())).toMatchObject({ type: "principal.created", target: "zoe" });
    dev.stop();
    expect(await dev.exited).toBe(0);
  });

  it("reports a refused event stream as one line", async () => {
    const cwd = freshDir();
    const dev = startInProcess(cwd, "0");
    const url = await dev.url;
    const r = await runInProcess(cwd, "events", "--follow", "--type", "NOPE", "--kernel", url);
    dev.stop();
    await dev.exited;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error invalid_argument: invalid event filter: filter\.types\[0\] must be .* — hint: check the arguments with `ecology events --help`\n$/,
    );
  });

  it("reports each stream refusal with the server's code, not one guessed from the message", async () => {
    const cwd = freshDir();
    await runInProcess(cwd, "init");
    const dir = join(cwd, ".ecology");
    const kernel = await createKernel({ storage: join(dir, "kernel.db") });
    // No stream slot for anyone: every stream is one too many (429).
    const server = await createServer({ kernel, dir, port: 0, maxStreamsPerToken: 0 });
    try {
      const full = await runInProcess(cwd, "events", "--follow", "--kernel", server.url);
      expect(full.code).toBe(1);
      expect(full.stderr).toMatch(
        /^error invalid_state: too many event streams for this token \(limit 0\) — hint: close another stream first/,
      );
      writeFileSync(join(dir, "operator.token"), "ecology_op_not_the_one\n");
      const refused = await runInProcess(cwd, "events", "--follow", "--kernel", server.url);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^error not_authorized: missing or unknown token — hint: /);
    } finally {
      await server.close();
      kernel.close();
    }
  });

  it("answers for the host names given with --allow-host, and only for those", async () => {
    const cwd = freshDir();
    const dev = startInProcess(cwd, "0", "--allow-host", "eco.test", "--allow-host", "box.lan");
    const port = Number(new URL(await dev.url).port);
    const statusFor = (host: string) =>
      new Promise<number>((resolve, reject) => {
        const req = request({ port, host: "127.0.0.1", path: "/", headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        });
        req.on("error", reject);
        req.end();
      });
    expect(await statusFor(`eco.test:${port}`)).toBe(200);
    expect(await statusFor(`box.lan:${port}`)).toBe(200);
    expect(await statusFor(`127.0.0.1:${port}`)).toBe(200);
    expect(await statusFor(`evil.example:${port}`)).toBe(421);
    dev.stop();
    expect(await dev.exited).toBe(0);
  });

  it("says how to start a server when --kernel cannot be reached", async () => {
    const cwd = freshDir();
    await runInProcess(cwd, "init");
    const r = await runInProcess(cwd, "balance", "--kernel", "http://127.0.0.1:9");
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^error internal: cannot reach the kernel server at http:\/\/127\.0\.0\.1:9 .*hint: start it with `ecology dev`/,
    );
  });

  it("says clearly when the port is taken", async () => {
    const cwd = freshDir();
    const first = startInProcess(cwd, "0");
    const port = new URL(await first.url).port;
    const second = await runInProcess(cwd, "dev", "--port", port);
    first.stop();
    await first.exited;
    expect(second.code).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(`^error conflict: port ${port} on 127.0.0.1 is already in use`),
    );
  });
});
