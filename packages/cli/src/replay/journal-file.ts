import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { type JournalRecord, SCHEMAS, validate } from "@ecology/protocol";
import { CliError } from "../cli-error.js";

/**
 * Reads a journal exported by `ecology journal export`: one JSON record per line (blank lines
 * are skipped). Every line is checked against the protocol's journal record schema, so a bad
 * file is refused naming its line rather than half-replayed; whether the records form one
 * unbroken chain is the kernel's `replay` to judge.
 *
 * @throws CliError `not_found` when the file cannot be read, `invalid_argument` for a line that
 * is not JSON or not a journal record.
 * @example
 * ```ts
 * const records = readJournalFile("history.jsonl", process.cwd());
 * ```
 */
export function readJournalFile(file: string, cwd: string): JournalRecord[] {
  let text: string;
  try {
    text = readFileSync(resolve(cwd, file), "utf8");
  } catch {
    throw new CliError("not_found", `cannot read ${file}`, "check the path");
  }
  const records: JournalRecord[] = [];
  for (const [index, line] of text.split("\n").entries()) {
    if (line.trim() === "") continue;
    records.push(parseRecord(line, `${file}:${index + 1}`));
  }
  return records;
}

const EXPORT_HINT = "give a file written by `ecology journal export`";

function parseRecord(line: string, where: string): JournalRecord {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    throw new CliError("invalid_argument", `${where} is not JSON`, EXPORT_HINT);
  }
  const checked = validate(SCHEMAS.JOURNAL_RECORD, value, { path: "record" });
  if (!checked.ok)
    throw new CliError("invalid_argument", `${where}: ${checked.message}`, EXPORT_HINT);
  return checked.value as JournalRecord;
}
