import { describe, expect, it } from "vitest";
import { href, parseRoute } from "./route.js";

describe("hash routes", () => {
  it("parses every view, its id and its query", () => {
    expect(parseRoute("#/artifact/pool.v2")).toMatchObject({ view: "artifact", arg: "pool.v2" });
    expect(parseRoute("#/tx/tx42")).toMatchObject({ view: "tx", arg: "tx42" });
    const events = parseRoute("#/events?type=scrip.minted&principal=alice&before=90");
    expect(events.view).toBe("events");
    expect(Object.fromEntries(events.query)).toEqual({
      type: "scrip.minted",
      principal: "alice",
      before: "90",
    });
  });

  it("lands on the overview for an empty, unknown or token hash", () => {
    for (const hash of ["", "#", "#/", "#/nope/x", "#token=abc"])
      expect(parseRoute(hash).view, hash).toBe("overview");
  });

  it("builds links that parse back to the same route, leaving out empty filters", () => {
    const link = href("events", undefined, { type: "contract.rated", principal: "", before: 7 });
    expect(link).toBe("#/events?type=contract.rated&before=7");
    expect(parseRoute(href("principal", "a/b c")).arg).toBe("a/b c");
    expect(href("artifacts")).toBe("#/artifacts");
  });
});
