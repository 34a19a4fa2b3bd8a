/**
 * Serialised changes: message handlers and the main loop take turns, so that no change interleaves with
 * another across an await (Temporal's safe-message-handlers pattern, with a promise chain as the lock).
 */
export class Turns {
  private turn: Promise<unknown> = Promise.resolve();
  /** Bumped by every message and every delivery outcome: the main loop re-plans (and re-arms its timer). */
  generation = 0;

  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.turn.then(fn);
    this.turn = result.catch(() => undefined);
    return result;
  }

  /** A message's turn: afterwards the main loop re-plans, since timers may have moved. */
  message<T>(fn: () => Promise<T>): Promise<T> {
    return this.exclusive(fn).finally(() => this.wake());
  }

  /** Tells the main loop that something happened that needs a turn. */
  wake(): void {
    this.generation++;
  }
}
