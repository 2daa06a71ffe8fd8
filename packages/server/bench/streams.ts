// `pnpm bench` (second part): what open event streams cost the invoke path. Invoke throughput
// over loopback HTTP (1 and 8 clients) with no stream, with BENCH_STREAMS idle streams (a
// filter nothing matches, the case that should cost little) and with as many streams
// following every event (each event must then be written to each of them).
import { get, type IncomingMessage } from "node:http";
import { cpus, loadavg } from "node:os";
import {
  agent,
  type Figures,
  loopback,
  PER_CLIENT,
  post,
  type Served,
  startServer,
} from "./http.js";

const STREAMS = Number(process.env.BENCH_STREAMS ?? 200);

/** Opens `count` streams with `query`; resolves once each has its `: connected` comment. */
async function openStreams(server: Served, count: number, query: string) {
  const responses: IncomingMessage[] = [];
  await Promise.all(
    Array.from(
      { length: count },
      (_, i) =>
        new Promise<void>((resolve, reject) => {
          const token = server.tokens[i % server.tokens.length] ?? "";
          const headers = { authorization: `Bearer ${token}` };
          const req = get(`${server.base}/events?${query}`, { headers, agent: false }, (res) => {
            if (res.statusCode !== 200) reject(new Error(`stream refused: ${res.statusCode}`));
            responses.push(res);
            res.once("data", () => resolve());
            res.on("data", () => {});
          });
          req.on("error", reject);
        }),
    ),
  );
  return () => {
    for (const res of responses) res.destroy();
  };
}

async function measure(server: Served, label: string): Promise<Figures[]> {
  return [
    await loopback(server, 1, `${label}, 1 client`),
    await loopback(server, 8, `${label}, 8 clients`),
  ];
}

function print(rows: Figures[]): void {
  const machine = `${cpus().length} cores (${cpus()[0]?.model ?? "?"}), Node ${process.version}`;
  console.log(`machine: ${machine}, ${PER_CLIENT} invokes per client, ${STREAMS} streams`);
  console.log(
    `load average: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")}`,
  );
  console.log("| setup | invokes/s | p50 ms | p99 ms | vs no stream | server CPU ms/invoke |");
  console.log("|---|---:|---:|---:|---:|---:|");
  rows.forEach((r, i) => {
    const base = rows[i % 2]?.perSecond ?? r.perSecond;
    const cells = [
      r.label,
      r.perSecond.toFixed(0),
      r.p50.toFixed(2),
      r.p99.toFixed(2),
      `${(r.perSecond / base).toFixed(2)}x`,
      r.cpuPerInvoke.toFixed(3),
    ];
    console.log(`| ${cells.join(" | ")} |`);
  });
}

/** Sequential invokes: warms the server up, and lets freshly opened streams finish catching up
 *  on the backlog (their reads are queued before these) so that is not measured. */
async function settle(server: Served): Promise<void> {
  for (let i = 0; i < 200; i++) await post(server.url, server.tokens[0] ?? "");
}

const server = await startServer();
try {
  await settle(server);
  const rows = await measure(server, "no stream");
  const closeIdle = await openStreams(server, STREAMS, "artifact=nobody_listens");
  await settle(server);
  rows.push(...(await measure(server, `${STREAMS} idle streams`)));
  closeIdle();
  const closeFollowing = await openStreams(server, STREAMS, "");
  await settle(server);
  rows.push(...(await measure(server, `${STREAMS} streams following every event`)));
  closeFollowing();
  print(rows);
} finally {
  server.stop();
  agent.destroy();
}
