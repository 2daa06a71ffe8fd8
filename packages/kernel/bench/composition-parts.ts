// The parts of a pay-per-use invoke and of a ledger transfer, each runnable alone (issue 19).
// Every part does what the kernel does for one operation, with the kernel's own functions where
// they exist, and nothing else: composition.ts times them beside the whole operation.
import {
  createRuntime,
  type HostApi,
  type JsonValue,
  type Program,
  type ProgramSource,
} from "@ecology/runtime";
import Database from "better-sqlite3";
import { GENESIS_HASH, writeEvent } from "../src/event-log.js";
import { sha256 } from "../src/hash.js";
import { outputText } from "../src/invoke/contract-state.js";
import { contractProgram, DISPATCH_ENTRY } from "../src/invoke/dispatcher.js";
import { journalHash } from "../src/journal.js";
import { DEFAULT_LIMITS } from "../src/limits.js";
import { migrate } from "../src/storage/migrations.js";
import { placeholders } from "../src/storage/query-sql.js";
import type { EventRow } from "../src/storage/storage.js";
import { jsonText } from "../src/validate.js";

/** The pay-per-use service: updates its state, is paid its price, emits an event. */
export const SERVICE_JS = `module.exports = { default: { methods: {
    use(ctx) { ctx.state.uses = (ctx.state.uses || 0) + 1; ctx.emit("used", { by: ctx.caller }); return ctx.state.uses; },
  } } };`;

/** A part: one call does the part's work for one operation. */
export type Part = () => void;

const HASH = "a".repeat(64);
const UPSERT_BALANCE =
  "INSERT INTO balances (id, amount) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET amount = excluded.amount";
const INSERT_JOURNAL =
  "INSERT INTO journal (seq, tx, time, origin, op, params, outcome, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";

/** What one operation writes, as the kernel's SQL trace of it shows (see the README). */
interface Writes {
  stateUpdate: boolean;
  /** Event data texts, one per event; each event names two subjects. */
  events: string[];
  params: string;
}

/**
 * The operation's storage writes as bare better-sqlite3 statements on the kernel's schema, in
 * the same transaction shape: `SAVEPOINT sp0` (an in-memory kernel's transaction), the balance
 * upserts, the state update, the journal row, one multi-row INSERT per event table, `RELEASE`.
 */
export function bareSqlite(writes: Writes): { part: Part; close: () => void } {
  const db = new Database(":memory:");
  migrate(db);
  db.prepare(
    "INSERT INTO artifacts (id, kind, owner, created_by, created_at, updated_at, version, content, state, policy, metadata, deleted, code_hash) VALUES ('svc', 'contract', 'b', 'b', 0, 0, 1, NULL, '{}', '{}', '{}', 0, 'h')",
  ).run();
  const n = writes.events.length;
  const st = {
    begin: db.prepare("SAVEPOINT sp0"),
    balance: db.prepare(UPSERT_BALANCE),
    state: db.prepare("UPDATE artifacts SET state = ?, version = ?, updated_at = ? WHERE id = ?"),
    journal: db.prepare(INSERT_JOURNAL),
    events: db.prepare(
      `INSERT INTO events (seq, time, tx, type, actor, target, data, hash) VALUES ${placeholders(n, 8)}`,
    ),
    subjects: db.prepare(
      `INSERT INTO event_subjects (id, seq, roles) VALUES ${placeholders(2 * n, 3)}`,
    ),
    release: db.prepare("RELEASE sp0"),
  };
  let seq = 0;
  let op = 0;
  const outcome = JSON.stringify({
    success: true,
    envelope: HASH,
    eventHead: HASH,
    events: n,
    states: HASH,
  });
  const part = () => {
    op++;
    st.begin.run();
    st.balance.run("a", 1e15 - op);
    st.balance.run("b", 1e15 + op);
    if (writes.stateUpdate) st.state.run(`{"uses":${op}}`, op, 1, "svc");
    st.journal.run(op, `tx${op}`, 1, "a", "invoke", writes.params, outcome, HASH);
    const values: unknown[] = [];
    const refs: unknown[] = [];
    for (const data of writes.events) {
      seq++;
      values.push(seq, 1, `tx${op}`, "scrip.transferred", "a", "b", data, HASH);
      refs.push("a", seq, 3, "b", seq, 2);
    }
    st.events.run(...values);
    st.subjects.run(...refs);
    st.release.run();
  };
  return { part, close: () => db.close() };
}

/** What a pay-per-use invoke writes. */
export const PPU_WRITES: Writes = {
  stateUpdate: true,
  events: [
    '{"from":"a","to":"b","amount":1,"reason":"price svc.use"}',
    '{"by":"a"}',
    '{"method":"use","price":1,"value":0,"compute":1234,"depth":1}',
  ],
  params: '{"target":"svc","method":"use","args":[]}',
};

/** What a ledger transfer writes. */
export const TRANSFER_WRITES: Writes = {
  stateUpdate: false,
  events: ['{"from":"a","to":"b","amount":1,"reason":"transfer"}'],
  params: '{"target":"genesis_ledger","method":"transfer","args":["b",1]}',
};

