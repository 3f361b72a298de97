/**
 * A device that reads offline (it did not answer at boot, its line dropped mid-day, a module still
 * powering up) is opened again by itself, not left offline until field staff run its self test
 * (ADR 0020). Its own self test does it: a driver that never opened opens (the GA 467's find card
 * first look, the LCDM's presenter read), one that lost its line connects again. What the driver
 * publishes then goes to every status listener (journeys offered again, the fleet told).
 *
 * - Backoff: the first open `intervalMs` after the device went offline, then twice as long each
 *   time it still reads offline, never longer than `maxIntervalMs`; a device back online starts
 *   over once it stayed online as long as the bound (`RetryBackoff.up`): one that comes back and
 *   drops at once (a cable half in, a module rebooting in a loop) keeps the wait it had reached,
 *   as the serial lines and PC/SC links do (563e856). Each open is bounded by the self test's own
 *   bounds and `openTimeoutMs`.
 * - Never while a resident's session runs (it may be using the device), and never beside a self
 *   test of the same device: the opens take the port's turn in `deviceSelfTests`, the one the
 *   staff's self test takes; a device whose turn is taken (or a session running) is asked again later,
 *   the backoff not counted.
 * - Which devices: those whose driver tries its device once at open (`REOPENED_KINDS`). The card
 *   reader follows pcscd's reader events and its context's own retries (a reader enumerating late
 *   is taken up when it appears), and its self test clears a jam staff must see to: not reopened
 *   here. The serial PIN pad is checked again (its keypad closed, never during a session); the
 *   in-memory one is in the process (so is the camera's emulator; the face-match service over
 *   HTTP is asked its health again). A card printer whose fault names a PC/SC
 *   reader not connected (its chip station) is left to pcscd's reader events likewise.
 */
import { outageLength, RetryBackoff, type DevicePort } from '@kiosk/device-drivers';
import {
  DEFAULT_DEVICE_REOPEN,
  KioskError,
  OneAtATime,
  type DeviceKind,
  type DeviceStatus,
} from '@kiosk/domain';

/**
 * One self test of a device at a time, keyed by its port: field staff's (clearing a fault) and the
 * daemon's own opens of a device gone offline take the port's turn here.
 */
export const deviceSelfTests = new OneAtATime<DevicePort>();

export interface DeviceReopenTimings {
  /** the wait before the first open of a device gone offline, and between skipped ones */
  readonly intervalMs: number;
  /** the bound of the backoff */
  readonly maxIntervalMs: number;
}

export interface DeviceReopenOptions {
  readonly timings?: DeviceReopenTimings;
  /** a resident's session runs: no device is opened again meanwhile */
  readonly sessionRuns: () => boolean;
  /** one self test of a device at a time: the staff's and these opens (`deviceSelfTests`) */
  readonly turns?: OneAtATime<DevicePort>;
  readonly log?: (message: string) => void;
}

/** The device kinds the daemon opens again while they read offline. */
export const REOPENED_KINDS: readonly DeviceKind[] = [
  'idReader',
  'cashDispenser',
  'cardPrinter',
  'receiptPrinter',
  'camera',
  'pinPad',
];

/** An open that hangs (a driver without its own bound) gives the turn back after this long. */
const OPEN_BOUND_MS = 30_000;

/** Offline and not waiting for a PC/SC reader to be plugged in (pcscd's events follow that one). */
export function wantsReopen(status: DeviceStatus): boolean {
  return status.device === 'offline' && status.fault?.missingReader === undefined;
}

interface Watch {
  timer: NodeJS.Timeout | undefined;
  /** the wait before the next open: the first wait, doubling while opens fail (the PC/SC links' too) */
  readonly backoff: RetryBackoff;
  opening: boolean;
  /** when it went offline (the first open scheduled), and the code of a throw said since then */
  downSince: number | undefined;
  saidCode: string | undefined;
}

export class DeviceReopen {
  readonly #ports: readonly DevicePort[];
  readonly #opts: DeviceReopenOptions;
  readonly #timings: DeviceReopenTimings;
  readonly #watches = new Map<DeviceKind, Watch>();
  readonly #offs: (() => void)[] = [];
  #stopped = false;

