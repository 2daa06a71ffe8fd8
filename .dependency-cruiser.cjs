// The architecture check, pass 1 of 2 (`pnpm arch`): every import, type-only ones included.
// It enforces the forbidden arrows of DESIGN.md §1 as drawn in docs/architecture.md. Pass 2
// (.dependency-cruiser-runtime.cjs) looks at the runtime graph only: cycles, and the SDK's
// freedom from the kernel, are about what Node loads, and there a type-only import does not count.

/** Tests, their fixtures and benchmarks: development-only code, allowed devDependencies. */
const DEV_ONLY = "(\\.test\\.ts|\\.test-d\\.ts)$|/test-fixtures/|/bench/";
/** Any workspace package's files. */
const WORKSPACE = "^(packages|apps|examples)/";

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const forbidden = [
  {
    name: "protocol-depends-on-nothing",
    comment:
      "@ecology/protocol is the dependency-free bottom of the graph (DESIGN.md §8): no package, " +
      "no npm module, no Node built-in in its published code, so it runs in Node and in browsers.",
    severity: "error",
    from: { path: "^packages/protocol/", pathNot: DEV_ONLY },
    to: { pathNot: "^packages/protocol/" },
  },
  {
    name: "protocol-tests-use-no-package",
    comment: "@ecology/protocol has no workspace dependencies, not even for its tests.",
    severity: "error",
    from: { path: "^packages/protocol/" },
    to: { path: WORKSPACE, pathNot: "^packages/protocol/" },
  },
  {
    name: "runtime-knows-no-kernel",
    comment:
      "@ecology/runtime runs metered JS with a host API it is handed; it knows nothing of the " +
      "kernel or anything built on it (only @ecology/protocol, if ever).",
    severity: "error",
    from: { path: "^packages/runtime/" },
    to: { path: WORKSPACE, pathNot: "^packages/(runtime|protocol)/" },
  },
  {
    name: "kernel-not-upward",
    comment:
      "@ecology/kernel depends on runtime and protocol only; sdk, testing, server, cli, the " +
      "language server and the scaffolder are built on it, never the other way.",
    severity: "error",
    from: { path: "^packages/kernel/" },
    to: { path: WORKSPACE, pathNot: "^packages/(kernel|runtime|protocol)/" },
  },
  {
    name: "sdk-not-upward",
    comment:
      "@ecology/sdk sits below testing, server, cli, the language server and the scaffolder.",
    severity: "error",
    from: { path: "^packages/sdk/" },
    to: { path: "^packages/(testing|server|cli|language-server|create-contract)/" },
  },
  {
    name: "server-not-cli",
    comment: "@ecology/server is what the CLI serves; it never imports the CLI.",
    severity: "error",
    from: { path: "^packages/server/" },
    to: { path: "^packages/cli/" },
  },
  {
    name: "simulate-not-upward",
    comment:
      "@ecology/simulate runs scenarios on the kernel (sdk for the compiler, protocol for types); " +
      "the CLI is built on it (`ecology simulate`), never the other way.",
    severity: "error",
    from: { path: "^packages/simulate/" },
    to: { path: "^packages/(testing|server|cli|language-server|create-contract)/" },
  },
  {
    name: "simulate-for-cli-and-scenarios",
    comment:
      "Only the CLI and scenario files (examples/*/scenarios) use @ecology/simulate: a contract " +
      "project's runtime code and the other packages stay free of esbuild and the simulator.",
    severity: "error",
    from: { pathNot: "^(packages/(simulate|cli)/|examples/[^/]+/scenarios/|bench/|scripts/)" },
    to: { path: "^packages/simulate/" },
  },
  {
    name: "mcp-not-upward",
    comment:
      "@ecology/mcp speaks to a kernel only through @ecology/protocol's client and compiles " +
      "with @ecology/sdk's compiler: no kernel, server, testing, CLI or editor package.",
    severity: "error",
    from: { path: "^packages/mcp/", pathNot: DEV_ONLY },
    to: { path: WORKSPACE, pathNot: "^packages/(mcp|protocol|sdk)/" },
  },
  {
    name: "server-not-mcp",
    comment:
      "@ecology/server serves /mcp through a route it is handed (McpRoute); the CLI composes " +
      "the two, so the server never imports @ecology/mcp.",
    severity: "error",
    from: { path: "^packages/server/" },
    to: { path: "^packages/mcp/" },
  },
  {
    name: "analysis-without-lsp",
    comment:
      "language-server src/analysis is pure (functions of paths and offsets): no LSP or editor " +
      "modules, so it is testable alone and reusable outside an LSP session.",
    severity: "error",
    from: { path: "^packages/language-server/src/analysis/" },
    to: {
      // Installed (node_modules/…, @types/vscode) or, when it does not resolve, the bare name.
      path: [
        "(^|/)node_modules/(@types/)?vscode/",
        "(^|/)node_modules/vscode-(languageserver|languageclient|jsonrpc)",
        "^vscode(-|$)",
      ],
    },
  },
  {
    name: "nothing-imports-apps",
    comment: "apps/* are leaves: the VS Code extension is bundled, nothing may import it.",
    severity: "error",
    from: { pathNot: "^apps/" },
    to: { path: "^apps/" },
  },
  {
    name: "explorer-only-protocol",
    comment:
      "apps/explorer runs in a browser and reads the economy only through @ecology/protocol's " +
      "client (DESIGN.md §8, ADR 0033): no other package, no npm module, no Node built-in in " +
      "the app's code (its tests, fixtures, build script and bench may use them).",
    severity: "error",
    from: { path: "^apps/explorer/src/", pathNot: DEV_ONLY },
    to: { pathNot: "^(apps/explorer/src|packages/protocol)/" },
  },
  {
    name: "packages-import-by-name",
    comment:
      "Workspace packages import each other by package name (@ecology/kernel), never by a " +
      "relative path into another package's folder.",
    severity: "error",
    from: { path: "^(packages|apps|examples)/([^/]+)/" },
    to: { dependencyTypes: ["local"], path: WORKSPACE, pathNot: "^$1/$2/" },
  },
  {
    name: "no-unresolvable-import",
    comment:
      "An import that does not resolve: a typo, a missing dependency, or a deep import past a " +
      "package's exports map.",
    severity: "error",
    from: {},
    to: { couldNotResolve: true },
  },
];

/** @type {import('dependency-cruiser').ICruiseOptions} */
const options = {
  doNotFollow: { path: "node_modules" },
  exclude: { path: "(^|/)(dist|test-artifacts|\\.turbo)/" },
  // Resolve with the repository's compiler settings (NodeNext, verbatimModuleSyntax).
  tsConfig: { fileName: "tsconfig.base.json" },
  tsPreCompilationDeps: true,
  enhancedResolveOptions: {
    exportsFields: ["exports"],
    conditionNames: ["types", "import", "node", "default"],
    extensions: [".ts", ".d.ts", ".js", ".mjs", ".cjs"],
    mainFields: ["types", "module", "main"],
  },
  progress: { type: "none" },
};

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = { forbidden, options };
