import { changeOwner } from "../artifacts.js";
import { transferScrip } from "../ledger.js";
import { refuse } from "../refusal.js";
import type { JsonValue } from "../types.js";
import { isValidId } from "../validate.js";
import { type GenesisArtifact, genesisInfo } from "./genesis-artifact.js";

/** `genesis_ledger`: balances, transfers from the caller only, ownership transfers by the owner. */
export const genesisLedger: GenesisArtifact = {
  ...genesisInfo("genesis_ledger"),
  methods: {
    balance({ world, caller }, [id]) {
      const who = id ?? caller;
      if (!isValidId(who)) refuse("invalid_argument", "balance needs a valid id");
      return world.storage.getBalance(who);
    },
    transfer({ world, tx, caller }, [to, amount]) {
      if (typeof amount !== "number" || amount <= 0)
        refuse("invalid_argument", "transfer amount must be a positive integer");
      transferScrip(world, tx, { from: caller, to: to as string, amount, reason: "transfer" });
      return { from: caller, to: to as string, amount, balance: world.storage.getBalance(caller) };
    },
    transferOwnership({ world, tx, caller }, [artifactId, to]) {
      changeOwner(world, tx, caller, artifactId, to);
      return { artifactId: artifactId as string, owner: to as string };
    },
    allBalances({ world }) {
      const out: { [id: string]: JsonValue } = {};
      for (const [id, amount] of world.storage.allBalances()) out[id] = amount;
      return out;
    },
  },
};
