import { describe, expect, it } from "vitest";
import { createTestKernel } from "./test-kernel.js";

const VIEW_WRITER = new URL("./test-fixtures/view-writer.ts", import.meta.url);

describe("a view that writes state", () => {
  it.each([
    ["topLevel", 21],
    ["deepWrite", 26],
    ["push", 30],
    ["remove", 34],
  ])("%s fails invalid_state at the TypeScript line of the write (%i)", async (view, line) => {
    const k = await createTestKernel();
    const alice = k.principal("alice", { scrip: 10 });
    const writer = await k.deploy(VIEW_WRITER, { owner: alice, id: "writer" });
    const env = alice.invoke(writer, view, []);
    expect(env).toMatchObject({ success: false, error: { code: "invalid_state" } });
    if (env.success) return;
    expect(env.error.message).toMatch(/read-only/);
    expect(env.error.at).toMatchObject({ file: expect.stringMatching(/view-writer\.ts$/), line });
    expect(k.state(writer)).toEqual({ count: 0, log: [], nested: { deep: { value: 1 } } });
    k.close();
  });

  it("still reads state, returns it and lets methods write", async () => {
    const k = await createTestKernel();
    const alice = k.principal("alice", { scrip: 10 });
    const writer = await k.deploy(VIEW_WRITER, { owner: alice, id: "writer" });
    expect(alice.invoke(writer, "bump", [])).toMatchObject({ success: true, result: 2 });
    expect(alice.invoke(writer, "reads", [])).toMatchObject({
      success: true,
      result: { count: 2, log: [], deep: 1 },
    });
    k.close();
  });
});
