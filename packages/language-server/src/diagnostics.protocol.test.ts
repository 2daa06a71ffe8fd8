import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  codes,
  type LspClient,
  type PublishedDiagnostic,
  startClient,
} from "./test-fixtures/lsp-client.js";

const HEADER = 'import { type Ctx, defineContract } from "@ecology/sdk";\n';

/** A contract whose `go` method has `body`, default-exported. */
function contract(body: string, extra = ""): string {
  return `${HEADER}${extra}
export default defineContract({
  methods: {
    go(ctx: Ctx<{ n: number }>, amount: number) {
      ${body}
      return amount;
    },
  },
});
`;
}

const CLEAN = contract("ctx.state.n += 1;");

const ecology = (d: PublishedDiagnostic[]) => d.filter((x) => x.source === "ecology");

describe("diagnostics", () => {
  let client: LspClient;
  beforeAll(async () => {
    client = await startClient();
  });
  afterAll(() => client.stop());

  /** Opens (or changes) `name` to `text` and waits for diagnostics of that version. */
  async function check(name: string, text: string, opened: Set<string>) {
    if (opened.has(name)) client.change(name, text);
    else {
      opened.add(name);
      client.open(name, text);
    }
    return client.diagnostics(name);
  }

  const opened = new Set<string>();

  it("publishes nothing for a clean contract when it is opened", async () => {
    expect(await check("rules.ts", CLEAN, opened)).toEqual([]);
  });

  it("reports TypeScript errors and clears them when fixed", async () => {
    const broken = await check("rules.ts", contract("const s: string = 1;"), opened);
    expect(broken.map((d) => [d.source, d.code])).toEqual([["ts", 2322]]);
    expect(await check("rules.ts", CLEAN, opened)).toEqual([]);
  });

  const cases: [string, string, string][] = [
    ["non-determinism (Date)", contract("ctx.state.n = Date.now();"), "non-determinism"],
    ["non-determinism (Math.random)", contract("ctx.state.n = Math.random();"), "non-determinism"],
    ["non-determinism (timers)", contract("setTimeout(() => {}, 1);"), "non-determinism"],
    ["non-determinism (fetch)", contract('void fetch("https://x");'), "non-determinism"],
    [
      "node-import",
      contract("ctx.state.n = 1;", 'import { readFileSync } from "node:fs";\nvoid readFileSync;\n'),
      "node-import",
    ],
    [
      "non-json-argument",
      `${HEADER}export default defineContract({ methods: { go(_ctx, when: Map<string, number>) { return when.size; } } });\n`,
      "non-json-argument",
    ],
    [
      "non-json-result",
      `${HEADER}export default defineContract({ methods: { go() { return () => 1; } } });\n`,
      "non-json-result",
    ],
    [
      "non-json-state",
      `${HEADER}export default defineContract({ init: () => ({ at: new Set<string>() }), methods: { go(_ctx: Ctx<{ at: Set<string> }>) { return 1; } } });\n`,
      "non-json-state",
    ],
    ["unknown-target", contract('ctx.call("no_such_artifact", "run");'), "unknown-target"],
    [
      "unknown-method (genesis)",
      contract('ctx.call("genesis_ledger", "steal");'),
      "unknown-method",
    ],
    ["unknown-method (workspace)", contract('ctx.call("counter", "reset");'), "unknown-method"],
    [
      "argument-type (genesis)",
      contract('ctx.call("genesis_ledger", "transfer", "bob", "ten");'),
      "argument-type",
    ],
    [
      "argument-type (workspace)",
      contract('ctx.call("counter", "increment", "one");'),
      "argument-type",
    ],
    ["argument-count", contract('ctx.call("genesis_escrow", "purchase");'), "argument-count"],
    [
      "non-json-state (migrate)",
      `${HEADER}export default defineContract({ init: () => ({ n: 0 }), migrate: (ctx: Ctx<{ n: number }>) => ({ n: ctx.state.n, at: new Map<string, number>() }), methods: { go: (ctx) => ctx.state.n } });\n`,
      "non-json-state",
    ],
    [
      "non-json-argument (migrate)",
      `${HEADER}export default defineContract({ init: () => ({ n: 0 }), migrate: (ctx: Ctx<{ n: number }>, when: Date) => ({ n: ctx.state.n + when.getDay() }), methods: { go: (ctx) => ctx.state.n } });\n`,
      "non-json-argument",
    ],
    [
      "missing-default-export",
      `${HEADER}export const def = defineContract({ methods: { go: () => 1 } });\n`,
      "missing-default-export",
    ],
  ];

  for (const [name, text, code] of cases) {
    it(`fires ${name} and clears it when the code is fixed`, async () => {
      const found = ecology(await check("rules.ts", text, opened));
      expect(found.map((d) => d.code)).toContain(code);
      expect(found.every((d) => d.range.start.line > 0)).toBe(true);
      expect(await check("rules.ts", CLEAN, opened)).toEqual([]);
    });
  }

  it("accepts migrate beside init, with the old state typed by its ctx", async () => {
    const text = `${HEADER}type Old = { n: number };
export default defineContract({
  init: (_ctx, note: string) => ({ count: 0, history: [note] }),
  migrate: (ctx: Ctx<Old>, note: string) => ({ count: ctx.state.n, history: [note] }),
  methods: { go: (ctx) => ctx.state.history.length + ctx.state.count },
});
`;
    expect(await check("rules.ts", text, opened)).toEqual([]);
    // A return of the old shape is the SDK's type error, reported as one.
    const wrong = text.replace("({ count: ctx.state.n, history: [note] })", "({ n: ctx.state.n })");
    const found = await check("rules.ts", wrong, opened);
    expect(found.map((d) => d.source)).toEqual(["ts"]);
    expect(await check("rules.ts", CLEAN, opened)).toEqual([]);
  });

  it("accepts valid calls to genesis and workspace contracts", async () => {
    const text = contract(
      'ctx.call("genesis_ledger", "transfer", "bob", amount);\n      ctx.call("counter", "increment", 2);\n      ctx.invoke("genesis_escrow", "listActive", { limit: 5 });',
    );
    expect(await check("rules.ts", text, opened)).toEqual([]);
  });

  it("does not count a trailing withValue or withOptions as an argument", async () => {
    const text = contract(
      'ctx.call("counter", "increment", 2, withValue(1, { maxPrice: 3 }));\n      ctx.call("counter", "increment", 2, withOptions({ maxPrice: 3 }));',
      'import { withOptions, withValue } from "@ecology/sdk";\n',
    );
    expect(await check("rules.ts", text, opened)).toEqual([]);
  });

  it("re-checks other open documents when a contract they call changes", async () => {
    const caller = contract('ctx.call("counter", "increment", 1);');
    expect(await check("caller.ts", caller, opened)).toEqual([]);
    const counter = await import("node:fs").then((fs) =>
      fs.readFileSync(new URL(client.uriOf("counter.ts")), "utf8"),
    );
    // Renaming `increment` in the (unsaved) counter breaks the caller.
    await check("counter.ts", counter.replace("increment(", "bump("), opened);
    const broken = await client.diagnostics("caller.ts", (d) => d.length > 0);
    expect(codes(broken)).toEqual(["unknown-method"]);
    client.close("counter.ts");
    opened.delete("counter.ts");
    expect(await client.diagnostics("caller.ts", (d) => d.length === 0)).toEqual([]);
  });

  it("clears the diagnostics of a document when it is closed", async () => {
    const found = await check("closing.ts", contract("ctx.state.n = Date.now();"), opened);
    expect(codes(found)).toEqual(["non-determinism"]);
    client.close("closing.ts");
    expect(await client.diagnostics("closing.ts", (d) => d.length === 0)).toEqual([]);
  });
});
