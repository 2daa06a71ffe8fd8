import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createKernel, type Kernel } from "@ecology/kernel";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createSharedCredentialStore, tokenDigest } from "./shared-credentials.js";

let kernel: Kernel;
const folder = () => join(mkdtempSync(join(tmpdir(), "eco-shared-creds-")), ".ecology");

beforeEach(async () => {
  kernel = await createKernel({ storage: ":memory:" });
});
afterEach(() => kernel.close());

describe("credentials checked against the economy's database", () => {
  it("accepts a principal token issued in one folder from a store of another folder", () => {
    const a = createSharedCredentialStore(folder(), kernel.credentials);
    const b = createSharedCredentialStore(folder(), kernel.credentials);
    const token = a.issue("alice");
    expect(b.authenticate(token)).toEqual({ kind: "principal", id: "alice" });
    // The token file stays where it was created; the other folder holds none.
    expect(readFileSync(join(a.dir, "tokens", "alice.token"), "utf8").trim()).toBe(token);
    expect(b.tokenFor("alice")).toBeUndefined();
  });

  it("stores the SHA-256 digest of a token, never the token", () => {
    const a = createSharedCredentialStore(folder(), kernel.credentials);
    const token = a.issue("alice");
    const operator = a.operatorToken();
    const records = kernel.credentials.list("");
    const values = records.map((r) => r.value);
    expect(values).toContain(tokenDigest(token));
    expect(values).toContain(tokenDigest(operator));
    for (const r of records) {
      expect(r.value).not.toContain(token);
      expect(r.value).not.toContain(operator);
      expect(r.value).toMatch(/^[0-9a-f]{64}$/);
    }
  });

  it("refuses unknown, tampered and re-issued tokens, and tokens naming another principal", () => {
    const a = createSharedCredentialStore(folder(), kernel.credentials);
    const old = a.issue("alice");
    const bob = a.issue("bob");
    const fresh = a.issue("alice");
    expect(a.authenticate(old)).toBeUndefined();
    expect(a.authenticate(fresh)).toEqual({ kind: "principal", id: "alice" });
    expect(a.authenticate(`${fresh}x`)).toBeUndefined();
    // Bob's secret under Alice's name.
    const secret = bob.slice(bob.indexOf(".") + 1);
    expect(a.authenticate(`${fresh.slice(0, fresh.indexOf(".") + 1)}${secret}`)).toBeUndefined();
    expect(a.authenticate("ecology_p_Li4vZXRj.x")).toBeUndefined(); // "../etc"
    expect(a.authenticate(undefined)).toBeUndefined();
    expect(a.authenticate("ecology_op_guess")).toBeUndefined();
    expect(a.authenticate("ecology_view_guess")).toBeUndefined();
  });

  it("registers the operator and viewer token of every folder once, and accepts each anywhere", () => {
    const a = createSharedCredentialStore(folder(), kernel.credentials);
    const b = createSharedCredentialStore(folder(), kernel.credentials);
    const [opA, opB] = [a.operatorToken(), b.operatorToken()];
    a.operatorToken();
    const [viewA, viewB] = [a.viewerToken(), b.viewerToken()];
    expect(opA).not.toBe(opB);
    expect(kernel.credentials.list("operator:")).toHaveLength(2);
    expect(kernel.credentials.list("viewer:")).toHaveLength(2);
    for (const store of [a, b]) {
      expect(store.authenticate(opA)).toEqual({ kind: "operator" });
      expect(store.authenticate(opB)).toEqual({ kind: "operator" });
      expect(store.authenticate(viewA)).toEqual({ kind: "viewer" });
      expect(store.authenticate(viewB)).toEqual({ kind: "viewer" });
    }
  });

  it("only reads when authenticating: no token file or record appears", () => {
    const dir = folder();
    const a = createSharedCredentialStore(dir, kernel.credentials);
    expect(a.authenticate("ecology_op_x")).toBeUndefined();
    expect(a.storedOperatorToken()).toBeUndefined();
    expect(existsSync(dir) ? readdirSync(dir) : []).toEqual([]);
    expect(kernel.credentials.list("")).toEqual([]);
  });
});
