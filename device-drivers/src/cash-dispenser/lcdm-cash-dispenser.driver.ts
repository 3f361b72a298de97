/**
 * Cash dispenser driver for an LCDM-2000 style dispenser with the kiosk presenter, over an
 * injected serial stream (`openLcdmSerialPort` opens a real port or a pseudo terminal).
 *
 * The device knows no note values and no counts: the driver keeps the cassette counts that field
 * staff loaded (`loadCassette`) and subtracts what each response says left a cassette. Cassette
 * presence, near-end and jams come from STATUS. When a dispense answer is lost after the device
 * took the command, the driver asks the presenter what it holds, so the result still carries the
 * exact amount; if even that fails, it throws DEVICE_TIMEOUT with `details.outcomeUnknown = true`,
 * and a retract waits for the dispenser to finish counting (`lcdm-retract.ts`), retracts the
 * notes and takes them from the cassettes' counts.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import { cashReplenishables, emptyCashBin, refillCassette } from './cash-dispenser-supplies.js';
import type { ReplenishableSupply, ReplenishResult } from '../common/supply-replenishment.js';
import { countTestDispense, lcdmTestDispense, testDispenseSlots } from './lcdm-test-dispense.js';
import type { Unsubscribe } from '../common/device-port.js';
import { StatusFeed } from '../common/status-feed.js';
import type {
  Cassette,
  CashDispenserPort,
  CashGoneUnseen,
  DispenseResult,
  NoteCount,
  PresenterContents,
  RestoredCashCounts,
} from './cash-dispenser.port.js';
import {
  assertDispenseNotCancelled,
  assertPresenterEmpty,
  assertRejectBinRoom,
  payableNotes,
} from './cash-dispense-refusals.js';
import { LcdmSerialLine } from './lcdm-serial-line.js';
import { LcdmConnection } from './lcdm-connection.js';
import {
  lcdmDriverTimings,
  type LcdmCashDispenserOptions,
  type LcdmDriverTimings,
} from './lcdm-cash-dispenser.options.js';
import { lcdmDispenseNotes, type LcdmDispenseParts } from './lcdm-dispense.js';
import { LcdmNoteStock, type LcdmCassetteSlot } from './lcdm-note-stock.js';
import { lcdmDispenserStatus } from './lcdm-status.js';
import { LcdmStatusWatch } from './lcdm-status-watch.js';
import { LcdmPresenter } from './lcdm-presenter.js';
import { lcdmRetract, LcdmUncountedDispense, type LcdmRetractParts } from './lcdm-retract.js';
import { planNotes } from './note-mix.js';

export type { LcdmCassetteConfig } from './lcdm-note-stock.js';
export { openLcdmSerialPort } from './lcdm-serial-port.js';
export type { LcdmCashDispenserOptions } from './lcdm-cash-dispenser.options.js';

export class LcdmCashDispenser implements CashDispenserPort {
  readonly kind = 'cashDispenser' as const;
  readonly #line: LcdmSerialLine;
  readonly #opts: LcdmDriverTimings;
  readonly #stock: LcdmNoteStock;
  readonly #feed = new StatusFeed(() => this.#makeStatus());
  readonly #takenListeners = new Set<(e: { amountFen: number }) => void>();
  readonly #goneUnseenListeners = new Set<(e: CashGoneUnseen) => void>();
  #dispensing = false;
  readonly #presenter: LcdmPresenter;
  /** STATUS on demand and from the heartbeat, and the fault it last reported */
  readonly #status: LcdmStatusWatch;
  /** open, close, the lost line and its reopen */
  readonly #connection: LcdmConnection;
  /** what a dispense and a retract work with */
  readonly #parts: LcdmDispenseParts & LcdmRetractParts;
  readonly countsFromJournal: boolean;

  constructor(stream: Duplex, options: LcdmCashDispenserOptions) {
    this.countsFromJournal = options.countsFromJournal === true;
    this.#line = new LcdmSerialLine(stream, options);
    this.#opts = lcdmDriverTimings(options);
    this.#stock = new LcdmNoteStock(options.cassettes, {
      rejectBinCapacity: options.rejectBinCapacity ?? 50,
      retractBinCapacity: options.retractBinCapacity ?? 100,
    });
    this.#presenter = new LcdmPresenter(this.#line, {
      responseTimeoutMs: this.#opts.responseTimeoutMs,
      takenPollMs: this.#opts.takenPollMs,
      denominations: () => this.#stock.denominations(),
      onChange: () => this.#publish(),
      onTaken: (amountFen) => {
        for (const listener of this.#takenListeners) listener({ amountFen });
      },
      onGoneUnseen: (event) => {
        for (const listener of this.#goneUnseenListeners) listener(event);
      },
    });
    this.#status = new LcdmStatusWatch(this.#line, this.#stock, {
      responseTimeoutMs: this.#opts.responseTimeoutMs,
      heartbeatMs: this.#opts.heartbeatMs,
      busy: () => this.#dispensing,
      onChange: () => this.#publish(),
      readBack: () => this.#connection.readBack(),
      outOfReach: () => this.#presenter.outOfSight(),
    });
    this.#parts = {
      line: this.#line,
      stock: this.#stock,
      presenter: this.#presenter,
      status: this.#status,
      // the notes of a dispense whose outcome was unknown, taken from the counts once seen
      uncounted: new LcdmUncountedDispense(this.#stock),
      dispenseTimeoutMs: this.#opts.dispenseTimeoutMs,
      busyPollMs: this.#opts.busyPollMs,
    };
    this.#connection = new LcdmConnection(this.#parts, this.#opts, () => this.#publish());
  }

  /** The dispenser's firmware version, known after `open`. */
  get romVersion(): string {
    return this.#connection.romVersion;
  }

  open(signal?: AbortSignal): Promise<void> {
    return this.#connection.open(signal);
  }

  close(): Promise<void> {
    return this.#connection.close();
  }

  status(): DeviceStatus {
    return this.#feed.current();
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    return this.#feed.subscribe(listener);
  }

  onCashTaken(listener: (event: { readonly amountFen: number }) => void): Unsubscribe {
    this.#takenListeners.add(listener);
    return () => this.#takenListeners.delete(listener);
  }

  onCashGoneUnseen(listener: (event: CashGoneUnseen) => void): Unsubscribe {
    this.#goneUnseenListeners.add(listener);
    return () => this.#goneUnseenListeners.delete(listener);
  }

  cassettes(): readonly Cassette[] {
    return this.#stock.cassettes();
  }

  presenter(): PresenterContents {
    return this.#presenter.contents();
  }

  /** Field staff set the note count of a cassette after loading it. */
  loadCassette(id: LcdmCassetteSlot, count: number): void {
    this.#stock.load(id, count);
    this.#publish();
  }

  /**
   * The counts the kiosk's journal last recorded (cassettes by slot, the bins), at boot before the
   * first dispense: the device itself counts nothing. A cassette the journal does not name keeps
   * the configured count.
   */
  restoreCounts(counts: RestoredCashCounts): void {
    this.#stock.restore(counts);
    this.#publish();
  }

  /**
   * The notes in the presenter never came out of the driver's cassette counts (a dispense a
   * restart cut off): the next retract takes them, as after a dispense whose outcome was unknown.
   */
  presenterNotesUncounted(): void {
    this.#parts.uncounted.expect();
  }

  /** STATUS (and the presenter) now; a dispenser that never opened is opened first. */
  async selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    if (!this.#connection.opened) await this.open(signal).catch(() => undefined);
    else if (!this.#dispensing) {
      const back = await this.#status.refresh().catch(() => false);
      if (!back) await this.#connection.readBack().catch(() => undefined);
    }
    return this.#feed.current();
  }

  replenishableSupplies(): readonly ReplenishableSupply[] {
    return cashReplenishables(this.cassettes());
  }

  /**
   * The LCDM counts no notes in a cassette (it senses near-end only): the driver keeps the count,
   * so a refill is the count staff loaded added to the driver's, then a STATUS read for presence.
   */
  async refillSupply(supply: string, added: number): Promise<ReplenishResult> {
    this.#connection.assertOpen();
    const result = refillCassette(this, supply, added);
    await this.#status.refresh().catch(() => undefined);
    return result;
  }

  emptySupplyBin(supply: string): Promise<ReplenishResult> {
    return Promise.resolve().then(() => emptyCashBin(this, supply));
  }

  /** UPPER / LOWER TEST DISPENSE (0x76 / 0x77): one note from each cassette into the reject tray. */
  async testDispense(signal?: AbortSignal): Promise<{ readonly notes: readonly NoteCount[] }> {
    this.#connection.assertOpen();
    if (this.#dispensing || this.#presenter.contents().state !== 'empty')
      throw new KioskError(
        ErrorCode.DEVICE_BUSY,
        'The dispenser is busy or holds notes; retract them first.',
      );
    const from = testDispenseSlots(this.#stock, signal);
    this.#dispensing = true;
    this.#publish();
    try {
      const { moved, error } = await lcdmTestDispense(this.#line, from, this.#opts.dispenseTimeoutMs);
      const notes = countTestDispense(this.#stock, moved);
      if (error) throw error;
      return { notes };
    } finally {
      this.#dispensing = false;
      this.#publish();
    }
  }

  /** Field staff emptied a bin; returns the count the driver had for it. */
  emptyBin(bin: 'reject' | 'retract'): number {
    const count = this.#stock.emptyBin(bin);
    this.#publish();
    return count;
  }

  async dispense(amountFen: number, signal?: AbortSignal): Promise<DispenseResult> {
    this.#connection.assertOpen();
    if (this.#dispensing)
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'The cash dispenser is busy with a dispense.');
    assertPresenterEmpty(this.#presenter.contents().state);
    this.#dispensing = true;
    this.#publish();
    try {
      await this.#status.refresh();
      if (this.#status.fault)
        throw new KioskError(
          this.#status.fault.code,
          'The cash dispenser reports a fault; call field staff.',
        );
      // a dispenser back from silence with this STATUS: its presenter was read again with it
      assertPresenterEmpty(this.#presenter.contents().state);
      const notes = payableNotes(planNotes(amountFen, this.cassettes()), this.cassettes());
      assertRejectBinRoom(this.#stock.rejectBin, this.#stock.rejectBinCapacity);
      assertDispenseNotCancelled(signal);
      const want = { upper: 0, lower: 0 };
      for (const n of notes) want[n.cassetteId as LcdmCassetteSlot] = n.count;
      const { result, deviceFault } = await lcdmDispenseNotes(this.#parts, amountFen, want);
      if (deviceFault) this.#status.fault = deviceFault;
      return result;
    } finally {
      this.#dispensing = false;
      this.#publish();
    }
  }

  async present(signal?: AbortSignal): Promise<{ readonly amountFen: number }> {
    this.#connection.assertOpen();
    signal?.throwIfAborted();
    return this.#presenter.present();
  }

  async retract(signal?: AbortSignal): Promise<{ readonly retractedFen: number; readonly notes: number }> {
    this.#connection.assertOpen();
    let waited = false;
    // a dispenser still counting: busy while the retract waits, so no dispense comes between
    const onWait = () => {
      waited = !this.#dispensing;
      this.#dispensing = true;
      this.#publish();
    };
    try {
      return await lcdmRetract(this.#parts, { signal, onWait });
    } finally {
      if (waited) this.#dispensing = false;
      this.#publish();
    }
  }

  #makeStatus(): DeviceStatus {
    return lcdmDispenserStatus({
      offline: this.#connection.offline,
      fault: this.#status.fault,
      dispensing: this.#dispensing,
      supplies: this.#stock.supplies(),
    });
  }

  #publish(): void {
    this.#feed.publish();
  }
}
