// The environment the sandbox's own JavaScript (the *.js files next to this one) runs in, for
// `tsc` (tsconfig.sandbox.json): QuickJS's ES2023 globals without Node's or the DOM's, plus
// what QuickJS adds, and the shapes those files hand each other. Not part of the package's API.

/** QuickJS's error for engine failures: "stack overflow", "out of memory", "interrupted". */
declare var InternalError: ErrorConstructor;

/**
 * The host's raw callback: `"poll"` asks whether the run must stop (deadline, heap), any other
 * kind ends the run with that cause ("compute", "stack", "memory", "aborted").
 */
type SandboxSignal = (kind: string, left: number) => boolean;

/** sfc32's four words of state, and the seed still to apply at the next draw (or null). */
type PrngState = [number, number, number, number, string | null];

/** prng.js: the one deterministic PRNG, installed as `Math.random`. */
interface SandboxPrng {
  reseed(seed: string): void;
  random(): number;
  save(): PrngState;
  restore(state: PrngState): void;
}

/** bounded-json.js: JSON bounded to the run's depth limit. */
interface SandboxJson {
  toJson(value: unknown): string;
  argsToJson(args: unknown[]): string;
  setDepthLimit(limit: number): number;
  tameNativeRecursion(): void;
}

interface LockdownOptions {
  random: () => number;
  charge: (units: number) => void;
  tameNativeRecursion: () => void;
}

/** lockdown.js: freezes the context; returns every object it froze. */
interface SandboxLockdown {
  lockdown(options: LockdownOptions): Set<unknown>;
}

/** bootstrap.js: called with the host's `signal` and the three factories, in this order. */
type SandboxBootstrap = (
  signal: SandboxSignal,
  createPrng: () => SandboxPrng,
  createBoundedJson: () => SandboxJson,
  createLockdown: () => SandboxLockdown,
) => SandboxApi;

/** bootstrap.js's `runEntry`: one run's body, below `run` (which adds the meter and taint). */
type SandboxRunEntry = (
  factory: (module: { exports: Record<string, unknown> }, exports: Record<string, unknown>) => void,
  entry: string,
  inputJson: string,
  host: unknown,
  seed: string,
  maxOutput: number,
  maxDepth: number,
) => string;

/** What bootstrap.js gives the host (sandbox.ts); programs never see it. */
interface SandboxApi {
  run(
    factory: (
      module: { exports: Record<string, unknown> },
      exports: Record<string, unknown>,
    ) => void,
    entry: string,
    inputJson: string,
    host: unknown,
    seed: string,
    maxOutput: number,
    maxDepth: number,
    budget: number,
  ): string;
  makeHost(
    namesJson: string,
    ...raws: ((json: string) => unknown)[]
  ): Readonly<Record<string, unknown>>;
  charge(units: number): void;
  caught(error: unknown): void;
  thrown(value: unknown): unknown;
  guardShared(target: unknown): undefined;
  meter: { left: number };
  frozenCount: number;
}
