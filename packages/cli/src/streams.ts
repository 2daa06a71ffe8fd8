/**
 * Resolves once everything written to `stream` so far has been handed to the OS. A write's
 * callback runs after the writes queued before it, so an empty write is a flush barrier.
 */
export function drained(stream: NodeJS.WritableStream): Promise<void> {
  return new Promise((resolve) => {
    stream.write("", () => resolve());
  });
}

/**
 * Exits with `code` once stdout and stderr have drained. To a pipe, Node writes asynchronously:
 * exiting at once cut `ecology read big --json | wc -c` at 64 KiB with exit 0. Exiting (rather
 * than letting the loop end) is still needed: idle keep-alive sockets of `--kernel` would hold
 * the process open for seconds.
 */
export async function exitAfterDrain(
  code: number,
  streams: NodeJS.WritableStream[],
): Promise<never> {
  process.exitCode = code;
  await Promise.all(streams.map(drained));
  process.exit(code);
}

/**
 * A reader that goes away (`ecology events | head -1`) makes further writes fail with EPIPE;
 * that is the reader's choice, not a crash, so the process ends quietly with its exit code.
 */
export function quietOnClosedPipe(stream: NodeJS.WritableStream): void {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code !== "EPIPE") throw error;
    process.exit(typeof process.exitCode === "number" ? process.exitCode : 0);
  });
}
