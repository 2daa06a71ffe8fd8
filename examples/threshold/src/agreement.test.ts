import { join } from "node:path";
import type { Kernel } from "@ecology/kernel";
import { beforeEach, describe, expect, it } from "vitest";
import {
  balancesOf,
  deployFile,
  errorCode,
  eventData,
  eventTypes,
  kernelWith,
  ok,
  totalScrip,
} from "./test-kit.js";

const here = import.meta.dirname;
const MINTED = 4 * 500 + 10;
let k: Kernel;

const transfer = { kind: "transfer", to: "projectX", amount: 1000 };

beforeEach(async () => {
  k = await kernelWith({ a: 500, b: 500, c: 500, d: 500, projectX: 10 });
  await deployFile(k, "a", join(here, "agreement.ts"), {
    id: "agreement",
    args: [["a", "b", "c", "d"], 3],
  });
  for (const p of ["a", "b", "c"]) ok(k.invoke(p, "agreement", "fund", [], { value: 400 }));
});

describe("threshold agreement example", () => {
  it("executes the agreed transfer when the third distinct party approves", () => {
    const proposal = ok(
      k.invoke("a", "agreement", "propose", ["Transfer 1000 scrip to project X", transfer]),
    );
    expect(proposal).toMatchObject({ id: 1, status: "pending", approvals: [] });
    expect(ok(k.invoke("a", "agreement", "approve", [1]))).toEqual({
      status: "pending",
      approvals: 1,
      required: 3,
    });
    const twice = k.invoke("a", "agreement", "approve", [1]);
    expect(ok(twice)).toEqual({ status: "pending", approvals: 1, required: 3 });
    expect(eventTypes(twice)).not.toContain("contract.proposal.approved");
    expect(ok(k.invoke("b", "agreement", "approve", [1]))).toMatchObject({
      status: "pending",
      approvals: 2,
    });
    expect(balancesOf(k, "projectX", "agreement")).toEqual({ projectX: 10, agreement: 1200 });

    const executed = k.invoke("c", "agreement", "approve", [1]);
    expect(ok(executed)).toEqual({
      status: "executed",
      approvals: 3,
      result: { transferred: 1000, to: "projectX" },
    });
    expect(eventTypes(executed)).toEqual(
      expect.arrayContaining([
        "contract.proposal.approved",
        "scrip.transferred",
        "contract.proposal.executed",
      ]),
    );
    expect(eventData(executed, "scrip.transferred")).toMatchObject({
      from: "agreement",
      to: "projectX",
      amount: 1000,
    });
    expect(balancesOf(k, "projectX", "agreement")).toEqual({ projectX: 1010, agreement: 200 });
    expect(errorCode(k.invoke("d", "agreement", "approve", [1]))).toBe("invalid_state");
    expect(totalScrip(k)).toBe(MINTED);
  });

  it("counts only parties and refuses outsiders", () => {
    ok(k.invoke("a", "agreement", "propose", ["pay", transfer]));
    expect(errorCode(k.invoke("projectX", "agreement", "approve", [1]))).toBe("not_authorized");
    expect(errorCode(k.invoke("projectX", "agreement", "propose", ["me", transfer]))).toBe(
      "not_authorized",
    );
    expect(ok(k.invoke("a", "agreement", "proposal", [1]))).toMatchObject({ approvals: [] });
  });

  it("rolls the deciding approval back when the action cannot run", () => {
    ok(
      k.invoke("a", "agreement", "propose", [
        "too much",
        { kind: "transfer", to: "projectX", amount: 5000 },
      ]),
    );
    ok(k.invoke("a", "agreement", "approve", [1]));
    ok(k.invoke("b", "agreement", "approve", [1]));
    expect(errorCode(k.invoke("c", "agreement", "approve", [1]))).toBe("insufficient_funds");
    expect(ok(k.invoke("a", "agreement", "proposal", [1]))).toMatchObject({
      status: "pending",
      approvals: ["a", "b"],
    });
    expect(balancesOf(k, "agreement")).toEqual({ agreement: 1200 });
  });

  it("executes a call as the agreement: handing over an artifact it owns", () => {
    ok(k.write("d", "roadmap", { v: 1 }));
    ok(k.transferOwnership("d", "roadmap", "agreement"));
    const action = {
      kind: "call",
      target: "genesis_ledger",
      method: "transferOwnership",
      args: ["roadmap", "projectX"],
    };
    ok(k.invoke("d", "agreement", "propose", ["give the roadmap to project X", action]));
    for (const p of ["b", "c"]) ok(k.invoke(p, "agreement", "approve", [1]));
    expect(k.getArtifact("roadmap")?.owner).toBe("agreement");
    const executed = ok(k.invoke("d", "agreement", "approve", [1]));
    expect(executed).toMatchObject({
      status: "executed",
      result: { artifactId: "roadmap", owner: "projectX" },
    });
    expect(k.getArtifact("roadmap")?.owner).toBe("projectX");
  });
});
