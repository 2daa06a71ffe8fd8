import { DEFAULT_POLICY } from "../policy.js";
import type { Storage } from "../storage/storage.js";
import type { GenesisRegistry } from "../world.js";

/**
 * Inserts the genesis artifacts on first open (idempotent), each owning itself. Checked again
 * under the write lock: two processes opening a new shared economy at once install them once.
 */
export function installGenesis(storage: Storage, genesis: GenesisRegistry, now: number): void {
  if (storage.getArtifact("genesis_ledger")) return;
  storage.atomic(
    () => {
      if (storage.getArtifact("genesis_ledger")) return;
      for (const g of genesis.values()) {
        storage.insertArtifact(
          {
            id: g.id,
            kind: "genesis",
            owner: g.id,
            createdBy: g.id,
            createdAt: now,
            updatedAt: now,
            version: 1,
            content: null,
            state: null,
            policy: JSON.stringify(DEFAULT_POLICY),
            metadata: JSON.stringify({ description: g.description }),
            deleted: false,
            codeHash: null,
          },
          JSON.stringify({ js: "", manifest: g.manifest }),
        );
      }
    },
    () => true,
  );
}
