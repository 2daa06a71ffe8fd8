import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BenchRow, ratioRow } from "../bench-json.js";
import { compile, MARKET_DATA, PRICE, QUOTES } from "../compile.js";
import {
  calibrate,
  interleaved,
  type Sample,
  type Subject,
  sampleAsync,
  sampleSync,
} from "../measure.js";
import { createEdrMarket } from "../peers/edr-market.js";
import { createKernelMarket } from "../peers/kernel-market.js";
import { createSesMarket } from "../peers/ses-market.js";
import { compileSolidity } from "../peers/solidity.js";
import { createVmMarket } from "../peers/vm-market.js";
import type { Suite, SuiteOptions, SuiteOutput } from "../suite.js";

const BATCH_MS = 300;
const NAMES = {
  memory: "ours, in memory",
  wal: "ours, WAL file",
  vm: "node:vm",
  ses: "SES Compartment",
  edr: "Solidity on EDR",
} as const;
type Key = keyof typeof NAMES;

/** A counted subject: `calls` lets the suite check afterwards that every call took effect. */
async function subject(name: string, fn: () => unknown, async = false) {
  const counted = { calls: 0 };
  const call = () => {
    counted.calls += 1;
    return fn();
  };
  const ops = await calibrate(call, BATCH_MS);
  const s: Subject = {
    name,
    sample: async () => {
      counted.calls += ops;
      return async ? sampleAsync(fn as () => Promise<unknown>, ops) : sampleSync(fn, ops);
    },
  };
  return { s, counted };
}

function expectEqual(what: string, actual: number | bigint, expected: number | bigint): void {
  if (BigInt(actual) !== BigInt(expected))
    throw new Error(`${what}: ${actual}, expected ${expected}`);
}

