/**
 * What the log says of a PC/SC link's outages (ADR 0020), as the daemon's reopen says a device's:
 * each failure once per code as the outage meets it (the context lost, pcscd not answering, a
 * set-up failed partway), and the return once, with how long the link was down (`outageLength`).
 * An outage lasts until a context holds as long as the backoff's bound (the rule of 563e856): one
 * lost again sooner (pcscd restarting in a loop, a context set up and lost at once) is the same
 * outage, whose codes are not said again, and whose return is said again only after a code not
 * said before. A link that never went down says nothing.
 */
import { outageLength } from '../common/outage-log.js';

export class PcscOutageLog {
  readonly #log: ((message: string) => void) | undefined;
  readonly #provenMs: number;
  readonly #now: () => number;
  /** when the outage began; undefined while none runs */
  #since: number | undefined;
  /** when its last context was set up, until the next failure */
  #upAt: number | undefined;
  /** the failures said in this outage (what failed and its code) */
  readonly #said = new Set<string>();
  #backSaid = false;

  constructor(log: ((message: string) => void) | undefined, provenMs: number, now: () => number = Date.now) {
    this.#log = log;
    this.#provenMs = provenMs;
    this.#now = now;
  }

  /** A failure met (`key`: what failed and its code): `line` said when it is new in this outage. */
  failed(key: string, line: string): void {
    const now = this.#now();
    // the last context held as long as the bound: that outage was over, this is a new one
    if (this.#upAt !== undefined && now - this.#upAt >= this.#provenMs) this.#since = undefined;
    this.#upAt = undefined;
    if (this.#since === undefined) {
      this.#since = now;
      this.#said.clear();
    }
    if (this.#said.has(key)) return;
    this.#said.add(key);
    this.#backSaid = false;
    this.#log?.(line);
  }

  /** A context set up: the return said once since the last failure said, with how long it was down. */
  back(): void {
    if (this.#since === undefined) return;
    const now = this.#now();
    this.#upAt = now;
    if (this.#backSaid) return;
    this.#backSaid = true;
    this.#log?.(`PC/SC context re-established after ${outageLength(now - this.#since)} down`);
  }
}
