import { afterEach, describe, expect, it } from "vitest";
import { type Harness, startHarness } from "./test-fixtures/harness.js";

let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

describe("the /mcp route", () => {
  it("hands the route only requests whose bearer token the dispatcher accepts", async () => {
    const seen: string[] = [];
    h = await startHarness({
      mcp: () => async (request, token) => {
        seen.push(token);
        return Response.json({ method: request.method, body: await request.text() });
      },
    });
    const call = (token?: string) =>
      fetch(`${h?.server.url}/mcp`, {
        method: "POST",
        headers: token ? { authorization: `Bearer ${token}` } : {},
        body: "ping",
      });
    const refused = await call("ecology_not_a_token");
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toBe('Bearer realm="ecology"');
    expect(((await refused.json()) as { error: { data: { code: string } } }).error.data.code).toBe(
      "not_authorized",
    );
    expect((await call()).status).toBe(401);
    expect(seen).toEqual([]);

    const served = await call(h.alice);
    expect(await served.json()).toEqual({ method: "POST", body: "ping" });
    expect(seen).toEqual([h.alice]);
  });

  it("is 404 on a server started without an MCP route", async () => {
    h = await startHarness();
    const response = await fetch(`${h.server.url}/mcp`, {
      method: "POST",
      headers: { authorization: `Bearer ${h.alice}` },
      body: "{}",
    });
    expect(response.status).toBe(404);
  });
});