  constructor(ports: readonly DevicePort[], options: DeviceReopenOptions) {
    this.#ports = ports.filter(
      (port) => REOPENED_KINDS.includes(port.kind) && typeof port.selfTest === 'function',
    );
    this.#opts = options;
    this.#timings = options.timings ?? DEFAULT_DEVICE_REOPEN;
  }

  /** Watches every port: one offline now, or later, is opened again. */
  start(): void {
    if (this.#stopped || this.#offs.length > 0) return;
    for (const port of this.#ports) {
      const { intervalMs, maxIntervalMs } = this.#timings;
      const watch: Watch = {
        timer: undefined,
        backoff: new RetryBackoff(intervalMs, maxIntervalMs),
        opening: false,
        downSince: undefined,
        saidCode: undefined,
      };
      this.#watches.set(port.kind, watch);
      this.#offs.push(port.onStatus((status) => this.#seen(port, watch, status)));
      this.#seen(port, watch, port.status());
    }
  }

  /** The kiosk shuts down: no more opens. */
  stop(): void {
    this.#stopped = true;
    for (const off of this.#offs.splice(0)) off();
    for (const watch of this.#watches.values()) clearTimeout(watch.timer);
  }

  #seen(port: DevicePort, watch: Watch, status: DeviceStatus): void {
    if (watch.opening) return; // the open under way decides what comes next
    if (!wantsReopen(status)) {
      clearTimeout(watch.timer);
      watch.timer = undefined;
      // back by itself (its driver's own reconnect): the backoff starts over once it stays up
      if (watch.downSince !== undefined) watch.backoff.up();
      watch.downSince = undefined;
      watch.saidCode = undefined;
      return;
    }
    watch.downSince ??= Date.now();
    if (watch.timer === undefined) this.#schedule(port, watch, watch.backoff.next());
  }

  #schedule(port: DevicePort, watch: Watch, delayMs: number): void {
    if (this.#stopped) return;
    clearTimeout(watch.timer);
    watch.timer = setTimeout(() => void this.#attempt(port, watch), delayMs);
    watch.timer.unref(); // nothing to keep a process alive for
  }

  async #attempt(port: DevicePort, watch: Watch): Promise<void> {
    watch.timer = undefined;
    if (this.#stopped || !wantsReopen(port.status())) return;
    const { turns = deviceSelfTests, sessionRuns } = this.#opts;
    if (sessionRuns() || turns.busy(port)) {
      // not now: asked again after the first wait, the backoff not counted
      this.#schedule(port, watch, this.#timings.intervalMs);
      return;
    }
    watch.opening = true;
    try {
      await turns.run(port, () => this.#selfTest(port));
    } catch (e) {
      // what the open met is in the port's status; a self test that throws (its driver's fault) is
      // said once per code while the device stays offline, not at every open (once a minute at the
      // bound, for as long as the fault stands)
      const { code } = KioskError.from(e);
      if (code !== watch.saidCode) this.#opts.log?.(`${port.kind} could not be opened again: ${code}`);
      watch.saidCode = code;
    } finally {
      watch.opening = false;
    }
    if (this.#stopped) return;
    if (!wantsReopen(port.status())) {
      watch.backoff.up();
      const down =
        watch.downSince === undefined ? '' : ` after ${outageLength(Date.now() - watch.downSince)} offline`;
      watch.downSince = undefined;
      watch.saidCode = undefined;
      this.#opts.log?.(`${port.kind} is back: ${port.status().device}${down}`);
      return;
    }
    this.#schedule(port, watch, watch.backoff.next());
  }

  async #selfTest(port: DevicePort): Promise<void> {
    // re-checked in the turn: a staff self test just before may have brought it back
    if (this.#stopped || this.#opts.sessionRuns() || !wantsReopen(port.status())) return;
    const signal = AbortSignal.timeout(OPEN_BOUND_MS);
    let bound: NodeJS.Timeout | undefined;
    await Promise.race([
      port.selfTest?.(signal),
      new Promise<void>((resolve) => {
        bound = setTimeout(resolve, OPEN_BOUND_MS);
        bound.unref();
      }),
    ]).finally(() => clearTimeout(bound));
  }
}
