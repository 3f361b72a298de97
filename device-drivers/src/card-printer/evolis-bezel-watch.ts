/**
 * The bezel sensor read while a presented card waits at the output slot, until the resident takes
 * it. One read after the other, the next `everyMs` after the last one settled: a printer that falls
 * silent does not pile reads up behind each other on its line (each waits for its deadline).
 *
 * A read that fails is not swallowed: `failed` is told (the driver holds the printer offline with
 * the error's code, as its idle status poll does). The watch goes on, and the first read that
 * answers after failed ones tells `answersAgain` once (the driver reads the status again), not a
 * status per read: a printer silent for a while is one fault and one comeback, not a flapping one.
 *
 * The watch takes its turn under the driver's hold: while an act holds the printer (a card job, a
 * staff refill or bin emptying while the card waits at the slot) no read of the watch's starts,
 * it reads at its next turn; and an act waits out a read already under way (its status read and
 * the card taken included, `reading`) before its first frame, so no read comes between its frames.
 */
import { voltsHigh } from './card-printer.protocol.js';

export interface BezelWatchHooks {
  /** an act holds the printer: no read of the watch's starts now */
  readonly held: () => boolean;
  /** reads the bezel sensor: the reply's volts (`Rse;b`) */
  readonly readBezel: () => Promise<string>;
  /** a read failed: the printer reads offline with the error's code */
  readonly failed: (error: unknown) => void;
  /** the first read that answered after failed ones */
  readonly answersAgain: () => Promise<void>;
  /** the card left the bezel */
  readonly taken: () => Promise<void>;
}

export class BezelWatch {
  #timer: NodeJS.Timeout | null = null;
  /** the watch running now: a read that settles after its watch was stopped is dropped */
  #watch: object | null = null;
  /** the read under way, whether its watch goes on or not */
  #reading: Promise<void> | null = null;

  constructor(
    private readonly everyMs: number,
    private readonly hooks: BezelWatchHooks,
  ) {}

  /** The read under way (with its status read and the card taken told), for an act to wait out. */
  get reading(): Promise<void> | null {
    return this.#reading;
  }

  /** Watches the bezel from now on (a watch before is stopped). */
  start(): void {
    this.stop();
    const watch = {};
    this.#watch = watch;
    let failing = false;
    const read = async (): Promise<void> => {
      let line: string;
      try {
        line = await this.hooks.readBezel();
      } catch (e) {
        if (this.#watch !== watch) return;
        failing = true;
        this.hooks.failed(e);
        return schedule();
      }
      if (this.#watch !== watch) return;
      if (failing) {
        failing = false;
        await this.hooks.answersAgain();
        if (this.#watch !== watch) return;
      }
      if (voltsHigh(line)) return schedule();
      this.stop();
      await this.hooks.taken();
    };
    const turn = () => {
      // an act holds the printer: not between its frames, read at the next turn
      if (this.hooks.held()) return schedule();
      // a listener of the card taken that throws is its own fault, not the bezel's
      const reading = read().catch(() => undefined);
      this.#reading = reading;
      void reading.finally(() => {
        if (this.#reading === reading) this.#reading = null;
      });
    };
    const schedule = () => {
      this.#timer = setTimeout(turn, this.everyMs);
      this.#timer.unref();
    };
    schedule();
  }

  stop(): void {
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#watch = null;
  }
}
