import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel, type Kernel } from "@ecology/kernel";
import { createServer, type EcologyServer } from "@ecology/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApi, ExplorerError, TOKEN_REFUSED } from "./api.js";

let kernel: Kernel;
let server: EcologyServer;

beforeAll(async () => {
  kernel = await createKernel();
  server = await createServer({
    kernel,
    dir: join(mkdtempSync(join(tmpdir(), "eco-")), ".e"),
    port: 0,
  });
  await kernel.createPrincipal("alice", { scrip: 40 });
  await kernel.write("alice", "diary", { secret: true }, { policy: { allowRead: ["alice"] } });
});
afterAll(async () => {
  await server.close();
  await kernel.close();
});

async function failureOf(promise: Promise<unknown>): Promise<ExplorerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ExplorerError)) throw new Error(`expected an ExplorerError, got ${error}`);
  return error;
}

describe("the explorer's API, against a real server", () => {
  it("reads metadata with the viewer token", async () => {
    const api = createApi(server.url, server.credentials.viewerToken());
    expect(await api.call("whoami", {})).toEqual({ kind: "viewer" });
    expect(await api.call("balance", { id: "alice" })).toBe(40);
    expect((await api.events({ limit: 10 })).events.length).toBeGreaterThan(0);
  });

  it("says the token is not accepted (not an empty table) for a wrong or empty token", async () => {
    for (const token of ["ecology_view_wrong", "nonsense", ""]) {
      const error = await failureOf(createApi(server.url, token).call("balances", {}));
      expect(error.tokenRefused, token).toBe(true);
      expect(error.message).toBe(TOKEN_REFUSED);
    }
    expect(TOKEN_REFUSED).toContain("ecology dev");
  });

  it("tells a refused method apart from a refused token", async () => {
    const api = createApi(server.url, server.credentials.viewerToken());
    const error = await failureOf(api.call("read", { id: "diary" }));
    expect(error.code).toBe("not_authorized");
    expect(error.tokenRefused).toBe(false);
  });
});
