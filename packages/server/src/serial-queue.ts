/**
 * Runs tasks one at a time in the order they were queued, so kernel transactions apply in
 * arrival order even though HTTP requests are handled concurrently.
 */
export interface SerialQueue {
  /** Queues `task`; resolves or rejects with its outcome once every earlier task has settled. */
  run<T>(task: () => T | Promise<T>): Promise<T>;
}

/**
 * Creates an empty {@link SerialQueue}. A failing task does not stop the ones after it.
 *
 * @example
 * ```ts
 * const queue = createSerialQueue();
 * await queue.run(() => kernel.invoke("alice", "svc", "run", []));
 * ```
 */
export function createSerialQueue(): SerialQueue {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    run(task) {
      const next = tail.then(task);
      tail = next.catch(() => undefined);
      return next;
    },
  };
}
