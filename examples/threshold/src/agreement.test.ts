import { createTestKernel, type PrincipalHandle, type TestKernel } from "@ecology/testing";
import "@ecology/testing/vitest";
import { beforeEach, describe, expect, it } from "vitest";

const transfer = { kind: "transfer", to: "projectX", amount: 1000 };
// The test kit checks conservation and single ownership after every call below.
let k: TestKernel;
let a: PrincipalHandle;
let b: PrincipalHandle;
let c: PrincipalHandle;
let d: PrincipalHandle;
let projectX: PrincipalHandle;

beforeEach(async () => {
  k = await createTestKernel();
  ({ a, b, c, d, projectX } = k.principals({ a: 500, b: 500, c: 500, d: 500, projectX: 10 }));
  await k.deploy("./src/agreement.ts", {
    owner: a,
    id: "agreement",
    args: [["a", "b", "c", "d"], 3],
  });
  for (const p of [a, b, c]) expect(p.invoke("agreement", "fund", [], { value: 400 })).toSucceed();
});

describe("threshold agreement example", () => {
  it("executes the agreed transfer when the third distinct party approves", () => {
    expect(
      a.invoke("agreement", "propose", ["Transfer 1000 scrip to project X", transfer]),
    ).toMatchObject({ result: { id: 1, status: "pending", approvals: [] } });
    expect(a.invoke("agreement", "approve", [1])).toHaveProperty("result", {
      status: "pending",
      approvals: 1,
      required: 3,
    });
    const twice = a.invoke("agreement", "approve", [1]);
    expect(twice).toHaveProperty("result", { status: "pending", approvals: 1, required: 3 });
    expect(twice).not.toEmit("contract.proposal.approved");
    expect(b.invoke("agreement", "approve", [1])).toMatchObject({
      result: { status: "pending", approvals: 2 },
    });
    expect(k.balances()).toMatchObject({ projectX: 10, agreement: 1200 });

    const executed = c.invoke("agreement", "approve", [1]);
    expect(executed).toHaveProperty("result", {
      status: "executed",
      approvals: 3,
      result: { transferred: 1000, to: "projectX" },
    });
    expect(executed).toEmit("contract.proposal.approved");
    expect(executed).toEmit("contract.proposal.executed");
    expect(executed).toEmit("scrip.transferred", {
      from: "agreement",
      to: "projectX",
      amount: 1000,
    });
    expect(k.balances()).toMatchObject({ projectX: 1010, agreement: 200 });
    expect(d.invoke("agreement", "approve", [1])).toFailWith("invalid_state");
  });

  it("counts only parties and refuses outsiders", () => {
    expect(a.invoke("agreement", "propose", ["pay", transfer])).toSucceed();
    expect(projectX.invoke("agreement", "approve", [1])).toFailWith("not_authorized");
    expect(projectX.invoke("agreement", "propose", ["me", transfer])).toFailWith("not_authorized");
    expect(a.invoke("agreement", "proposal", [1])).toMatchObject({ result: { approvals: [] } });
  });

  it("rolls the deciding approval back when the action cannot run", () => {
    expect(
      a.invoke("agreement", "propose", [
        "too much",
        { kind: "transfer", to: "projectX", amount: 5000 },
      ]),
    ).toSucceed();
    expect(a.invoke("agreement", "approve", [1])).toSucceed();
    expect(b.invoke("agreement", "approve", [1])).toSucceed();
    expect(c.invoke("agreement", "approve", [1])).toFailWith("insufficient_funds");
    expect(a.invoke("agreement", "proposal", [1])).toMatchObject({
      result: { status: "pending", approvals: ["a", "b"] },
    });
    expect(k.balance("agreement")).toBe(1200);
  });

  it("executes a call as the agreement: handing over an artifact it owns", () => {
    const owner = (id: string) => k.kernel.getArtifact(id)?.owner;
    expect(d.write("roadmap", { v: 1 })).toSucceed();
    expect(d.invoke("genesis_ledger", "transferOwnership", ["roadmap", "agreement"])).toSucceed();
    const action = {
      kind: "call",
      target: "genesis_ledger",
      method: "transferOwnership",
      args: ["roadmap", "projectX"],
    };
    expect(d.invoke("agreement", "propose", ["give the roadmap to project X", action])).toSucceed();
    for (const p of [b, c]) expect(p.invoke("agreement", "approve", [1])).toSucceed();
    expect(owner("roadmap")).toBe("agreement");
    expect(d.invoke("agreement", "approve", [1])).toMatchObject({
      result: { status: "executed", result: { artifactId: "roadmap", owner: "projectX" } },
    });
    expect(owner("roadmap")).toBe("projectX");
  });
});

describe("funders and parties whose ids are built-in property names", () => {
  it.each(["constructor", "__proto__", "toString", "valueOf"])("%s funds and votes", async (id) => {
    const odd = k.principal(id, { scrip: 100 });
    await k.deploy("./src/agreement.ts", { owner: a, id: "odd", args: [[id], 1] });
    expect(odd.invoke("odd", "fund", [], { value: 30 })).toHaveProperty("result", 30);
    expect(odd.invoke("odd", "fund", [], { value: 20 })).toHaveProperty("result", 50);
    const pay = { kind: "transfer", to: id, amount: 50 };
    expect(odd.invoke("odd", "propose", ["back", pay])).toSucceed();
    expect(odd.invoke("odd", "approve", [1])).toHaveProperty("result.status", "executed");
    expect(odd.invoke("odd", "proposal", [1])).toHaveProperty("result.status", "executed");
    // A proposal id that is no proposal finds nothing, whatever Object.prototype holds.
    expect(odd.invoke("odd", "proposal", [2])).toHaveProperty("result", null);
    expect(odd.balance()).toBe(100);
  });
});
