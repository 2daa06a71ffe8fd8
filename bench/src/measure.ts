/** Cost of one operation, from one batch of calls. */
export interface Sample {
  /** Wall-clock microseconds per operation. */
  wallUs: number;
  /** CPU microseconds per operation: user + system, every thread of this process. */
  cpuUs: number;
}

/** A subject measured in rounds: `sample` runs one batch and returns its per-op cost. */
export interface Subject {
  name: string;
  sample(): Promise<Sample>;
}

function finish(started: number, cpu: NodeJS.CpuUsage, ops: number): Sample {
  const wall = performance.now() - started;
  const spent = process.cpuUsage(cpu);
  return { wallUs: (wall * 1000) / ops, cpuUs: (spent.user + spent.system) / ops };
}

/**
 * Runs `fn` `ops` times and returns its cost per call.
 *
 * @example
 * ```ts
 * const { cpuUs } = sampleSync(() => kernel.invoke("a", "svc", "use", []), 500);
 * ```
 */
export function sampleSync(fn: () => unknown, ops: number): Sample {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < ops; i++) fn();
  return finish(started, cpu, ops);
}

/**
 * Runs `fn` `ops` times one after another, awaiting each, and returns its cost per call.
 *
 * @example
 * ```ts
 * const { wallUs } = await sampleAsync(() => edr.invoke(), 200);
 * ```
 */
export async function sampleAsync(fn: () => Promise<unknown>, ops: number): Promise<Sample> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  for (let i = 0; i < ops; i++) await fn();
  return finish(started, cpu, ops);
}

/**
 * The median of a non-empty list. Throws a `RangeError` for an empty one.
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(values: number[]): number {
  if (values.length === 0) throw new RangeError("median of nothing");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Measures subjects in `rounds` interleaved rounds (A B C, A B C, …) so that a change in the
 * machine's load touches them all alike, and returns each one's median per-op cost.
 *
 * @example
 * ```ts
 * const costs = await interleaved([{ name: "vm", sample: async () => sampleSync(run, 1000) }], 5);
 * costs.get("vm")?.cpuUs;
 * ```
 */
export async function interleaved(
  subjects: Subject[],
  rounds: number,
): Promise<Map<string, Sample>> {
  const samples = new Map<string, Sample[]>(subjects.map((s) => [s.name, []]));
  for (let r = 0; r < rounds; r++)
    for (const subject of subjects) samples.get(subject.name)?.push(await subject.sample());
  return new Map(
    [...samples].map(([name, list]) => [
      name,
      { wallUs: median(list.map((s) => s.wallUs)), cpuUs: median(list.map((s) => s.cpuUs)) },
    ]),
  );
}

/**
 * How long a growth suite runs its operation before measuring the first point. V8 keeps
 * optimizing JavaScript and tiering QuickJS's WebAssembly up on background threads for seconds;
 * those threads count in the process's CPU time, so a first point measured after only a
 * 300 ms calibration read 1.3–1.8× the later ones (the history suite's 1k point cost more than
 * its 1M point). A series whose points are far apart in time should also measure them in
 * interleaved rounds (the history suite does).
 */
export const PROCESS_WARM_UP_MS = 3_000;

/**
 * Runs `fn` for about `ms` milliseconds (default {@link PROCESS_WARM_UP_MS}) and returns how
 * many calls it made, so that the first measured point of a series does not pay for the
 * optimizing compilers' background work.
 *
 * @example
 * ```ts
 * await warmUp(() => market.invoke());
 * ```
 */
export function warmUp(fn: () => unknown, ms: number = PROCESS_WARM_UP_MS): Promise<number> {
  return calibrate(fn, ms);
}

/**
 * Warms `fn` up for about `ms` milliseconds and returns how many calls fit in that time: the
 * batch size for later samples of about the same duration (at least 1).
 *
 * @example
 * ```ts
 * const ops = await calibrate(() => market.invoke(), 300);
 * ```
 */
export async function calibrate(fn: () => unknown, ms: number): Promise<number> {
  const until = performance.now() + ms;
  let ops = 0;
  while (performance.now() < until) {
    const pending = fn();
    if (pending instanceof Promise) await pending;
    ops += 1;
  }
  return Math.max(1, ops);
}
