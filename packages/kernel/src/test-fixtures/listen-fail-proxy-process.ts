// The listen-fail proxy in a process of its own (see spawnListenFailProxy): prints its URL as the
// first line, then one JSON line per listener start-up or failed LISTEN; runs until killed or
// until its parent goes (its stdin closes), so a test that dies leaves no proxy behind.
import { writeSync } from "node:fs";
import { type ListenFailure, listenFailProxy } from "./listen-fail-proxy.js";

const [target, failFirst, failure] = process.argv.slice(2);
if (!target || !failFirst || (failure !== "drop" && failure !== "refuse")) {
  throw new Error("usage: listen-fail-proxy-process <url> <failFirst> drop|refuse");
}
const proxy = await listenFailProxy(target, Number(failFirst), failure as ListenFailure, (e) => {
  writeSync(1, `${JSON.stringify(e)}\n`);
});
writeSync(1, `${proxy.url}\n`);
process.stdin.on("data", () => {});
process.stdin.on("end", () => process.exit(0));
