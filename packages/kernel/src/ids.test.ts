import { describe, expect, it } from "vitest";
import { COUNTER, testKernel } from "./test-fixtures/contracts.js";
import { ID_PATTERN, isValidId } from "./validate.js";

const DOTS = [".", "..", "...", ".".repeat(128)];

describe("ids made only of dots", () => {
  it("are not valid ids", () => {
    for (const id of DOTS) {
      expect(isValidId(id)).toBe(false);
      expect(ID_PATTERN.test(id)).toBe(false);
    }
    for (const id of ["a.b", ".hidden", "v1..2", "x.", "_", "a:b-c"])
      expect(isValidId(id)).toBe(true);
  });

  it("cannot become principals, so no scrip is minted for them", async () => {
    const k = await testKernel();
    for (const id of DOTS) {
      expect(k.createPrincipal(id, { scrip: 50 })).toMatchObject({
        success: false,
        error: { code: "invalid_argument" },
      });
      expect(k.balance(id)).toBe(0);
    }
    expect(k.totalMinted()).toBe(0);
    k.close();
  });

  it("cannot name artifacts, written or deployed", async () => {
    const k = await testKernel();
    k.createPrincipal("alice", { scrip: 5 });
    for (const id of DOTS) {
      expect(k.write("alice", id, 1)).toMatchObject({ error: { code: "invalid_argument" } });
      expect(k.deploy("alice", { id, code: COUNTER })).toMatchObject({
        error: { code: "invalid_argument" },
      });
    }
    k.close();
  });
});
