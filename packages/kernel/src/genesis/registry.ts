import { genesisEscrow } from "./escrow.js";
import { genesisEventLog } from "./event-log.js";
import type { GenesisArtifact } from "./genesis-artifact.js";
import { genesisLedger } from "./ledger.js";
import { genesisStore } from "./store.js";

/** The four genesis artifacts of DESIGN.md §2.4, by id. */
export const GENESIS: ReadonlyMap<string, GenesisArtifact> = new Map(
  [genesisLedger, genesisEscrow, genesisEventLog, genesisStore].map((g) => [g.id, g]),
);
