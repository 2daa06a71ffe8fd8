/** Absolute paths of the fixture contracts, for tests that should not depend on the cwd. */
const here = (name: string) => new URL(`./${name}`, import.meta.url);

export const COUNTER_TS = here("counter.ts");
export const FAIR_POOL_TS = here("fair-pool.ts");
export const BROKEN_POOL_TS = here("broken-pool.ts");
export const COUNTER_V2_TS = here("counter-v2.ts");
export const COUNTER_CAPPED_TS = here("counter-capped.ts");
