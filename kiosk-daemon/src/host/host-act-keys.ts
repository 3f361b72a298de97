/**
 * The keys the background tries hold (`journaled-host-retries.ts`): one loop of tries per key (a
 * withdrawal's serial), the key's other acts waiting in its own list (`Waiting.queued`), not in a
 * `OneAtATime` of the domain: joining or refusing an act needs what waits under the key, which a
 * chain of promises hides. A key is held from its first act's hand-over until its last act ended,
 * its outcome journaled; whoever waits for it to drain (`drained`) is told then, or told false when
 * the tries stop first.
 */
import type { HostRetry } from './host-retry.js';

/** One key's loop of background tries of `retry`: `pauseMs` 0 until its first pause. */
export interface Waiting {
  readonly retry: HostRetry;
  timer?: NodeJS.Timeout;
  pauseMs: number;
  /** the key's other acts handed over meanwhile, tried in turn once this one ended */
  readonly queued: HostRetry[];
}

export class HostActKeys {
  /** the acts the host has not answered yet, by key (a transaction serial for a withdrawal's) */
  private readonly waiting = new Map<string, Waiting>();
  /** per key held: settles when its last act ended (true) or the tries stopped first (false) */
  private readonly drains = new Map<
    string,
    { promise: Promise<boolean>; settle: (ended: boolean) => void }
  >();

  /** The acts tried or waiting, every key's. */
  get owedActs(): number {
    let acts = 0;
    for (const loop of this.waiting.values()) acts += 1 + loop.queued.length;
    return acts;
  }

  /** The loop trying `key`'s act now, if any. */
  loopOf(key: string): Waiting | undefined {
    return this.waiting.get(key);
  }

  /** True while `loop` is the one trying its key (not ended, not replaced). */
  tries(key: string, loop: Waiting): boolean {
    return this.waiting.get(key) === loop;
  }

  /** True once no act of `key` is tried or waits, at once when none is; false when `stop` comes first. */
  drained(key: string): Promise<boolean> {
    if (!this.waiting.has(key)) return Promise.resolve(true);
    let drain = this.drains.get(key);
    if (!drain) {
      let settle: (ended: boolean) => void = () => undefined;
      const promise = new Promise<boolean>((resolve) => (settle = resolve));
      drain = { promise, settle };
      this.drains.set(key, drain);
    }
    return drain.promise;
  }

  /** `retry` now tried under `key`, the acts `queued` behind it. */
  start(key: string, retry: HostRetry, queued: HostRetry[] = []): Waiting {
    const loop: Waiting = { retry, pauseMs: 0, queued };
    this.waiting.set(key, loop);
    return loop;
  }

  /**
   * `loop`'s act ended: the loop of the key's next act (to try now), or none, the key free again
   * (none at once when `stopped`; a loop ended elsewhere, at `stop`, frees nothing).
   */
  end(key: string, loop: Waiting, stopped: boolean): Waiting | undefined {
    clearTimeout(loop.timer);
    if (this.waiting.get(key) !== loop) return undefined;
    const [next, ...rest] = loop.queued;
    if (!next || stopped) {
      this.waiting.delete(key);
      this.drains.get(key)?.settle(!stopped);
      this.drains.delete(key);
      return undefined;
    }
    return this.start(key, next, rest);
  }

  /** The tries stopped: no loop tries again, and whoever waits for a key to drain is told false. */
  stop(): void {
    for (const entry of this.waiting.values()) clearTimeout(entry.timer);
    this.waiting.clear();
    for (const drain of this.drains.values()) drain.settle(false);
    this.drains.clear();
  }
}
