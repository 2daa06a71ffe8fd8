import { rmSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { type ArchRun, createMiniRepo, type Files, runArch } from "./test-fixtures/mini-repo.js";

/**
 * `pnpm arch` (dependency-cruiser with .dependency-cruiser.cjs and
 * .dependency-cruiser-runtime.cjs) on a throwaway monorepo shaped like this one: the clean tree
 * passes, and every deliberately added cycle or forbidden arrow fails with its own rule.
 */
interface HostileCase {
  readonly files: Files;
  /** What `pnpm arch` must report, as `rule: from-file`. */
  readonly reported: readonly string[];
}

const HOSTILE: readonly HostileCase[] = [
  {
    files: {
      "packages/kernel/src/access.ts":
        'import { run } from "./invoke.js";\nexport const check = () => run;\n',
      "packages/kernel/src/invoke.ts":
        'import { check } from "./access.js";\nexport const run = () => check;\n',
    },
    // A cycle is reported once, from its first module.
    reported: ["no-value-cycle: packages/kernel/src/access.ts"],
  },
  {
    // verbatimModuleSyntax keeps `import { type X } from "y"` as `import {} from "y"`: Node loads it.
    files: {
      "packages/server/src/rpc.ts":
        'import { type Auth } from "./auth.js";\nexport type Rpc = Auth;\nexport const rpc = 1;\n',
      "packages/server/src/auth.ts":
        'import { rpc } from "./rpc.js";\nexport type Auth = number;\nexport const auth = rpc;\n',
    },
    reported: ["no-value-cycle: packages/server/src/auth.ts"],
  },
  {
    files: {
      "packages/sdk/src/deploy.ts":
        'import { kernelRun } from "@ecology/kernel";\nexport const deploy = kernelRun;\n',
    },
    reported: ["sdk-without-kernel-at-runtime: packages/sdk/src/deploy.ts"],
  },
  {
    files: {
      "packages/runtime/src/host.ts":
        'import type { Kernel } from "@ecology/kernel";\nexport type Host = Kernel;\n',
    },
    reported: ["runtime-knows-no-kernel: packages/runtime/src/host.ts"],
  },
  {
    files: {
      "packages/kernel/src/compile.ts":
        'import type { Deployer } from "@ecology/sdk";\nexport type C = Deployer;\n',
    },
    reported: ["kernel-not-upward: packages/kernel/src/compile.ts"],
  },
  {
    files: {
      "packages/sdk/src/serve.ts":
        'import { s } from "@ecology/server";\nexport const serve = s;\n',
    },
    reported: ["sdk-not-upward: packages/sdk/src/serve.ts"],
  },
  {
    files: {
      "packages/server/src/bin.ts": 'import { c } from "@ecology/cli";\nexport const b = c;\n',
    },
    reported: ["server-not-cli: packages/server/src/bin.ts"],
  },
  {
    files: {
      "packages/simulate/src/report.ts": 'import { c } from "@ecology/cli";\nexport const r = c;\n',
      "examples/pool/src/sim.ts":
        'import { simulate } from "@ecology/simulate";\nexport const s = simulate;\n',
    },
    reported: [
      "simulate-for-cli-and-scenarios: examples/pool/src/sim.ts",
      "simulate-not-upward: packages/simulate/src/report.ts",
    ],
  },
  {
    files: {
      "packages/protocol/src/file.ts":
        'import { readFileSync } from "node:fs";\nexport const f = readFileSync;\n',
      "packages/protocol/src/client.test.ts": 'import { world } from "@ecology/kernel";\nworld;\n',
    },
    reported: [
      "protocol-depends-on-nothing: packages/protocol/src/file.ts",
      "protocol-tests-use-no-package: packages/protocol/src/client.test.ts",
    ],
  },
  {
    files: {
      "packages/language-server/src/analysis/hover.ts":
        'import type { Connection } from "vscode-languageserver";\nexport type H = Connection;\n',
    },
    reported: ["analysis-without-lsp: packages/language-server/src/analysis/hover.ts"],
  },
  {
    files: {
      "packages/cli/src/editor.ts":
        'import { e } from "../../../apps/vscode/src/extension.js";\nexport const x = e;\n',
      "packages/testing/src/kernel.ts":
        'import { world } from "../../kernel/src/world.js";\nexport const k = world;\n',
    },
    reported: [
      "nothing-imports-apps: packages/cli/src/editor.ts",
      "packages-import-by-name: packages/cli/src/editor.ts",
      "packages-import-by-name: packages/testing/src/kernel.ts",
    ],
  },
  {
    // Past the exports map: a deep import does not resolve.
    files: {
      "packages/cli/src/deep.ts":
        'import { noop } from "@ecology/kernel/src/pipeline.js";\nexport const d = noop;\n',
    },
    reported: ["no-unresolvable-import: packages/cli/src/deep.ts"],
  },
];

const repos: string[] = [];
function archOn(extra?: Files): ArchRun {
  const repo = createMiniRepo(extra);
  repos.push(repo);
  return runArch(repo);
}
afterAll(() => {
  for (const repo of repos) rmSync(repo, { recursive: true, force: true });
});

describe("pnpm arch", () => {
  it("passes a clean tree: type-only cycles, type-only sdk → kernel, kernel values in sdk tests", () => {
    const clean = archOn();
    expect(clean.violations, clean.output).toEqual([]);
    expect(clean.code, clean.output).toBe(0);
  });

  it("fails on each added cycle and forbidden arrow, naming the rule and the file", () => {
    const hostile = archOn(Object.assign({}, ...HOSTILE.map((c) => c.files)));
    expect(hostile.code, hostile.output).not.toBe(0);
    const expected = HOSTILE.flatMap((c) => c.reported).sort();
    expect([...new Set(hostile.violations)].sort(), hostile.output).toEqual(expected);
  });

  it("fails on a value cycle alone, and says so", () => {
    const cycle = archOn(HOSTILE[0]?.files);
    expect(cycle.code).not.toBe(0);
    expect(cycle.output).toMatch(/error no-value-cycle: packages\/kernel\/src\/access\.ts →/);
  });
});
