/**
 * The LCDM driver's line from open to close: OPEN reads STATUS, the ROM version and the presenter
 * (notes still presented are watched again) and starts the heartbeat; a lost line stops the
 * watching and reads offline, and the line back opens again, a bounded number of times
 * (`LcdmRestore`). A dispenser back from out of reach, by a reopen or the heartbeat, has its
 * presenter read before it reads usable (`readBack`). Every other command asks `assertOpen` first.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { LcdmCommand } from './cash-dispenser.protocol.js';
import type { LcdmDriverTimings } from './lcdm-cash-dispenser.options.js';
import type { LcdmPresenter } from './lcdm-presenter.js';
import { LcdmRestore } from './lcdm-restore.js';
import type { LcdmUncountedDispense } from './lcdm-retract.js';
import type { LcdmSerialLine } from './lcdm-serial-line.js';
import type { LcdmStatusWatch } from './lcdm-status-watch.js';

export interface LcdmConnectionParts {
  readonly line: LcdmSerialLine;
  readonly presenter: LcdmPresenter;
  readonly status: LcdmStatusWatch;
  readonly uncounted: LcdmUncountedDispense;
}

export type LcdmConnectionTimings = Pick<
  LcdmDriverTimings,
  'responseTimeoutMs' | 'restoreAttempts' | 'restoreRetryMs'
>;

export class LcdmConnection {
  readonly #parts: LcdmConnectionParts;
  readonly #opts: LcdmConnectionTimings;
  /** called after every change of the open state or the fault */
  readonly #onChange: () => void;
  /** the line is back: open again, a bounded number of times; a dispenser still silent stays offline */
  readonly #restore: LcdmRestore;
  #opened = false;
  /** for good: an open or a read back under way then starts nothing (no heartbeat, no watch) */
  #closed = false;
  #romVersion = '';

  constructor(parts: LcdmConnectionParts, timings: LcdmConnectionTimings, onChange: () => void) {
    this.#parts = parts;
    this.#opts = timings;
    this.#onChange = onChange;
    this.#restore = new LcdmRestore(
      () => this.open(),
      () => parts.status.startHeartbeat(), // the heartbeat, when on, keeps asking
      { attempts: timings.restoreAttempts, retryMs: timings.restoreRetryMs },
    );
    parts.line.onLost(() => this.#goOffline());
    parts.line.onRestored(() => this.#restore.start());
  }

  /** The dispenser's firmware version, known after `open`. */
  get romVersion(): string {
    return this.#romVersion;
  }

  get opened(): boolean {
    return this.#opened;
  }

  /** The line lost, or never opened. */
  get offline(): boolean {
    return this.#parts.line.lost || !this.#opened;
  }

  async open(signal?: AbortSignal): Promise<void> {
    const { line, presenter, status } = this.#parts;
    signal?.throwIfAborted();
    // back from out of reach, the STATUS read the presenter already (`readBack`)
    const back = await status.refresh();
    const rom = await line.transact(LcdmCommand.ROM_VERSION, [], this.#opts.responseTimeoutMs);
    this.#romVersion = rom.data.toString('ascii').trim();
    if (!back) await this.refreshPresenter();
    this.#throwIfClosed();
    presenter.watchIfPresented();
    this.#opened = true;
    this.#onChange();
    status.startHeartbeat();
  }

  async close(): Promise<void> {
    this.#closed = true;
    this.#restore.stop();
    this.#parts.status.stopHeartbeat();
    this.#parts.presenter.stopWatching();
    this.#opened = false;
    await this.#parts.line.close();
    this.#onChange();
  }

  /** PRESENTER_STATUS; notes of a dispense whose outcome was unknown are counted out of the cassettes. */
  async refreshPresenter(): Promise<void> {
    await this.#parts.presenter.refresh();
    this.#parts.uncounted.found(this.#parts.presenter.notes);
  }

  /**
   * The dispenser answers again after it was out of reach (silent, its line down): what the
   * presenter holds now, watched again when open at the slot, before it reads usable again.
   */
  async readBack(): Promise<void> {
    await this.refreshPresenter();
    this.#throwIfClosed();
    this.#parts.presenter.watchIfPresented();
  }

  assertOpen(): void {
    if (!this.#opened || this.#parts.line.lost)
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser is offline.');
  }

  /** Closed while the last answer's ACK was on its way: the answer came, the driver is closed all the same. */
  #throwIfClosed(): void {
    if (this.#closed) throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser was closed.');
  }

  #goOffline(): void {
    this.#restore.stop();
    this.#parts.presenter.stopWatching();
    this.#parts.presenter.outOfSight(); // notes open at the slot: taken or drawn in unseen from now
    this.#parts.status.stopHeartbeat();
    this.#parts.status.fault = {
      code: ErrorCode.DEVICE_OFFLINE,
      message: 'The cash dispenser line is down.',
    };
    this.#onChange();
  }
}
