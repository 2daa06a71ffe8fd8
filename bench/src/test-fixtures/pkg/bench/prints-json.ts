// A bench script as other packages write them: progress first, then one BenchJson with --json.
if (!process.argv.includes("--json")) throw new Error("expected --json");
console.log("warming up…");
console.error(`cwd ${process.cwd()}`);
console.log(
  JSON.stringify({
    title: "Fixture",
    rows: [{ name: "op", value: 2, unit: "µs", baseline: 1, ratio: 2 }],
    notes: [process.cwd()],
  }),
);
