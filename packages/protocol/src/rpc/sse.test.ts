import { describe, expect, it } from "vitest";
import { createSseParser } from "./sse.js";

describe("createSseParser", () => {
  it("parses messages split anywhere, with CRLF, comments and multi-line data", () => {
    const text = ': keep-alive\r\nid: 7\r\ndata: {"a":\r\ndata: 1}\r\n\r\nevent: end\ndata: x\n\n';
    for (let cut = 0; cut <= text.length; cut++) {
      const parser = createSseParser();
      const messages = [...parser.feed(text.slice(0, cut)), ...parser.feed(text.slice(cut))];
      expect(messages).toEqual([
        { event: "message", data: '{"a":\n1}', id: "7" },
        { event: "end", data: "x", id: "7" },
      ]);
    }
  });

  it("dispatches nothing for a block without data", () => {
    expect(createSseParser().feed("event: ping\n\n: comment\n\n")).toEqual([]);
  });
});
