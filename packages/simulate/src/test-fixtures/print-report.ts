import { reportJson, runScenarioFile } from "@ecology/simulate";

// Prints a scenario's --json report, as `ecology simulate <file> --json [--compare other]` does.
const [file, compare] = process.argv.slice(2);
if (!file) throw new Error("usage: print-report <scenario> [compare]");
const report = await runScenarioFile(file, compare ? { compare } : {});
process.stdout.write(reportJson(report));
