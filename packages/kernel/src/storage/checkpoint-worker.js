// The SQLite file's checkpointer (ADR 0045), run in a worker thread: it opens its own
// connection to the kernel's WAL file and runs a PASSIVE checkpoint each time the kernel
// thread asks. A PASSIVE checkpoint takes no write lock, so the kernel keeps committing while
// the pages are copied back and the file is synced: the copy and the fsync no longer stall the
// requests in flight. Each result goes back on the port. "close" closes the connection and then
// sets the shared flag the kernel thread waits on: the kernel closes its own connection last, so
// that it, not this thread, makes the final checkpoint and removes the WAL, before close returns.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { file, synchronous, closed } = workerData;
const closedFlag = new Int32Array(closed);

const port = parentPort;

/** Tells the kernel thread, blocked in its close, that this connection is gone. */
function signalClosed() {
  Atomics.store(closedFlag, 0, 1);
  Atomics.notify(closedFlag, 0);
}

let db;
try {
  db = new Database(file, { fileMustExist: true });
  // Per connection: a checkpoint syncs as the kernel's own connection would.
  db.pragma(`synchronous = ${synchronous}`);
  port.postMessage({ ready: true });
} catch (e) {
  port.postMessage({ ready: false, error: { message: e.message } });
  signalClosed();
  port.close();
}

port.on("message", (message) => {
  if (db === undefined || !db.open) return;
  if (message === "close") {
    db.close();
    signalClosed();
    port.close();
    return;
  }
  try {
    const [row] = db.pragma("wal_checkpoint(PASSIVE)");
    port.postMessage({ done: row });
  } catch (e) {
    port.postMessage({ failed: { message: e.message } });
  }
});
