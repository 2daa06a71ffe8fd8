/** Costs of one method, over every call the test kernel saw. */
export interface MethodCost {
  calls: number;
  /** Compute units per call (deterministic for the same code, state and args). */
  compute: { min: number; max: number; mean: number };
  /** Scrip price paid per call (the method price; attached value is not a cost). */
  scrip: { min: number; max: number };
}

/** Costs by `contract.method`, where contract is the deployed file's base name or the id. */
export type CostReport = { [method: string]: MethodCost };

/** Collects per-method costs; one per test kernel. */
export class CostRecorder {
  readonly #rows = new Map<string, { calls: number; compute: number[]; scrip: number[] }>();

  /** Adds one successful call. */
  add(key: string, compute: number, scrip: number): void {
    let row = this.#rows.get(key);
    if (!row) {
      row = { calls: 0, compute: [], scrip: [] };
      this.#rows.set(key, row);
    }
    row.calls += 1;
    row.compute.push(compute);
    row.scrip.push(scrip);
  }

  /** Forgets everything recorded so far. */
  clear(): void {
    this.#rows.clear();
  }

  /** The report, keys sorted so it prints and serializes stably. */
  report(): CostReport {
    const out: CostReport = {};
    for (const key of [...this.#rows.keys()].sort()) {
      const row = this.#rows.get(key);
      if (!row) continue;
      const sum = row.compute.reduce((s, c) => s + c, 0);
      out[key] = {
        calls: row.calls,
        compute: {
          min: Math.min(...row.compute),
          max: Math.max(...row.compute),
          mean: Math.round(sum / row.calls),
        },
        scrip: { min: Math.min(...row.scrip), max: Math.max(...row.scrip) },
      };
    }
    return out;
  }
}
