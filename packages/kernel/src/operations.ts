import {
  changeOwner,
  deleteArtifact,
  readArtifact,
  setArtifactPolicy,
  writeData,
} from "./artifacts.js";
import { capError } from "./failure-cap.js";
import { createGrantBody, revokeGrantBody } from "./grants/grant-ops.js";
import { deployContract } from "./invoke/deploy.js";
import { upgradeContract } from "./invoke/upgrade.js";
import { mintScrip } from "./ledger.js";
import { DEFAULT_POLICY, parsePolicy } from "./policy.js";
import { Refusal, refuse } from "./refusal.js";
import type { Tx } from "./tx.js";
import type { Cost, Envelope, JournalOp, JsonObject, JsonValue, Policy } from "./types.js";
import { ID_RULE, isAmount, isReservedId, isValidId } from "./validate.js";
import { OPERATOR, type World } from "./world.js";

const FREE: Cost = { price: 0, value: 0, compute: 0 };

/** What the body of a non-invoke operation returns when it succeeds. */
interface Done {
  result: JsonValue;
  cost?: Cost;
}

/** One top-level operation: its inputs (as journaled) in, its envelope out. Never throws a Refusal. */
export type OperationBody = (world: World, tx: Tx, params: JsonObject) => Envelope;

/** Who may perform an operation: the operator alone, or a principal acting as itself. */
export type Performer = "operator" | "principal";

/** Turns a body that refuses by throwing into one that answers with an envelope. */
function refusing(body: (world: World, tx: Tx, p: JsonObject) => Done): OperationBody {
  return (world, tx, p) => {
    try {
      const { result, cost } = body(world, tx, p);
      return { success: true, result, cost: cost ?? FREE, events: tx.eventsSince(0) };
    } catch (e) {
      if (!(e instanceof Refusal)) throw e;
      return { success: false, error: capError(e.toError(undefined), world.limits.maxErrorBytes) };
    }
  };
}

function createPrincipal(world: World, tx: Tx, p: JsonObject): Done {
  const { id } = p;
  if (!isValidId(id))
    refuse(
      "invalid_argument",
      `${JSON.stringify(id) ?? "undefined"} is not a valid id (${ID_RULE})`,
    );
  if (isReservedId(id) || id === OPERATOR)
    refuse("invalid_argument", `${id} is reserved for the kernel`);
  if (world.storage.hasPrincipal(id) || world.storage.getArtifact(id))
    refuse("conflict", `id ${id} is already taken`);
  const scrip = p.scrip ?? 0;
  if (!isAmount(scrip)) refuse("invalid_argument", "scrip must be a non-negative safe integer");
  world.storage.insertPrincipal(id, tx.now);
  world.storage.setBalance(id, 0);
  tx.append({ type: "principal.created", actor: OPERATOR, target: id, data: { id } });
  if (scrip > 0) mintScrip(world, tx, id, scrip);
  return { result: { id, balance: scrip } };
}

function mint(world: World, tx: Tx, p: JsonObject): Done {
  if (!isValidId(p.id)) refuse("invalid_argument", "mint needs a valid id");
  mintScrip(world, tx, p.id, p.amount);
  return { result: { id: p.id, balance: world.storage.getBalance(p.id) } };
}

function policyOf(world: World, id: string): Policy {
  const row = world.storage.getArtifact(id);
  return row ? parsePolicy(row) : { ...DEFAULT_POLICY };
}

/**
 * The body of every journaled operation, by name (DESIGN.md §9). Kernel methods and replay
 * both run operations through these, so a replay re-executes exactly what ran.
 */
export const OPERATIONS: { [op in JournalOp]: { by: Performer; body: OperationBody } } = {
  createPrincipal: { by: "operator", body: refusing(createPrincipal) },
  mint: { by: "operator", body: refusing(mint) },
  deploy: {
    by: "principal",
    body: refusing((world, tx, p) => {
      const { id, codeHash, compute } = deployContract(world, tx, tx.origin, p);
      return { result: { id, codeHash }, cost: { price: 0, value: 0, compute } };
    }),
  },
  upgrade: {
    by: "principal",
    body: refusing((world, tx, p) => {
      const { result, compute } = upgradeContract(world, tx, tx.origin, p);
      return { result, cost: { price: 0, value: 0, compute } };
    }),
  },
  write: {
    by: "principal",
    body: refusing((world, tx, p) => ({
      result: writeData(world, tx, tx.origin, p.id, p.content, {
        policy: p.policy,
        metadata: p.metadata,
      }),
    })),
  },
  read: {
    by: "principal",
    body: refusing((world, tx, p) => {
      const r = readArtifact(world, tx, tx.origin, p.id);
      return { result: r.content, cost: { price: r.price, value: 0, compute: r.compute } };
    }),
  },
  delete: {
    by: "principal",
    body: refusing((world, tx, p) => {
      deleteArtifact(world, tx, tx.origin, p.id);
      return { result: { id: p.id as string } };
    }),
  },
  setPolicy: {
    by: "principal",
    body: refusing((world, tx, p) => {
      setArtifactPolicy(world, tx, tx.origin, p.id, p.policy);
      return { result: policyOf(world, p.id as string) as unknown as JsonValue };
    }),
  },
  transferOwnership: {
    by: "principal",
    body: refusing((world, tx, p) => {
      changeOwner(world, tx, tx.origin, p.id, p.to);
      return { result: { id: p.id as string, owner: p.to as string } };
    }),
  },
  createGrant: {
    by: "principal",
    body: refusing((world, tx, p) => ({
      result: createGrantBody(world, tx, p) as unknown as JsonValue,
    })),
  },
  revokeGrant: {
    by: "principal",
    body: refusing((world, tx, p) => ({
      result: revokeGrantBody(world, tx, p) as unknown as JsonValue,
    })),
  },
  invoke: {
    by: "principal",
    // The pipeline answers with an envelope itself, recording failed frames in the transaction.
    body: (world, tx, p) =>
      world.invoke(tx, {
        caller: tx.origin,
        target: p.target,
        method: p.method,
        args: p.args ?? [],
        value: p.value ?? 0,
        maxPrice: p.maxPrice,
      }),
  },
};
