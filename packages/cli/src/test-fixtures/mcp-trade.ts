import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { expect } from "vitest";
import { callTool, ECHO_SOURCE } from "./mcp-clients.js";

/**
 * Two agents through MCP: alice writes a report and deploys a paid echo service from
 * TypeScript, lists the report in escrow; bob discovers the listing and the service's methods,
 * buys the report, pays for one call of the service, reads the events and has the purchase
 * explained. Both start with 100 scrip.
 */
export async function tradeThroughMcp(alice: Client, bob: Client): Promise<void> {
  expect(await callTool(alice, "write", { id: "report", content: { q3: 42 } })).toMatchObject({
    success: true,
  });
  const deployed = await callTool(alice, "deploy_typescript", {
    source: ECHO_SOURCE,
    id: "echo",
  });
  expect(deployed).toMatchObject({ success: true, result: { id: "echo" } });
  const listed = await callTool(alice, "escrow_deposit", { artifactId: "report", price: 30 });
  expect(listed).toMatchObject({ success: true, result: { status: "active", price: 30 } });

  const found = await callTool(bob, "discover", {});
  const world = found.result as {
    artifacts: { id: string; owner: string }[];
    listings: { artifactId: string; price: number; seller: string }[];
    genesis: { id: string; methods: { name: string }[] }[];
  };
  expect(world.listings).toContainEqual(
    expect.objectContaining({ artifactId: "report", price: 30, seller: "alice" }),
  );
  expect(world.artifacts).toContainEqual(expect.objectContaining({ id: "echo", owner: "alice" }));
  const escrow = world.genesis.find((g) => g.id === "genesis_escrow");
  expect(escrow?.methods.map((m) => m.name)).toContain("purchase");

  const methods = await callTool(bob, "contract_methods", { id: "echo" });
  const echo = (methods.result as { methods: { name: string; price?: number; args: unknown }[] })
    .methods;
  expect(echo.find((m) => m.name === "echo")).toMatchObject({
    price: 2,
    args: { type: "array", minItems: 1, maxItems: 1 },
  });

  const bought = await callTool(bob, "escrow_purchase", { artifactId: "report" });
  expect(bought).toMatchObject({ success: true, result: { status: "completed", buyer: "bob" } });
  const paid = await callTool(bob, "invoke", {
    target: "echo",
    method: "echo",
    args: ["hello"],
    maxPrice: 2,
  });
  expect(paid).toMatchObject({ success: true, result: "hello", cost: { price: 2 } });

  const explained = await callTool(bob, "explain_transaction", { last: true });
  const trace = explained.result as { summary: string; success: boolean };
  expect(Object.keys(trace)[0]).toBe("summary");
  expect(trace.summary).toContain("echo");

  const events = await callTool(bob, "events", { principal: "bob", limit: 100 });
  const types = (events.result as { events: { type: string }[] }).events.map((e) => e.type);
  expect(types).toEqual(expect.arrayContaining(["escrow.purchased", "invoke.succeeded"]));

  expect(await callTool(alice, "balance", {})).toMatchObject({ result: 100 + 30 + 2 });
  expect(await callTool(bob, "balance", {})).toMatchObject({ result: 100 - 30 - 2 });
  const read = await callTool(bob, "read", { id: "report" });
  expect(read).toMatchObject({ success: true, result: { q3: 42 } });
}
