/**
 * The listeners of `Storage.onCommit`. A notification is delivered on a microtask, never inside
 * the commit: a listener may call the kernel again, and the storage must be back at depth 0
 * first. Several commits before the microtask runs are delivered as one call.
 *
 * @example
 * ```ts
 * const commits = new CommitListeners();
 * const off = commits.add(() => console.log("committed"));
 * commits.notify(); // logs once, on a microtask
 * off();
 * ```
 */
export class CommitListeners {
  readonly #listeners = new Set<() => void>();
  #queued = false;

  /** Adds `listener`; returns the function that removes it. */
  add(listener: () => void): () => void {
    // Wrapped so the same function may be subscribed twice and removed once per subscription.
    const entry = () => listener();
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** How many listeners are subscribed. */
  get size(): number {
    return this.#listeners.size;
  }

  /** Schedules one delivery to every listener. */
  notify(): void {
    if (this.#queued || this.#listeners.size === 0) return;
    this.#queued = true;
    queueMicrotask(() => {
      this.#queued = false;
      for (const listener of [...this.#listeners]) {
        try {
          listener();
        } catch (e) {
          // One failing listener must not starve the others nor break the committer.
          process.emitWarning(`an onCommit listener threw: ${(e as Error)?.message ?? e}`);
        }
      }
    });
  }

  /** Removes every listener. */
  clear(): void {
    this.#listeners.clear();
  }
}
