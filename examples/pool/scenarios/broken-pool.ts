import { defineScenario } from "@ecology/simulate";
import pool from "./pool.js";

/**
 * The same population, seed and rounds against a deliberately broken pool that splits revenue
 * per member instead of per scrip staked (`./contracts/per-head-pool.ts`). Run it as the B side
 * of an A/B: `ecology simulate scenarios/pool.ts --compare scenarios/broken-pool.ts`.
 */
export default defineScenario({
  ...pool,
  name: "broken pool (pays per head)",
  description:
    "The pool scenario against a pool that pays revenue out per member, not per scrip staked.",
  contracts: [{ id: "pool", file: "./contracts/per-head-pool.ts" }],
});
