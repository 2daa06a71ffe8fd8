// `pnpm bench`: the round trip of one tool call through MCP — over stdio (a child process, as
// `ecology mcp` runs) and over Streamable HTTP (`/mcp`) — beside the same call as plain JSON-RPC
// over HTTP (`/rpc`) on the same server, measured in the same run. Calls alternate between the
// setups in rounds, so a busy shared machine slows all of them alike.
import { execSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { createKernel } from "@ecology/kernel";
import { createClient, type RpcTransport } from "@ecology/protocol";
import { createServer } from "@ecology/server";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { createMcpHttpHandler } from "../src/index.js";

const ROUNDS = 20;
const PER_ROUND = 25;
const WARM_UP = 50;
const here = dirname(fileURLToPath(import.meta.url));

type Call = () => Promise<unknown>;
interface Setup {
  label: string;
  balance: Call;
  write: Call;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "eco-mcp-bench-"));
  const kernel = await createKernel({ storage: join(dir, "kernel.db") });
  const server = await createServer({
    kernel,
    dir,
    port: 0,
    mcp: (dispatcher) => {
      const transport: RpcTransport = {
        call: (method, params, token) => dispatcher.call(token, method, params),
        follow: () => {
          throw new Error("unused");
        },
      };
      const mcp = createMcpHttpHandler({
        clientFor: (token) => createClient({ transport, token }),
      });
      return (request, token) => mcp.handle(request, token);
    },
  });
  const operator = createClient({ url: server.url, token: server.credentials.operatorToken() });
  await operator.call("createPrincipal", { id: "alice", scrip: 1_000_000 });
  const token = server.credentials.tokenFor("alice") as string;

  const rpc = createClient({ url: server.url, token });
  const http = new Client({ name: "bench", version: "1" });
  await http.connect(
    new StreamableHTTPClientTransport(new URL(`${server.url}/mcp`), {
      requestInit: { headers: { authorization: `Bearer ${token}` } },
    }),
  );
  const stdio = new Client({ name: "bench", version: "1" });
  await stdio.connect(
    new StdioClientTransport({
      command: process.execPath,
      args: ["--import", "tsx", join(here, "stdio-child.ts"), dir, "alice"],
      cwd: here,
    }),
  );

  let n = 0;
  const tool =
    (client: Client): Setup["balance"] =>
    () =>
      client.callTool({ name: "balance", arguments: {} });
  const toolWrite =
    (client: Client): Call =>
    () =>
      client.callTool({ name: "write", arguments: { id: `doc${n++}`, content: { n } } });
  const setups: Setup[] = [
    {
      label: "JSON-RPC over HTTP (/rpc)",
      balance: () => rpc.call("balance", {}),
      write: () => rpc.call("write", { id: `doc${n++}`, content: { n } }),
    },
    { label: "MCP over Streamable HTTP (/mcp)", balance: tool(http), write: toolWrite(http) },
    { label: "MCP over stdio (child process)", balance: tool(stdio), write: toolWrite(stdio) },
  ];
  for (const op of ["balance", "write"] as const) {
    const times = await measure(setups, op);
    report(op, setups, times);
  }
  await Promise.all([http.close(), stdio.close()]);
  await server.close();
  await server.dispatcher.queue.run(() => kernel.close());
}

async function measure(setups: Setup[], op: "balance" | "write"): Promise<number[][]> {
  for (const s of setups) for (let i = 0; i < WARM_UP; i++) await s[op]();
  const times = setups.map(() => [] as number[]);
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, s] of setups.entries()) {
      for (let j = 0; j < PER_ROUND; j++) {
        const t = performance.now();
        await s[op]();
        times[i]?.push(performance.now() - t);
      }
    }
  }
  return times;
}

function quantile(sorted: number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
}

function report(op: string, setups: Setup[], times: number[][]): void {
  const medians = times.map((t) =>
    quantile(
      t.toSorted((a, b) => a - b),
      0.5,
    ),
  );
  const base = medians[0] ?? Number.NaN;
  console.log(`\n${op}: ${ROUNDS * PER_ROUND} calls per setup, interleaved in ${ROUNDS} rounds`);
  console.log("| setup | p50 ms | p95 ms | p50 vs JSON-RPC |");
  console.log("|---|---:|---:|---:|");
  for (const [i, s] of setups.entries()) {
    const sorted = (times[i] ?? []).toSorted((a, b) => a - b);
    const ratio = (medians[i] ?? Number.NaN) / base;
    console.log(
      `| ${s.label} | ${quantile(sorted, 0.5).toFixed(2)} | ${quantile(sorted, 0.95).toFixed(2)} | ${ratio.toFixed(2)}x |`,
    );
  }
}

const commit = execSync("git rev-parse --short HEAD", { encoding: "utf8" }).trim();
console.log(
  `commit ${commit}, Node ${process.version}, load average before: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
await main();
console.log(
  `\nload average after: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