/** The host API the kernel hands a contract frame, with no work behind any call. */
function idleHost(): HostApi {
  const ok = () => ({ ok: true, value: null }) as JsonValue;
  const names = [
    "balance",
    "transfer",
    "read",
    "write",
    "transferOwnership",
    "query",
    "events",
    "emit",
    "invoke",
    "invokeShared",
    "fail",
  ];
  return Object.fromEntries(names.map((n) => [n, ok]));
}

/**
 * The sandbox run alone: the same program (contract + the kernel's dispatcher), input and host
 * object names as the kernel's run, on a runtime of its own (made by `newRuntime`: another
 * build's `createRuntime` for an A/B), with host calls that do nothing.
 */
export async function sandboxRun(
  newRuntime: typeof createRuntime = createRuntime,
  source: ProgramSource = contractProgram("svc:bench", SERVICE_JS, "svc.js"),
): Promise<{ part: Part; program: Program }> {
  const runtime = await newRuntime();
  const program = runtime.load(source);
  const host = idleHost();
  let uses = 0;
  let frame = 0;
  const part = () => {
    const input: JsonValue = {
      entry: "method",
      method: "use",
      args: [],
      ctx: { self: "svc", owner: "b", caller: "a", origin: "a", value: 0, now: 1 },
      state: { uses: uses++ },
      share: false,
    };
    const r = program.run(DISPATCH_ENTRY, input, { host, seed: `tx${frame}:${frame++}` });
    if (!r.ok) throw new Error(`sandbox run failed: ${r.error.message}`);
  };
  return { part, program };
}

/**
 * The host calls' own work and the event log: `ctx.emit`'s validation of its data, and each
 * event built, serialized and chained with the kernel's `writeEvent` (into a stub store).
 */
export function eventsPart(
  events: { type: string; data: { [k: string]: JsonValue } }[],
  emits: number,
): Part {
  let head = { seq: 0, hash: GENESIS_HASH };
  const store = {
    lastEvent: () => head,
    insertEvent: (e: EventRow) => {
      head = { seq: e.seq, hash: e.hash };
    },
  };
  const tx = { id: "tx1", now: 1 };
  return () => {
    for (let i = 0; i < emits; i++)
      jsonText(events[1]?.data, DEFAULT_LIMITS.maxEventBytes, DEFAULT_LIMITS.maxJsonDepth);
    for (const e of events)
      writeEvent(store as never, tx, {
        type: e.type as never,
        actor: "a",
        target: "b",
        data: e.data,
      });
  };
}

/** The journal record: the outcome's hashes (envelope, states) and the chained record hash. */
export function journalPart(params: string, stateWritten: boolean): Part {
  let prev = GENESIS_HASH;
  let seq = 0;
  return () => {
    seq++;
    const envelope = sha256(JSON.stringify([true, seq, { price: 1, value: 0, compute: 1234 }]));
    const states = stateWritten ? sha256(`svc\n{"uses":${seq}}`) : "";
    const outcome = JSON.stringify({ success: true, envelope, eventHead: prev, events: 3, states });
    prev = journalHash(prev, {
      seq,
      tx: `tx${seq}`,
      time: 1,
      origin: "a",
      op: "invoke",
      params,
      outcome,
    });
  };
}

/** JSON crossing on the kernel side: args checked, state parsed, result and state serialized. */
export function jsonPart(args: JsonValue[], stateText: string | null): Part {
  const l = DEFAULT_LIMITS;
  return () => {
    jsonText(args, l.maxArgsBytes, l.maxJsonDepth);
    JSON.stringify({ target: "svc", method: "use", args });
    if (stateText === null) return;
    const state = JSON.parse(stateText) as { uses: number };
    state.uses++;
    outputText(state.uses, l.maxResultBytes, l.maxJsonDepth);
    outputText(state, l.maxStateBytes, l.maxJsonDepth);
  };
}

/** The same method under node:vm: a fresh module instance per run, JSON in and out. */
export async function vmRun(): Promise<Part> {
  const { createContext, Script } = await import("node:vm");
  const context = createContext({});
  const factory = new Script(`(function (module, exports) {\n${SERVICE_JS}\n})`).runInContext(
    context,
  ) as (
    m: { exports: { default?: { methods: Record<string, (ctx: unknown) => unknown> } } },
    e: unknown,
  ) => void;
  const emitted: string[] = [];
  let uses = 0;
  return () => {
    const module = { exports: {} };
    factory(module, module.exports);
    const input = JSON.parse(JSON.stringify({ state: { uses: uses++ }, caller: "a" })) as {
      state: object;
      caller: string;
    };
    const ctx = {
      state: input.state,
      caller: input.caller,
      emit: (n: string, d: object) => emitted.push(n + JSON.stringify(d)),
    };
    const result = (
      module.exports as { default: { methods: Record<string, (c: unknown) => unknown> } }
    ).default.methods.use?.(ctx);
    JSON.stringify({ result, state: ctx.state });
    emitted.length = 0;
  };
}
