/**
 * Opening a serial line again after it went away (a USB serial adapter pulled and plugged back
 * in, a port missing at boot): `reopen` is tried until it gives a stream. The waits back off as
 * the daemon's reopen and the PC/SC links do (ADR 0020, the same devices.reopen knobs): the first
 * `reconnectMs` after the line went, then twice as long each time the port still does not open, up
 * to `maxReconnectMs`; a line opened again starts it over once it stayed up `maxReconnectMs` (a
 * flapping line, open and gone at once, keeps backing off); `stop` ends the tries. A cable pulled
 * for the night is not opened every second until morning.
 */
import type { Duplex } from 'node:stream';
import { DEFAULT_DEVICE_REOPEN_MAX_MS } from '@kiosk/domain';
import { closeSerialStream } from './close-serial-stream.js';
import { RetryBackoff } from './retry-backoff.js';

export interface LineReopenOptions {
  /** opens the line again (the port's path); without it a lost line stays lost */
  readonly reopen?: () => Promise<Duplex>;
  /** the first wait before reopening a lost line (default 1000 ms) */
  readonly reconnectMs?: number;
  /** the bound of those waits, doubling while the port does not open (default the domain's 60 s) */
  readonly maxReconnectMs?: number;
}

export class LineReconnect {
  readonly #reopen: (() => Promise<Duplex>) | undefined;
  /** the wait before the next try, doubling while they fail */
  readonly #backoff: RetryBackoff;
  #timer: NodeJS.Timeout | undefined;
  /** the last reopen tried, settled once its stream is handed on (or closed, when stopped meanwhile) */
  #trying: Promise<void> | undefined;
  #stopped = false;

  constructor(options: LineReopenOptions) {
    this.#reopen = options.reopen;
    this.#backoff = new RetryBackoff(
      options.reconnectMs ?? 1_000,
      options.maxReconnectMs ?? DEFAULT_DEVICE_REOPEN_MAX_MS,
    );
  }

  /** Tries until a stream opens, handed to `restored`; nothing when there is no `reopen`. */
  start(restored: (stream: Duplex) => void): void {
    const reopen = this.#reopen;
    if (!reopen || this.#stopped) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      this.#trying = reopen().then(
        (stream) => {
          if (this.#stopped) return closeSerialStream(stream);
          // the line is back: its next loss waits the first wait again once it has stayed up as long
          // as the longest wait; a line that drops at once keeps the wait it had reached
          this.#backoff.up();
          restored(stream);
        },
        () => this.start(restored),
      );
    }, this.#backoff.next());
    this.#timer.unref(); // nothing to keep a process alive for
  }

  /**
   * The line is closed on purpose: no more attempts. Resolves once a reopen under way has settled
   * and the port it opened is closed again: a driver closed must not hold (and lock) its device's
   * port after its close, or the driver made next on that port cannot open it.
   */
  stop(): Promise<void> {
    this.#stopped = true;
    clearTimeout(this.#timer);
    return (this.#trying ?? Promise.resolve()).catch(() => undefined);
  }
}
