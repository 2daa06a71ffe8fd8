import type { GenesisRegistry } from "../world.js";
import { genesisEscrow } from "./escrow.js";
import { genesisEventLog } from "./event-log.js";
import { genesisLedger } from "./ledger.js";
import { genesisStore } from "./store.js";

/**
 * The four genesis artifacts of DESIGN.md §2.4 by id, with their native methods. `createKernel`
 * makes one per kernel and hands it over on the world: the pipeline and the host API look
 * genesis artifacts up there rather than importing a module-level table.
 */
export function createGenesisRegistry(): GenesisRegistry {
  return new Map(
    [genesisLedger, genesisEscrow, genesisEventLog, genesisStore].map((g) => [g.id, g]),
  );
}
