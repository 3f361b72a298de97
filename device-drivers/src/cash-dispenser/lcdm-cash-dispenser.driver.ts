/**
 * Cash dispenser driver for an LCDM-2000 style dispenser with the kiosk presenter, over an
 * injected serial stream (`openLcdmSerialPort` opens a real port or a pseudo terminal).
 *
 * The device knows no note values and no counts: the driver keeps the cassette counts that
 * field staff loaded (`loadCassette`) and subtracts what each response says left a cassette.
 * Cassette presence, near-end and jams come from STATUS. When a dispense answer is lost after
 * the device took the command, the driver asks the presenter what it holds, so the result
 * still carries the exact amount; if even that fails, it throws DEVICE_TIMEOUT with
 * `details.outcomeUnknown = true` and the journey must hold the transaction for staff.
 */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError, type DeviceStatus } from '@kiosk/domain';
import {
  cashDispenserSupplies,
  cashReplenishables,
  emptyCashBin,
  refillCassette,
} from './cash-dispenser-supplies.js';
import type { ReplenishableSupply, ReplenishResult } from '../common/supply-replenishment.js';
import { lcdmTestDispense } from './lcdm-test-dispense.js';
import type { Unsubscribe } from '../common/device-port.js';
import type {
  Cassette,
  CashDispenserPort,
  DispenseResult,
  NoteCount,
  PresenterContents,
} from './cash-dispenser.port.js';
import {
  BAUD_RATE,
  decodeDispenseResponse,
  LCDM_ERRORS,
  LcdmCommand,
  lcdmErrorCode,
  LcdmError,
  Sensor0,
  Sensor1,
  type DispenseOutcome,
} from './cash-dispenser.protocol.js';
import { LcdmLineError, LcdmSerialLine, type LcdmLineTimings } from './lcdm-serial-line.js';
import { dispenseCommand, dispenseResult, presentedNotes } from './lcdm-dispense-result.js';
import { LcdmPresenter } from './lcdm-presenter.js';
import { planNotes } from './note-mix.js';

type CassetteId = 'upper' | 'lower';
export type LcdmCassetteConfig = Omit<Cassette, 'id' | 'present'>;
type CassetteState = { -readonly [K in keyof Cassette]: Cassette[K] } & { nearEnd: boolean };

export interface LcdmCashDispenserOptions extends LcdmLineTimings {
  readonly cassettes: Readonly<Record<CassetteId, LcdmCassetteConfig>>;
  readonly rejectBinCapacity?: number;
  readonly retractBinCapacity?: number;
  /** answer time for short commands */
  readonly responseTimeoutMs?: number;
  /** answer time for a dispense of 60 notes */
  readonly dispenseTimeoutMs?: number;
  /** presenter polling while notes are presented (the 'taken' event) */
  readonly takenPollMs?: number;
  /** STATUS polling while idle, to notice a pulled cable or a cleared jam; 0 = off */
  readonly heartbeatMs?: number;
}

/** Opens a serial port (or pseudo terminal) at 9600 8N1 (or the speed given) for the driver. */
export async function openLcdmSerialPort(path: string, baudRate: number = BAUD_RATE): Promise<Duplex> {
  const { SerialPort } = await import('serialport');
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1 }, (error) =>
      error
        ? reject(
            new KioskError(
              ErrorCode.DEVICE_OFFLINE,
              'The cash dispenser port cannot be opened.',
              {},
              { cause: error },
            ),
          )
        : resolve(port),
    );
  });
}

export class LcdmCashDispenser implements CashDispenserPort {
  readonly kind = 'cashDispenser' as const;
  readonly #line: LcdmSerialLine;
  readonly #opts: Required<Omit<LcdmCashDispenserOptions, keyof LcdmLineTimings | 'cassettes'>>;
  readonly #cassettes: Record<CassetteId, CassetteState>;
  readonly #statusListeners = new Set<(s: DeviceStatus) => void>();
  readonly #takenListeners = new Set<(e: { amountFen: number }) => void>();
  #rejectBin = 0;
  #retractBin = 0;
  #opened = false;
  #dispensing = false;
  #fault: { code: ErrorCode; message: string } | null = null;
  #romVersion = '';
  readonly #presenter: LcdmPresenter;
  #heartbeat: NodeJS.Timeout | undefined;
  #status: DeviceStatus;

