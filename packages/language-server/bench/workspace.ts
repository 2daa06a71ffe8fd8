import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const sdkDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "sdk");

/** A small contract `c<i>` with a few methods, one of which calls its neighbour. */
function smallContract(i: number, count: number): string {
  const next = `c${(i + 1) % count}`;
  return `import { type Ctx, defineContract, genesis } from "@ecology/sdk";

type State = { total: number; members: string[]; history: { who: string; amount: number }[] };

export default defineContract({
  init: (): State => ({ total: 0, members: [], history: [] }),
  methods: {
    join(ctx: Ctx<State>) {
      if (!ctx.state.members.includes(ctx.caller)) ctx.state.members.push(ctx.caller);
      return ctx.state.members.length;
    },
    bump(ctx: Ctx<State>, amount: number) {
      ctx.state.total += amount;
      ctx.state.history.push({ who: ctx.caller, amount });
      return ctx.state.total;
    },
    forward(ctx: Ctx<State>, amount: number) {
      ctx.call(genesis.ledger, "transfer", ctx.owner, 0);
      return ctx.call("${next}", "bump", amount);
    },
  },
  views: {
    total: (ctx: Ctx<State>) => ctx.state.total,
    members: (ctx: Ctx<State>) => ctx.state.members,
  },
  prices: { bump: ${i % 5}, forward: 1 },
});
`;
}

/** Every third method calls genesis through a typed ref, every third another contract by id. */
function call(k: number): string {
  if (k % 3 === 0)
    return 'const seen = ctx.call(genesis.eventLog, "count", { limit: 10 }) + entry.id;';
  if (k % 3 === 1) return `const seen = ctx.invoke("c${k % 49}", "bump", amount).success ? 1 : 0;`;
  return "const seen = ctx.state.entries.filter((e) => e.note === note).length;";
}

/** One method of the big contract: about ten lines. */
function bigMethod(k: number): string {
  return `    step${k}(ctx: Ctx<State>, amount: number, note: string) {
      const entry = { id: ctx.state.entries.length + ${k}, amount, note, by: ctx.caller };
      if (amount < 0) ctx.fail("invalid_argument", "amount must be positive");
      ctx.state.entries.push(entry);
      ctx.state.totals[note] = (ctx.state.totals[note] ?? 0) + amount;
      ${call(k)}
      ctx.emit("step${k}", { amount, total: ctx.state.entries.length });
      return { entry, seen, total: ctx.state.totals[note] ?? 0 };
    },
`;
}

/** The 300-line contract the benchmark edits. */
export function bigContract(marker: number): string {
  const methods = Array.from({ length: 32 }, (_, k) => bigMethod(k)).join("");
  return `import { type Ctx, defineContract, genesis } from "@ecology/sdk";

type Entry = { id: number; amount: number; note: string; by: string };
type State = { entries: Entry[]; totals: { [note: string]: number }; marker: number };

export default defineContract({
  init: (): State => ({ entries: [], totals: {}, marker: ${marker} }),
  methods: {
${methods}  },
  views: {
    entries: (ctx: Ctx<State>) => ctx.state.entries,
    marker: (ctx: Ctx<State>) => ctx.state.marker + ${marker},
  },
});
`;
}

/**
 * Writes a workspace of `count - 1` small contracts plus `big.ts` (about 300 lines) into a
 * fresh temporary folder, with `@ecology/sdk` linked into its node_modules. Returns the folder.
 */
export function createBenchWorkspace(count = 50): string {
  const root = mkdtempSync(join(tmpdir(), "eco-ls-bench-"));
  mkdirSync(join(root, "node_modules", "@ecology"), { recursive: true });
  symlinkSync(sdkDir, join(root, "node_modules", "@ecology", "sdk"), "dir");
  writeFileSync(join(root, "package.json"), JSON.stringify({ type: "module", private: true }));
  writeFileSync(
    join(root, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        target: "ES2022",
        lib: ["ES2023"],
        module: "NodeNext",
        moduleResolution: "NodeNext",
        strict: true,
        noUncheckedIndexedAccess: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
      },
      include: ["*.ts"],
    }),
  );
  for (let i = 0; i < count - 1; i++)
    writeFileSync(join(root, `c${i}.ts`), smallContract(i, count - 1));
  writeFileSync(join(root, "big.ts"), bigContract(0));
  return root;
}