async function measureAll(rounds: number): Promise<Map<Key, Sample>> {
  const code = await compile(MARKET_DATA);
  const solidity = compileSolidity(
    new URL("../peers/market-data.sol", import.meta.url),
    "MarketData",
  );
  const initial = { quotes: QUOTES, usage: { uses: {}, total: 0 } };
  const dir = mkdtempSync(join(tmpdir(), "ecology-bench-peers-"));
  try {
    const memory = await createKernelMarket(":memory:", code, PRICE, QUOTES);
    const wal = await createKernelMarket(join(dir, "peers.db"), code, PRICE, QUOTES);
    const vm = createVmMarket(code.js, initial, PRICE);
    const edr = await createEdrMarket(solidity, PRICE, QUOTES);
    const subjects = {
      memory: await subject(NAMES.memory, memory.invoke),
      wal: await subject(NAMES.wal, wal.invoke),
      vm: await subject(NAMES.vm, () => vm.invoke("consumer")),
      edr: await subject(NAMES.edr, edr.invoke, true),
    };
    const costs = await interleaved(
      Object.values(subjects).map((x) => x.s),
      rounds,
    );
    for (const m of [memory, wal]) {
      m.kernel.checkInvariants();
      const state = m.kernel.getArtifact("market")?.state as { usage: { total: number } };
      m.kernel.close();
      expectEqual(
        `uses recorded by ${m === memory ? NAMES.memory : NAMES.wal}`,
        state.usage.total,
        (m === memory ? subjects.memory : subjects.wal).counted.calls,
      );
    }
    expectEqual("paid summary() calls mined on EDR", await edr.uses(), subjects.edr.counted.calls);
    expectEqual("uses recorded under node:vm", vm.totals().uses, subjects.vm.counted.calls);
    // SES last: lockdown() hardens this whole process.
    const ses = await createSesMarket(code.js, initial, PRICE);
    const sesSubject = await subject(NAMES.ses, () => ses.invoke("consumer"));
    const sesCost = await interleaved([sesSubject.s], rounds);
    expectEqual("uses recorded under SES", ses.totals().uses, sesSubject.counted.calls);
    const result = new Map<Key, Sample>();
    for (const key of Object.keys(NAMES) as Key[]) {
      const cost = key === "ses" ? sesCost.get(NAMES.ses) : costs.get(NAMES[key]);
      if (cost) result.set(key, cost);
    }
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function rows(costs: Map<Key, Sample>): BenchRow[] {
  const get = (k: Key) => costs.get(k) as Sample;
  const perCpuSecond = (k: Key) => 1e6 / get(k).cpuUs;
  const perSecond = (k: Key) => 1e6 / get(k).wallUs;
  const keys = Object.keys(NAMES) as Key[];
  return [
    ...keys
      .filter((k) => k !== "edr")
      .map((k) =>
        ratioRow(
          `${NAMES[k]} ÷ EDR: invokes per CPU-second`,
          perCpuSecond(k),
          perCpuSecond("edr"),
          "invokes/CPU-s",
          "EDR",
        ),
      ),
    ...keys
      .filter((k) => k !== "edr")
      .map((k) =>
        ratioRow(
          `${NAMES[k]} ÷ EDR: invokes per second (wall)`,
          perSecond(k),
          perSecond("edr"),
          "invokes/s",
          "EDR",
        ),
      ),
    ...keys.map((k) =>
      ratioRow(`${NAMES[k]}: CPU time per invoke`, get(k).cpuUs, get("vm").cpuUs, "µs", "node:vm"),
    ),
  ];
}

async function run({ quick }: SuiteOptions): Promise<SuiteOutput> {
  const rounds = quick ? 3 : 5;
  const costs = await measureAll(rounds);
  const memoryOverEdr = get(costs, "edr").cpuUs / get(costs, "memory").cpuUs;
  return {
    title: "Beside peers: the pay-per-use call four ways",
    rows: rows(costs),
    notes: [
      `Target: ours ≥ 10× EDR. Measured: ours in memory ${memoryOverEdr.toFixed(2)}× EDR per CPU-second (${memoryOverEdr >= 10 ? "met" : "not met"}).`,
      `Each figure is the median of ${rounds} batches of about ${BATCH_MS} ms; ours, node:vm and EDR interleaved batch by batch, SES after them (its lockdown() hardens the process), all in one process.`,
      "After measuring, the suite checks every call took effect: the uses each implementation recorded equal the calls made, the kernel's scrip is conserved, every EDR call was mined successfully.",
      "EDR: each call is one eth_sendTransaction from an owned account, automine (one block per call); the suite does not wait for a receipt per call, which would only add to EDR's cost.",
    ],
    chart: {
      kind: "bar",
      title: "Pay-per-use call: invokes per CPU-second (higher is better)",
      axis: "invokes per CPU-second, log scale",
      scale: "log",
      bars: (Object.keys(NAMES) as Key[]).map((k) => ({
        label: NAMES[k],
        value: Math.round(1e6 / get(costs, k).cpuUs),
      })),
    },
  };
}

function get(costs: Map<Key, Sample>, key: Key): Sample {
  const cost = costs.get(key);
  if (!cost) throw new Error(`no measurement for ${key}`);
  return cost;
}

/** Our kernel, node:vm, SES and Solidity on Hardhat's EDR running the same pay-per-use call. */
export const peersSuite: Suite = {
  id: "peers",
  intro: [
    "The `summary` call of the pay-per-use example (`examples/pay-per-use/src/market-data.ts`):",
    "the caller pays the price to the owner, its use is counted per caller and in total, an event",
    "is logged, the average of the quotes returned. Ours runs the compiled example through",
    "`createKernel()` (in memory and on a WAL file: one SQLite transaction, hash-chained events,",
    "journal, metered QuickJS sandbox). node:vm and SES run the same compiled JavaScript on a fresh",
    "module instance per call with the price moved in a Map and the state crossing as JSON: no",
    "storage, no hashing, no metering. EDR (Hardhat's in-process network, `@nomicfoundation/edr`)",
    "runs the same logic written in Solidity (`bench/src/peers/market-data.sol`, compiled in process",
    "by solc-js), deployed once, then one paying transaction per call, each mined.",
  ].join(" "),
  run,
};