  constructor(stream: Duplex, options: LcdmCashDispenserOptions) {
    this.#line = new LcdmSerialLine(stream, options);
    this.#opts = {
      rejectBinCapacity: options.rejectBinCapacity ?? 50,
      retractBinCapacity: options.retractBinCapacity ?? 100,
      responseTimeoutMs: options.responseTimeoutMs ?? 2_000,
      dispenseTimeoutMs: options.dispenseTimeoutMs ?? 60_000,
      takenPollMs: options.takenPollMs ?? 250,
      heartbeatMs: options.heartbeatMs ?? 0,
    };
    const make = (id: CassetteId) => ({ id, ...options.cassettes[id], present: true, nearEnd: false });
    this.#cassettes = { upper: make('upper'), lower: make('lower') };
    this.#presenter = new LcdmPresenter(this.#line, {
      responseTimeoutMs: this.#opts.responseTimeoutMs,
      takenPollMs: this.#opts.takenPollMs,
      denominations: () => this.#denominations(),
      onChange: () => this.#publish(),
      onTaken: (amountFen) => {
        for (const listener of this.#takenListeners) listener({ amountFen });
      },
    });
    this.#line.onLost(() => this.#goOffline());
    this.#status = this.#makeStatus();
  }

  /** The dispenser's firmware version, known after `open`. */
  get romVersion(): string {
    return this.#romVersion;
  }

  async open(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    await this.#refreshStatus();
    const rom = await this.#line.transact(LcdmCommand.ROM_VERSION, [], this.#opts.responseTimeoutMs);
    this.#romVersion = rom.data.toString('ascii').trim();
    await this.#presenter.refresh();
    this.#opened = true;
    this.#publish();
    if (this.#opts.heartbeatMs > 0) {
      this.#heartbeat = setInterval(() => {
        if (!this.#dispensing) this.#refreshStatus().catch(() => undefined);
      }, this.#opts.heartbeatMs);
    }
  }

  async close(): Promise<void> {
    clearInterval(this.#heartbeat);
    this.#presenter.stopWatching();
    this.#opened = false;
    await this.#line.close();
    this.#publish();
  }

  status(): DeviceStatus {
    return this.#status;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  onCashTaken(listener: (event: { readonly amountFen: number }) => void): Unsubscribe {
    this.#takenListeners.add(listener);
    return () => this.#takenListeners.delete(listener);
  }

  cassettes(): readonly Cassette[] {
    return (['upper', 'lower'] as const).map((id) => {
      const { nearEnd: _nearEnd, ...c } = this.#cassettes[id];
      return c;
    });
  }

  presenter(): PresenterContents {
    return this.#presenter.contents();
  }

  /** Field staff set the note count of a cassette after loading it. */
  loadCassette(id: CassetteId, count: number): void {
    if (!Number.isInteger(count) || count < 0)
      throw new KioskError(ErrorCode.INTERNAL, 'A note count is a whole number.');
    this.#cassettes[id].count = count;
    this.#publish();
  }

  /** STATUS (and the presenter) now; a dispenser that never opened is opened first. */
  async selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    if (!this.#opened) await this.open(signal).catch(() => undefined);
    else if (!this.#dispensing) {
      await this.#refreshStatus().catch(() => undefined);
      await this.#presenter.refresh().catch(() => undefined);
    }
    return this.#status;
  }

  replenishableSupplies(): readonly ReplenishableSupply[] {
    return cashReplenishables(this.cassettes());
  }

  /**
   * The LCDM counts no notes in a cassette (it senses near-end only): the driver keeps the count,
   * so a refill is the count staff loaded added to the driver's, then a STATUS read for presence.
   */
  async refillSupply(supply: string, added: number): Promise<ReplenishResult> {
    this.#assertOpen();
    const result = refillCassette(this, supply, added);
    await this.#refreshStatus().catch(() => undefined);
    return result;
  }

  emptySupplyBin(supply: string): Promise<ReplenishResult> {
    return Promise.resolve().then(() => emptyCashBin(this, supply));
  }

  /** UPPER / LOWER TEST DISPENSE (0x76 / 0x77): one note from each cassette into the reject tray. */
  async testDispense(signal?: AbortSignal): Promise<{ readonly notes: readonly NoteCount[] }> {
    this.#assertOpen();
    if (this.#dispensing || this.#presenter.contents().state !== 'empty')
      throw new KioskError(
        ErrorCode.DEVICE_BUSY,
        'The dispenser is busy or holds notes; retract them first.',
      );
    const from = (['upper', 'lower'] as const).filter(
      (id) => this.#cassettes[id].present && this.#cassettes[id].count > 0,
    );
    if (this.#rejectBin + from.length > this.#opts.rejectBinCapacity)
      throw new KioskError(ErrorCode.DEVICE_BIN_FULL, 'The reject bin cannot take the test notes; empty it.');
    if (signal?.aborted)
      throw new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The test dispense was cancelled.');
    this.#dispensing = true;
    this.#publish();
    try {
      const { moved, error } = await lcdmTestDispense(this.#line, from, this.#opts.dispenseTimeoutMs);
      const notes = moved.map(({ id, picked }) => {
        const c = this.#cassettes[id];
        c.count = Math.max(0, c.count - picked);
        this.#rejectBin += picked;
        return { cassetteId: id, denominationFen: c.denominationFen, count: picked };
      });
      if (error) throw error;
      return { notes };
    } finally {
      this.#dispensing = false;
      this.#publish();
    }
  }

  /** Field staff emptied a bin; returns the count the driver had for it. */
  emptyBin(bin: 'reject' | 'retract'): number {
    const count = bin === 'reject' ? this.#rejectBin : this.#retractBin;
    if (bin === 'reject') this.#rejectBin = 0;
    else this.#retractBin = 0;
    this.#publish();
    return count;
  }

  async dispense(amountFen: number, signal?: AbortSignal): Promise<DispenseResult> {
    this.#assertOpen();
    if (this.#dispensing)
      throw new KioskError(ErrorCode.DEVICE_BUSY, 'The cash dispenser is busy with a dispense.');
    if (this.#presenter.contents().state !== 'empty') {
      throw new KioskError(
        ErrorCode.DEVICE_BUSY,
        'Notes are still in the presenter; present or retract them first.',
      );
    }
    this.#dispensing = true;
    this.#publish();
    try {
      await this.#refreshStatus();
      if (this.#fault)
        throw new KioskError(this.#fault.code, 'The cash dispenser reports a fault; call field staff.');
      const plan = planNotes(amountFen, this.cassettes());
      const missing = this.cassettes().filter((c) => !c.present);
      if (!plan.ok) {
        throw new KioskError(
          missing.length > 0 ? ErrorCode.CASH_CASSETTE_MISSING : ErrorCode.CASH_AMOUNT_NOT_PAYABLE,
          missing.length > 0
            ? 'A cassette is missing and the rest cannot pay this amount; no note was moved.'
            : 'The notes loaded cannot pay this amount; no note was moved.',
          { reason: plan.reason },
        );
      }
      if (this.#rejectBin >= this.#opts.rejectBinCapacity) {
        throw new KioskError(
          ErrorCode.DEVICE_BIN_FULL,
          'The reject bin is full; call field staff to empty it.',
        );
      }
      if (signal?.aborted) {
        throw new KioskError(
          ErrorCode.DEVICE_OPERATION_CANCELLED,
          'The dispense was cancelled before a note moved.',
        );
      }
      const want = { upper: 0, lower: 0 };
      for (const n of plan.notes) want[n.cassetteId as CassetteId] = n.count;
      return await this.#dispenseNotes(amountFen, want);
    } finally {
      this.#dispensing = false;
      this.#publish();
    }
  }

  async present(signal?: AbortSignal): Promise<{ readonly amountFen: number }> {
    this.#assertOpen();
    signal?.throwIfAborted();
    return this.#presenter.present();
  }

  async retract(signal?: AbortSignal): Promise<{ readonly retractedFen: number; readonly notes: number }> {
    this.#assertOpen();
    signal?.throwIfAborted();
    const retracted = await this.#presenter.retract();
    this.#retractBin += retracted.notes;
    this.#publish();
    return retracted;
  }

  // ---- internals -------------------------------------------------------------------------

  async #dispenseNotes(requestedFen: number, want: Record<CassetteId, number>): Promise<DispenseResult> {
    const { cmd, data } = dispenseCommand(want);
    let outcome: DispenseOutcome | null;
    try {
      const frame = await this.#line.transact(cmd, data, this.#opts.dispenseTimeoutMs);
      outcome = decodeDispenseResponse(frame);
      if (!outcome) {
        throw new LcdmLineError(
          ErrorCode.DEVICE_PROTOCOL_ERROR,
          'The dispense answer had bad counts.',
          'response',
        );
      }
    } catch (error) {
      if (error instanceof LcdmLineError && error.phase === 'command') throw error; // nothing moved
      return this.#recoverLostAnswer(requestedFen, KioskError.from(error));
    }
    for (const id of ['upper', 'lower'] as const) {
      const c = this.#cassettes[id];
      c.count = Math.max(0, c.count - outcome[id].picked);
      this.#rejectBin += outcome[id].rejected;
    }
    const exited = { upper: outcome.upper.exited, lower: outcome.lower.exited };
    this.#presenter.stage(exited);
    const code = lcdmErrorCode(outcome.error);
    if (code) this.#fault = { code, message: LCDM_ERRORS[outcome.error]?.text ?? 'device error' };
    const fault = code
      ? { code, message: 'The dispense stopped early; only the amount presented was paid out.' }
      : null;
    return dispenseResult(requestedFen, presentedNotes(exited, this.#denominations()), fault);
  }

  /** The device took the dispense but its answer was lost: ask the presenter what it holds. */
  async #recoverLostAnswer(requestedFen: number, cause: KioskError): Promise<DispenseResult> {
    try {
      await this.#presenter.refresh();
    } catch {
      throw new KioskError(
        ErrorCode.DEVICE_TIMEOUT,
        'The dispense outcome is unknown; hold the transaction for field staff.',
        { outcomeUnknown: true, requestedFen },
        { cause },
      );
    }
    const { upper, lower } = this.#presenter.notes;
    this.#cassettes.upper.count = Math.max(0, this.#cassettes.upper.count - upper);
    this.#cassettes.lower.count = Math.max(0, this.#cassettes.lower.count - lower);
    const presented = presentedNotes({ upper, lower }, this.#denominations());
    const fault = presented.amountFen === requestedFen ? null : { code: cause.code, message: cause.message };
    return dispenseResult(requestedFen, presented, fault);
  }

  async #refreshStatus(): Promise<void> {
    const frame = await this.#line
      .transact(LcdmCommand.STATUS, [], this.#opts.responseTimeoutMs)
      .catch((error: unknown) => {
        // a silent dispenser reads offline until a STATUS is answered again
        if (KioskError.from(error).code === ErrorCode.DEVICE_TIMEOUT) {
          this.#fault = { code: ErrorCode.DEVICE_TIMEOUT, message: 'The cash dispenser does not answer.' };
          this.#publish();
        }
        throw error;
      });
    const [, error = 0, s0 = 0, s1 = 0] = frame.data;
    this.#cassettes.upper.present = (s1 & Sensor1.UPPER_CASSETTE_ABSENT) === 0;
    this.#cassettes.lower.present = (s1 & Sensor1.LOWER_CASSETTE_ABSENT) === 0;
    this.#cassettes.upper.nearEnd = (s0 & Sensor0.UPPER_NEAR_END) !== 0;
    this.#cassettes.lower.nearEnd = (s1 & Sensor1.LOWER_NEAR_END) !== 0;
    const code = error === LcdmError.GOOD || error === LcdmError.NORMAL_STOP ? null : lcdmErrorCode(error);
    this.#fault = code ? { code, message: LCDM_ERRORS[error]?.text ?? 'device error' } : null;
    this.#publish();
  }

  #assertOpen(): void {
    if (!this.#opened || this.#line.lost)
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The cash dispenser is offline.');
  }

  #goOffline(): void {
    this.#presenter.stopWatching();
    clearInterval(this.#heartbeat);
    this.#fault = { code: ErrorCode.DEVICE_OFFLINE, message: 'The cash dispenser line is down.' };
    this.#publish();
  }

  #denominations(): { upper: number; lower: number } {
    return { upper: this.#cassettes.upper.denominationFen, lower: this.#cassettes.lower.denominationFen };
  }

  #makeStatus(): DeviceStatus {
    const supplies = cashDispenserSupplies(
      [this.#cassettes.upper, this.#cassettes.lower],
      { count: this.#rejectBin, capacity: this.#opts.rejectBinCapacity },
      { count: this.#retractBin, capacity: this.#opts.retractBinCapacity },
    );
    const lost = this.#line.lost || this.#fault?.code === ErrorCode.DEVICE_TIMEOUT;
    const device =
      lost || !this.#opened
        ? 'offline'
        : this.#fault
          ? 'hardwareError'
          : this.#dispensing
            ? 'busy'
            : 'online';
    return {
      kind: 'cashDispenser',
      device,
      supplies,
      ...(this.#fault ? { fault: this.#fault } : {}),
      driver: 'lcdm2000',
      updatedAt: new Date().toISOString(),
    };
  }

  #publish(): void {
    this.#status = this.#makeStatus();
    for (const listener of this.#statusListeners) listener(this.#status);
  }
}
