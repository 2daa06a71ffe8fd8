import { describe, expect, it } from "vitest";
import { parseStreamFilter } from "./events-stream.js";

const q = (values: Record<string, string>) => (name: string) => values[name];

describe("parseStreamFilter", () => {
  it("reads types, principal and artifact filters", () => {
    const parsed = parseStreamFilter(
      q({ types: "scrip.minted,artifact.created", principal: "alice", artifact: "svc" }),
      undefined,
    );
    expect(parsed).toEqual({
      ok: true,
      filter: { types: ["scrip.minted", "artifact.created"], principal: "alice", artifact: "svc" },
    });
  });

  it("resumes from the later of Last-Event-ID and ?after", () => {
    expect(parseStreamFilter(q({ after: "3" }), "10")).toEqual({ ok: true, filter: { after: 10 } });
    expect(parseStreamFilter(q({ after: "12" }), "10")).toEqual({
      ok: true,
      filter: { after: 12 },
    });
  });

  it("refuses a resume point that is not a sequence number", () => {
    expect(parseStreamFilter(q({ after: "-1" }), undefined).ok).toBe(false);
    expect(parseStreamFilter(q({}), "abc").ok).toBe(false);
    expect(parseStreamFilter(q({ types: "NOPE" }), undefined).ok).toBe(false);
  });
});
