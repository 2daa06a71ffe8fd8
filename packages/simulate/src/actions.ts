import type { JsonValue } from "@ecology/protocol";
import type { Operation } from "./operations.js";
import type { Action } from "./persona.js";
import { SimulateError } from "./simulate-error.js";

const KINDS = new Set([
  "invoke",
  "transfer",
  "write",
  "read",
  "deposit",
  "purchase",
  "cancel",
  "deploy",
  "idle",
]);

/** Who did what, for the error messages of a bad action. */
export interface ActionSource {
  agent: string;
  round: number;
  blueprints: { readonly [name: string]: string };
}

function bad(source: ActionSource, message: string): never {
  throw new SimulateError(
    "persona_failed",
    `${source.agent} (round ${source.round}) returned ${message}`,
  );
}

function need(action: Action, fields: string[], source: ActionSource): void {
  const record = action as unknown as { [key: string]: unknown };
  for (const f of fields)
    if (record[f] === undefined) bad(source, `a ${action.kind} action without ${f}`);
}

function genesisCall(target: string, method: string, args: JsonValue[]): Operation["params"] {
  return { target, method, args, value: 0 };
}

/** The operation's params for a (non-idle) action; the kernel judges the values. */
function paramsOf(action: Exclude<Action, { kind: "idle" }>, source: ActionSource) {
  switch (action.kind) {
    case "invoke":
      need(action, ["target", "method"], source);
      return {
        op: "invoke" as const,
        params: {
          target: action.target,
          method: action.method,
          args: action.args ?? [],
          value: action.value ?? 0,
        },
      };
    case "transfer":
      need(action, ["to", "amount"], source);
      return {
        op: "invoke" as const,
        params: genesisCall("genesis_ledger", "transfer", [action.to, action.amount]),
      };
    case "deposit": {
      need(action, ["artifact", "price"], source);
      const args: JsonValue[] = [action.artifact, action.price];
      if (action.buyer !== undefined) args.push(action.buyer);
      return { op: "invoke" as const, params: genesisCall("genesis_escrow", "deposit", args) };
    }
    case "purchase":
    case "cancel":
      need(action, ["artifact"], source);
      return {
        op: "invoke" as const,
        params: genesisCall("genesis_escrow", action.kind, [action.artifact]),
      };
    case "write":
      need(action, ["id", "content"], source);
      return {
        op: "write" as const,
        params: {
          id: action.id,
          content: action.content,
          ...(action.policy ? { policy: action.policy as unknown as JsonValue } : {}),
        },
      };
    case "read":
      need(action, ["id"], source);
      return { op: "read" as const, params: { id: action.id } };
    case "deploy": {
      need(action, ["blueprint", "id"], source);
      const file = source.blueprints[action.blueprint];
      if (file === undefined) bad(source, `a deploy of unknown blueprint ${action.blueprint}`);
      return {
        op: "deploy" as const,
        params: {
          id: action.id,
          file,
          args: action.args ?? [],
          ...(action.policy ? { policy: action.policy as unknown as JsonValue } : {}),
        },
      };
    }
  }
}

/**
 * The kernel operation an action performs as `principal` at `time`; `undefined` for idle.
 *
 * @throws {SimulateError} `persona_failed` for an unknown kind or a missing field.
 */
export function toOperation(
  action: Action,
  principal: string,
  time: number,
  source: ActionSource,
): Operation | undefined {
  if (typeof action !== "object" || action === null || !KINDS.has(action.kind))
    bad(source, `${JSON.stringify(action) ?? String(action)}, which is not an action`);
  if (action.kind === "idle") return undefined;
  const { op, params } = paramsOf(action, source);
  return { op, origin: principal, params, time };
}
