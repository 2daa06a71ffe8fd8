import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { sha256Hex } from "./sha256.js";

const nodeSha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("sha256Hex", () => {
  it("matches the FIPS 180-4 test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe(
      "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
    );
    expect(sha256Hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("matches node:crypto at every padding boundary and for long input", () => {
    for (let n = 0; n <= 130; n++) expect(sha256Hex("x".repeat(n))).toBe(nodeSha256("x".repeat(n)));
    const long = "ecology ".repeat(5000);
    expect(sha256Hex(long)).toBe(nodeSha256(long));
  });

  it("matches node:crypto on any Unicode text, lone surrogates included", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => {
        expect(sha256Hex(text)).toBe(nodeSha256(text));
      }),
      { numRuns: 100 },
    );
    expect(sha256Hex("\ud800")).toBe(nodeSha256("\ud800"));
    expect(sha256Hex("a\udc00b")).toBe(nodeSha256("a\udc00b"));
  });
});
