import Database from "better-sqlite3";
import { LoadedProgram } from "../../runtime/src/program.js";
import { createKernel } from "../src/index.js";
import { contract } from "../src/test-fixtures/contracts.js";
import { SERVICE_JS } from "./composition-parts.js";

const acc: Record<string, number> = {};
let depth = 0;
function wrap(obj: any, name: string, label: string) {
  const f = obj[name];
  obj[name] = function (...a: unknown[]) {
    if (depth > 0) return f.apply(this, a);
    depth++;
    const t0 = performance.now();
    try {
      return f.apply(this, a);
    } finally {
      depth--;
      acc[label] = (acc[label] ?? 0) + performance.now() - t0;
    }
  };
}
wrap(LoadedProgram.prototype, "run", "program.run (incl. host calls)");
const prep = Database.prototype.prepare;
Database.prototype.prepare = function (sql: string) {
  const st = prep.call(this, sql);
  wrap(st, "run", "sql " + sql.slice(0, 40));
  wrap(st, "get", "sqlite get");
  return st;
};
const k = await createKernel({ clock: () => 1 });
k.createPrincipal("a", { scrip: 1e15 });
k.createPrincipal("b", { scrip: 1e15 });
k.deploy("b", {
  id: "svc",
  code: contract(SERVICE_JS, { methods: { use: 0 } }),
  policy: { invokePrice: 1 },
});
for (let i = 0; i < 500; i++) k.invoke("a", "svc", "use", []);
for (const key of Object.keys(acc)) acc[key] = 0;
const N = 5000;
const t0 = performance.now();
for (let i = 0; i < N; i++) k.invoke("a", "svc", "use", []);
const total = performance.now() - t0;
console.log(`whole ${((total * 1000) / N).toFixed(1)} µs`);
for (const [key, v] of Object.entries(acc))
  console.log(`${key}: ${((v * 1000) / N).toFixed(1)} µs`);
