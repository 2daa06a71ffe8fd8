import type { EventRow } from "./storage.js";
import type { UndoLog } from "./undo-cache.js";

/** An event waiting to be written, with its subject index rows. */
export interface PendingEvent {
  row: EventRow;
  subjects: Map<string, number>;
}

/**
 * Events appended inside a transaction, written in one multi-row statement per table when the
 * transaction commits (or before anything reads the events table). A contract call appends
 * three or more events; one statement per event and per subject list cost more than the rest
 * of the write. Rolled-back savepoints drop their buffered events through the undo log.
 */
export class EventBuffer {
  #pending: PendingEvent[] = [];
  readonly #log: UndoLog;
  readonly #write: (events: PendingEvent[]) => void;

  constructor(log: UndoLog, write: (events: PendingEvent[]) => void) {
    this.#log = log;
    this.#write = write;
  }

  push(event: PendingEvent): void {
    this.#pending.push(event);
    this.#log.push(() => {
      const i = this.#pending.lastIndexOf(event);
      if (i >= 0) this.#pending.splice(i, 1);
    });
  }

  /**
   * Writes every buffered event; a no-op when none are pending. Inside a savepoint this may
   * write events of enclosing scopes; if the savepoint is rolled back, SQLite removes those rows
   * too, so the flush records an undo that puts every flushed event back in the buffer. Undo
   * runs newest first, so the push-undos of the rolled-back scope's own events (older entries)
   * then drop exactly those again, and the enclosing scopes' events are pending once more.
   */
  flush(): void {
    if (this.#pending.length === 0) return;
    const events = this.#pending;
    this.#pending = [];
    this.#write(events);
    this.#log.push(() => {
      this.#pending = events.concat(this.#pending);
    });
  }

  /** Forgets buffered events (after a failed commit, when nothing about the state is known). */
  clear(): void {
    this.#pending = [];
  }
}
