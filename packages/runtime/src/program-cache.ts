import { RuntimeError } from "./errors.js";

/** Default bound on the bytes of code and source maps the program cache keeps (64 MiB). */
export const DEFAULT_PROGRAM_CACHE_BYTES = 64 * 1024 * 1024;
/** Default bound on the number of programs the program cache keeps. */
export const DEFAULT_PROGRAM_CACHE_SIZE = 1024;

/** What the cache needs of a program: its id and what keeping it costs. */
export interface CachedProgram {
  readonly id: string;
  /** Estimated bytes the program retains (code, instrumented code, source map, parsed map). */
  readonly cacheBytes: number;
}

/**
 * The runtime's programs by id, least recently used first, bounded by count and by the sum of
 * their `cacheBytes`. Eviction only forgets a program: it is not disposed, so a reference the
 * host kept still runs (it rebuilds its sandbox when needed); loading its id again compiles
 * it anew. A program larger than `maxBytes` on its own is never kept.
 */
export class ProgramCache<P extends CachedProgram> {
  private readonly byId = new Map<string, P>();
  /** `cacheBytes` of each program when it was counted, so a resize adjusts by the difference. */
  private readonly counted = new Map<P, number>();
  private total = 0;
  /** The most recently used program, if it is still cached. */
  private newest: P | undefined;

  constructor(
    readonly maxBytes: number,
    readonly maxPrograms: number,
  ) {
    if (!(Number.isSafeInteger(maxBytes) && maxBytes >= 1)) {
      throw new RuntimeError("invalid_limits", "programCache.maxBytes must be a positive integer");
    }
    if (!(Number.isSafeInteger(maxPrograms) && maxPrograms >= 1)) {
      throw new RuntimeError(
        "invalid_limits",
        "programCache.maxPrograms must be a positive integer",
      );
    }
  }

  /** The program cached under `id`, now the most recently used; `undefined` if none. */
  get(id: string): P | undefined {
    const program = this.byId.get(id);
    if (program !== undefined) this.refresh(program);
    return program;
  }

  /** Caches `program` (unless it alone is over `maxBytes`), evicting the least recently used. */
  add(program: P): void {
    if (program.cacheBytes > this.maxBytes) return;
    const existing = this.byId.get(program.id);
    if (existing !== undefined) this.remove(existing);
    this.byId.set(program.id, program);
    this.newest = program;
    this.counted.set(program, program.cacheBytes);
    this.total += program.cacheBytes;
    this.evict();
  }

  /** Marks `program` as just used, if it is the one cached under its id. */
  touch(program: P): void {
    // Runs call this: most of them run the program that ran last, which needs no move.
    if (program !== this.newest && this.byId.get(program.id) === program) this.refresh(program);
  }

  /** Recounts `program` after its `cacheBytes` changed (e.g. its source map was parsed). */
  resized(program: P): void {
    const before = this.counted.get(program);
    if (before === undefined) return;
    if (program.cacheBytes > this.maxBytes) {
      this.remove(program);
      return;
    }
    this.counted.set(program, program.cacheBytes);
    this.total += program.cacheBytes - before;
    this.evict();
  }

  /** Forgets `program` if it is cached. */
  remove(program: P): void {
    const bytes = this.counted.get(program);
    if (bytes === undefined) return;
    this.counted.delete(program);
    this.byId.delete(program.id);
    this.total -= bytes;
    if (this.newest === program) this.newest = undefined;
  }

  /** Cached programs, least recently used first. */
  values(): IterableIterator<P> {
    return this.byId.values();
  }

  /** Number of cached programs. */
  get size(): number {
    return this.byId.size;
  }

  /** Sum of the cached programs' `cacheBytes`. */
  get bytes(): number {
    return this.total;
  }

  clear(): void {
    this.byId.clear();
    this.counted.clear();
    this.total = 0;
    this.newest = undefined;
  }

  private refresh(program: P): void {
    this.byId.delete(program.id);
    this.byId.set(program.id, program);
    this.newest = program;
  }

  private evict(): void {
    while (this.byId.size > this.maxPrograms || this.total > this.maxBytes) {
      const oldest = this.byId.values().next().value as P;
      this.remove(oldest);
    }
  }
}
