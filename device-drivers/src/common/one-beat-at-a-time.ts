/**
 * A device's periodic check (a heartbeat, a poll) run one at a time: a tick that finds the check
 * before it still running skips, it is not queued behind it. A check can outlast its interval (a
 * slow or silent device, a late answer awaited first), and checks queued behind it would pile up
 * on the line, a resident's command waiting behind them all, each answering for an older look.
 * The owner keeps one across restarts of its timer, so a restarted timer still waits out the
 * check under way.
 */
export class OneBeatAtATime {
  #running = false;

  /** Starts `beat` unless one still runs; its failure is the beat's own to report (here dropped). */
  run(beat: () => Promise<unknown>): void {
    if (this.#running) return;
    this.#running = true;
    beat()
      .catch(() => undefined)
      .finally(() => (this.#running = false));
  }
}
