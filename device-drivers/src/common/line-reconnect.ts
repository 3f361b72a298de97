/**
 * Opening a serial line again after it went away (a USB serial adapter pulled and plugged back
 * in, a port missing at boot): `reopen` is tried every `intervalMs` until it gives a stream.
 */
import type { Duplex } from 'node:stream';
import { closeSerialStream } from './close-serial-stream.js';

export interface LineReopenOptions {
  /** opens the line again (the port's path); without it a lost line stays lost */
  readonly reopen?: () => Promise<Duplex>;
  /** wait between attempts to reopen a lost line */
  readonly reconnectMs?: number;
}

export class LineReconnect {
  readonly #reopen: (() => Promise<Duplex>) | undefined;
  readonly #intervalMs: number;
  #timer: NodeJS.Timeout | undefined;
  #stopped = false;

  constructor(options: LineReopenOptions) {
    this.#reopen = options.reopen;
    this.#intervalMs = options.reconnectMs ?? 1_000;
  }

  /** Tries until a stream opens, handed to `restored`; nothing when there is no `reopen`. */
  start(restored: (stream: Duplex) => void): void {
    const reopen = this.#reopen;
    if (!reopen || this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      reopen().then(
        (stream) => {
          if (this.#stopped) void closeSerialStream(stream);
          else restored(stream);
        },
        () => this.start(restored),
      );
    }, this.#intervalMs);
    this.#timer.unref(); // nothing to keep a process alive for
  }

  /** The line is closed on purpose: no more attempts. */
  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }
}
