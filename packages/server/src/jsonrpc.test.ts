import { RPC_ERRORS } from "@ecology/protocol";
import { describe, expect, it } from "vitest";
import { parseRpcRequest } from "./jsonrpc.js";

const codeOf = (text: string) => {
  const framed = parseRpcRequest(text);
  return framed.ok ? "ok" : framed.outcome.error.code;
};

describe("parseRpcRequest", () => {
  it("accepts a request with named params and keeps its id", () => {
    const framed = parseRpcRequest(
      '{"jsonrpc":"2.0","id":"a1","method":"read","params":{"id":"x"}}',
    );
    expect(framed).toEqual({
      ok: true,
      request: { method: "read", params: { id: "x" }, id: "a1" },
    });
  });

  it("treats a request without id as a notification", () => {
    const framed = parseRpcRequest('{"jsonrpc":"2.0","method":"balances"}');
    expect(framed.ok && framed.request.id).toBeUndefined();
  });

  it("answers parse errors and invalid requests with their JSON-RPC codes", () => {
    expect(codeOf("{")).toBe(RPC_ERRORS.parseError);
    expect(codeOf("[]")).toBe(RPC_ERRORS.invalidRequest);
    expect(codeOf('{"jsonrpc":"1.0","method":"x","id":1}')).toBe(RPC_ERRORS.invalidRequest);
    expect(codeOf('{"jsonrpc":"2.0","method":7,"id":1}')).toBe(RPC_ERRORS.invalidRequest);
    expect(codeOf('{"jsonrpc":"2.0","method":"x","params":[1],"id":1}')).toBe(
      RPC_ERRORS.invalidRequest,
    );
    expect(codeOf("null")).toBe(RPC_ERRORS.invalidRequest);
  });

  it("echoes the id of an invalid request when it can be read", () => {
    const framed = parseRpcRequest('{"jsonrpc":"2.0","method":1,"id":42}');
    expect(framed.ok ? undefined : framed.id).toBe(42);
  });
});
