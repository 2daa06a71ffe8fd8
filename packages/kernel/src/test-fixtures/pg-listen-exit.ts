// A process whose only work is a commit listener that cannot connect (argv[2] is an URL nobody
// answers): it waits for the outage warning, so the listener is in its backoff, then, with
// `close` as argv[3], closes it and waits for `listening` to settle. Either way the test
// expects the process to exit on its own: no retry timer or socket of the listener holds it.
import { PgListener } from "../storage/pg-listen.js";

const [url, mode] = process.argv.slice(2);
if (!url) throw new Error("usage: pg-listen-exit <url> [close]");
const listener = new PgListener({ connectionString: url, schema: "nobody" }, () => {});
process.once("warning", (w) => {
  process.stdout.write(`warned ${w.message.includes("LISTEN ecology_commit")}\n`);
  if (mode !== "close") return;
  listener.close();
  void listener.listening.then(() => process.stdout.write("settled\n"));
});
