// Runs one suite: `tsx src/run-suite.ts <id> [--quick] [--json]`. With --json it prints one
// SuiteOutput object on stdout (what `pnpm bench:report` reads); without, a readable table.
import { loadavg } from "node:os";
import { renderTable } from "./render/markdown.js";
import { SUITES } from "./suites/all.js";

const [id, ...flags] = process.argv.slice(2);
const suite = SUITES.find((s) => s.id === id);
if (!suite) {
  console.error(`usage: run-suite <${SUITES.map((s) => s.id).join("|")}> [--quick] [--json]`);
  process.exit(2);
}
const output = await suite.run({ quick: flags.includes("--quick") });
if (flags.includes("--json")) console.log(JSON.stringify(output));
else {
  console.log(`${output.title}\n\n${renderTable(output.rows)}\n`);
  for (const note of output.notes ?? []) console.log(`- ${note}`);
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(" ")}`,
  );
}
// EDR's native threads may keep the event loop alive after the work is done.
process.exit(0);
