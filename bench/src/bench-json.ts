/**
 * One figure of a benchmark: `value` in `unit`, optionally beside a `baseline` (same unit)
 * measured in the same run, and `ratio` = value ÷ baseline. `baselineName` says what the
 * baseline is (e.g. "EDR", "1k events"); scripts may leave it out.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  baselineName?: string;
  ratio?: number;
}

/**
 * What a bench script prints with `--json` (one JSON object on stdout), and what each of this
 * package's suites returns: a titled list of rows, with free-text notes. The report embeds one
 * section per object.
 *
 * @example
 * ```ts
 * const out: BenchJson = {
 *   title: "Composition overhead",
 *   rows: [{ name: "pay-per-use invoke", value: 410, unit: "µs", baseline: 330, ratio: 1.24 }],
 *   notes: ["load average 1.2"],
 * };
 * console.log(JSON.stringify(out));
 * ```
 */
export interface BenchJson {
  title: string;
  rows: BenchRow[];
  notes?: string[];
}

const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

function rowProblem(row: unknown, i: number): string | undefined {
  if (typeof row !== "object" || row === null) return `rows[${i}] is not an object`;
  const r = row as Record<string, unknown>;
  if (typeof r.name !== "string" || r.name === "") return `rows[${i}].name is not a string`;
  if (!isFiniteNumber(r.value)) return `rows[${i}].value is not a finite number`;
  if (typeof r.unit !== "string") return `rows[${i}].unit is not a string`;
  for (const key of ["baseline", "ratio"] as const)
    if (r[key] !== undefined && !isFiniteNumber(r[key]))
      return `rows[${i}].${key} is not a finite number`;
  if (r.baselineName !== undefined && typeof r.baselineName !== "string")
    return `rows[${i}].baselineName is not a string`;
  return undefined;
}

/**
 * Checks that `value` has the {@link BenchJson} shape. Returns the first problem found, as a
 * sentence naming the field, or `undefined` when the value is well formed. Never throws.
 *
 * @example
 * ```ts
 * const problem = benchJsonProblem(JSON.parse(stdout));
 * if (problem) console.error(`not a BenchJson: ${problem}`);
 * ```
 */
export function benchJsonProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return "not a JSON object";
  const v = value as Record<string, unknown>;
  if (typeof v.title !== "string" || v.title === "") return "title is not a string";
  if (!Array.isArray(v.rows)) return "rows is not an array";
  for (const [i, row] of v.rows.entries()) {
    const problem = rowProblem(row, i);
    if (problem) return problem;
  }
  if (
    v.notes !== undefined &&
    !(Array.isArray(v.notes) && v.notes.every((n) => typeof n === "string"))
  )
    return "notes is not an array of strings";
  return undefined;
}

/**
 * Finds the {@link BenchJson} object in a script's stdout: the whole output, or else its last
 * line that parses as one (scripts may log before it). Throws an `Error` naming the problem when
 * there is none.
 *
 * @example
 * ```ts
 * const section = parseBenchJson('progress…\n{"title":"t","rows":[]}\n');
 * ```
 */
export function parseBenchJson(stdout: string): BenchJson {
  const candidates = [stdout.trim(), ...stdout.trim().split("\n").reverse()];
  let lastProblem = "no output";
  for (const text of candidates) {
    if (!text.trimStart().startsWith("{")) continue;
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      lastProblem = "no line of the output parses as JSON";
      continue;
    }
    const problem = benchJsonProblem(parsed);
    if (!problem) return parsed as BenchJson;
    lastProblem = problem;
  }
  throw new Error(`no BenchJson object in the output: ${lastProblem}`);
}

/**
 * A row comparing `value` with `baseline` (same unit), its ratio rounded to 3 significant
 * digits.
 *
 * @example
 * ```ts
 * ratioRow("ours ÷ EDR (invokes per CPU-second)", 2800, 1070, "invokes/CPU-s", "EDR");
 * ```
 */
export function ratioRow(
  name: string,
  value: number,
  baseline: number,
  unit: string,
  baselineName: string,
): BenchRow {
  return {
    name,
    value,
    unit,
    baseline,
    baselineName,
    ratio: Number((value / baseline).toPrecision(3)),
  };
}
