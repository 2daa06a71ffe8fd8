import { changeOwner } from "../artifacts.js";
import { transferScrip } from "../ledger.js";
import { refuse } from "../refusal.js";
import type { JsonValue } from "../types.js";
import { isValidId } from "../validate.js";
import { type GenesisArtifact, ID_SCHEMA, param } from "./genesis-artifact.js";

/** `genesis_ledger`: balances, transfers from the caller only, ownership transfers by the owner. */
export const genesisLedger: GenesisArtifact = {
  id: "genesis_ledger",
  description:
    "Scrip balances and transfers; every transfer spends the immediate caller's own wallet.",
  manifest: {
    reentrant: true,
    methods: [
      {
        name: "balance",
        kind: "view",
        params: [param("id", "string", ID_SCHEMA, true)],
        returns: "number",
      },
      {
        name: "transfer",
        kind: "method",
        params: [param("to", "string", ID_SCHEMA), param("amount", "number", { type: "integer" })],
        returns: "{ from: string; to: string; amount: number; balance: number }",
      },
      {
        name: "transferOwnership",
        kind: "method",
        params: [param("artifactId", "string", ID_SCHEMA), param("to", "string", ID_SCHEMA)],
        returns: "{ artifactId: string; owner: string }",
      },
      { name: "allBalances", kind: "view", params: [], returns: "Record<string, number>" },
    ],
  },
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
