import type { Envelope, ErrorCode } from "@ecology/kernel";
import { describe, expect, expectTypeOf, it } from "vitest";
import "../vitest.js";

declare const envelope: Envelope;

describe("matcher types", () => {
  it("adds the kit's matchers to vitest's Assertion", () => {
    expectTypeOf(expect(envelope).toSucceed).toBeFunction();
    expectTypeOf(expect(envelope).toFailWith).parameter(0).toEqualTypeOf<ErrorCode>();
    expectTypeOf(expect(envelope).toEmit).parameter(0).toEqualTypeOf<string>();
    expectTypeOf(expect(() => envelope).toChangeBalance)
      .parameter(1)
      .toEqualTypeOf<number>();
  });

  it("rejects error codes outside the closed set", () => {
    // @ts-expect-error "nope" is not an error code
    expect(envelope).toFailWith("nope");
  });
});
