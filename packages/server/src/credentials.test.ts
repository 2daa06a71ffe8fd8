import { existsSync, mkdtempSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createCredentialStore } from "./credentials.js";

const fresh = () =>
  createCredentialStore(join(mkdtempSync(join(tmpdir(), "eco-cred-")), ".ecology"));

describe("createCredentialStore", () => {
  it("stores the operator and principal tokens with mode 0600", () => {
    const store = fresh();
    store.operatorToken();
    store.issue("alice");
    expect(statSync(join(store.dir, "operator.token")).mode & 0o777).toBe(0o600);
    expect(statSync(join(store.dir, "tokens", "alice.token")).mode & 0o777).toBe(0o600);
  });

  it("authenticates each token as exactly its owner", () => {
    const store = fresh();
    const alice = store.issue("alice");
    const bob = store.issue("bob");
    expect(store.authenticate(alice)).toEqual({ kind: "principal", id: "alice" });
    expect(store.authenticate(bob)).toEqual({ kind: "principal", id: "bob" });
    expect(store.authenticate(store.operatorToken())).toEqual({ kind: "operator" });
  });

  it("refuses missing, wrong and forged tokens", () => {
    const store = fresh();
    const alice = store.issue("alice");
    store.issue("bob");
    const forged = alice.replace(
      Buffer.from("alice").toString("base64url"),
      Buffer.from("bob").toString("base64url"),
    );
    for (const token of [undefined, "", "nonsense", `${alice}x`, forged, "ecology_op_guess"]) {
      expect(store.authenticate(token)).toBeUndefined();
    }
  });

  it("reads tokens another process created after it opened the folder", () => {
    const a = fresh();
    const b = createCredentialStore(a.dir);
    const token = a.issue("carol");
    expect(b.authenticate(token)).toEqual({ kind: "principal", id: "carol" });
    expect(b.operatorToken()).toBe(a.operatorToken());
  });

  it("never writes while authenticating: no operator token is created, none is accepted", () => {
    const store = fresh();
    for (const token of ["ecology_op_guess", "ecology_op_", "ecology_p_YWxpY2U.x", "nonsense"]) {
      expect(store.authenticate(token)).toBeUndefined();
    }
    expect(store.storedOperatorToken()).toBeUndefined();
    expect(existsSync(store.dir)).toBe(false);
    // Creating it stays explicit, and then it is accepted.
    const operator = store.operatorToken();
    expect(store.authenticate(operator)).toEqual({ kind: "operator" });
  });

  it("accepts an operator token another process created after the store first looked", () => {
    const a = fresh();
    const b = createCredentialStore(a.dir);
    expect(b.authenticate("ecology_op_x")).toBeUndefined();
    expect(b.authenticate(a.operatorToken())).toEqual({ kind: "operator" });
  });

  it("invalidates the old token when a principal's token is reissued", () => {
    const store = fresh();
    const first = store.issue("dave");
    const second = store.issue("dave");
    expect(store.authenticate(first)).toBeUndefined();
    expect(store.authenticate(second)).toEqual({ kind: "principal", id: "dave" });
  });
});
