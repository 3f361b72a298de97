/**
 * In-memory card printer emulator. Control surface: `loadHopper`, `loadRibbon`, `emptyRejectBin`,
 * `takeCard` (the resident takes the card from the slot), `setFault` ('offline', 'jam' on the next
 * card movement, 'hopperEmpty', 'ribbonOut'), `clearJam`, and `counts()` for reconciliation.
 */
import { binLevel, ErrorCode, KioskError, stockLevel, type DeviceStatus } from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type {
  CardFace,
  PrinterCardPosition,
  CardPrinterPort,
  CardRejectReason,
} from './card-printer.port.js';

export const CARD_PRINTER_EMULATOR_FAULTS = ['offline', 'jam', 'hopperEmpty', 'ribbonOut'] as const;
export type CardPrinterEmulatorFault = (typeof CARD_PRINTER_EMULATOR_FAULTS)[number];

export interface CardPrinterEmulatorOptions {
  readonly hopper?: number;
  readonly hopperLowThreshold?: number;
  /** faces the ribbon can still print */
  readonly ribbon?: number;
  readonly ribbonLowThreshold?: number;
  readonly rejectBinCapacity?: number;
  /** how long one card movement or print takes; 0 yields to the event loop only */
  readonly msPerStep?: number;
}

export interface CardPrinterCounts {
  /** blanks loaded since start, including the initial hopper */
  readonly loaded: number;
  readonly inHopper: number;
  readonly inPrinter: number;
  readonly issued: number;
  readonly rejected: Readonly<Partial<Record<CardRejectReason, number>>>;
}

export class CardPrinterEmulator implements CardPrinterPort {
  readonly kind = 'cardPrinter' as const;
  readonly #opts: Required<CardPrinterEmulatorOptions>;
  readonly #statusListeners = new Set<(s: DeviceStatus) => void>();
  readonly #takenListeners = new Set<() => void>();
  #opened = false;
  #offline = false;
  #jamNext = false;
  #busy = false;
  #hopper: number;
  #loaded: number;
  #ribbon: number;
  #rejectBin = 0;
  #issued = 0;
  readonly #rejected: Partial<Record<CardRejectReason, number>> = {};
  #position: PrinterCardPosition = 'none';
  #status: DeviceStatus;

  constructor(options: CardPrinterEmulatorOptions = {}) {
    this.#opts = {
      hopper: 100,
      hopperLowThreshold: 10,
      ribbon: 250,
      ribbonLowThreshold: 20,
      rejectBinCapacity: 20,
      msPerStep: 0,
      ...options,
    };
    this.#hopper = this.#opts.hopper;
    this.#loaded = this.#opts.hopper;
    this.#ribbon = this.#opts.ribbon;
    this.#status = this.#makeStatus();
  }

  async open(signal?: AbortSignal): Promise<void> {
    signal?.throwIfAborted();
    this.#opened = true;
    this.#publish();
  }

  async close(): Promise<void> {
    this.#opened = false;
    this.#publish();
  }

  status(): DeviceStatus {
    return this.#status;
  }

  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    this.#statusListeners.add(listener);
    return () => this.#statusListeners.delete(listener);
  }

  onCardTaken(listener: () => void): Unsubscribe {
    this.#takenListeners.add(listener);
    return () => this.#takenListeners.delete(listener);
  }

  cardPosition(): PrinterCardPosition {
    return this.#position;
  }

  feedToChipStation(signal?: AbortSignal): Promise<void> {
    return this.#command(signal, () => {
      if (this.#position !== 'none') {
        throw new KioskError(ErrorCode.DEVICE_BUSY, 'A card is already inside the printer.');
      }
      if (this.#hopper <= 0) {
        throw new KioskError(ErrorCode.DEVICE_SUPPLY_EMPTY, 'The card hopper is empty; call field staff.', {
          supply: 'cardHopper',
        });
      }
      this.#hopper -= 1;
      this.#move('chipStation');
    });
  }

  printFace(face: CardFace, signal?: AbortSignal): Promise<void> {
    return this.#command(signal, () => {
      const { rgb, widthPx, heightPx } = face;
      if (
        !Number.isInteger(widthPx) ||
        !Number.isInteger(heightPx) ||
        widthPx <= 0 ||
        heightPx <= 0 ||
        rgb.length !== widthPx * heightPx * 3
      ) {
        throw new KioskError(ErrorCode.DEVICE_PROTOCOL_ERROR, 'The card face image has the wrong size.');
      }
      this.#requireCardAt(['chipStation', 'printStation']);
      if (this.#ribbon <= 0) {
        throw new KioskError(ErrorCode.DEVICE_SUPPLY_EMPTY, 'The ribbon is used up; call field staff.', {
          supply: 'ribbon',
        });
      }
      this.#move('printStation');
      this.#ribbon -= 1;
    });
  }

  ejectToOutput(signal?: AbortSignal): Promise<void> {
    return this.#command(signal, () => {
      this.#requireCardAt(['chipStation', 'printStation']);
      this.#move('outputSlot');
    });
  }

  ejectToRejectBin(reason: CardRejectReason, signal?: AbortSignal): Promise<void> {
    return this.#command(signal, () => {
      this.#requireCardAt(['chipStation', 'printStation', 'outputSlot']);
      if (this.#rejectBin >= this.#opts.rejectBinCapacity) {
        throw new KioskError(ErrorCode.DEVICE_BIN_FULL, 'The reject bin is full; call field staff.');
      }
      this.#move('none');
      this.#reject(reason);
    });
  }

  // ---- control surface -------------------------------------------------------------------

  /** The resident takes the card from the output slot; false when no card is there. */
  takeCard(): boolean {
    if (this.#position !== 'outputSlot') return false;
    this.#position = 'none';
    this.#issued += 1;
    this.#publish();
    for (const listener of this.#takenListeners) listener();
    return true;
  }

  /** Field staff add blanks to the hopper. */
  loadHopper(blanks: number): void {
    this.#assertCount(blanks);
    this.#hopper += blanks;
    this.#loaded += blanks;
    this.#publish();
  }

  /** Field staff fit a ribbon good for this many faces. */
  loadRibbon(faces: number): void {
    this.#assertCount(faces);
    this.#ribbon = faces;
    this.#publish();
  }

  /** Field staff empty the reject bin; returns how many cards they took out. */
  emptyRejectBin(): number {
    const count = this.#rejectBin;
    this.#rejectBin = 0;
    this.#publish();
    return count;
  }

  /**
   * 'jam' jams the next card movement (the card stays stuck until `clearJam`); 'hopperEmpty' and
   * 'ribbonOut' take the blanks out (counted as unloaded) or use the ribbon up.
   */
  setFault(fault: CardPrinterEmulatorFault | null): void {
    if (fault !== null && !CARD_PRINTER_EMULATOR_FAULTS.includes(fault)) {
      throw new KioskError(ErrorCode.INTERNAL, 'This device has no such emulated fault.', {
        fault: String(fault),
      });
    }
    if (fault === null) {
      this.#offline = false;
      this.#jamNext = false;
    } else if (fault === 'offline') this.#offline = true;
    else if (fault === 'jam') this.#jamNext = true;
    else if (fault === 'hopperEmpty') {
      this.#loaded -= this.#hopper;
      this.#hopper = 0;
    } else this.#ribbon = 0;
    this.#publish();
  }

  /** Field staff clear the jam; the stuck card goes to the reject bin with reason 'jam'. */
  clearJam(): void {
    if (this.#position === 'jammed') {
      this.#position = 'none';
      this.#reject('jam');
    }
    this.#publish();
  }

  counts(): CardPrinterCounts {
    return {
      loaded: this.#loaded,
      inHopper: this.#hopper,
      inPrinter: this.#position === 'none' ? 0 : 1,
      issued: this.#issued,
      rejected: { ...this.#rejected },
    };
  }

  // ---- internals -------------------------------------------------------------------------

  async #command(signal: AbortSignal | undefined, act: () => void): Promise<void> {
    if (!this.#opened || this.#offline)
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The card printer is offline.');
    if (this.#busy) throw new KioskError(ErrorCode.DEVICE_BUSY, 'The card printer is busy.');
    if (this.#position === 'jammed') {
      throw new KioskError(ErrorCode.CARD_PRINTER_JAM, 'A card is jammed in the printer; call field staff.');
    }
    if (signal?.aborted) {
      throw new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'The card printer command was cancelled.');
    }
    this.#busy = true;
    this.#publish();
    try {
      const ms = this.#opts.msPerStep;
      await new Promise<void>((resolve) => (ms > 0 ? setTimeout(resolve, ms) : setImmediate(resolve)));
      act();
    } finally {
      this.#busy = false;
      this.#publish();
    }
  }

  #move(to: PrinterCardPosition): void {
    if (this.#jamNext) {
      this.#jamNext = false;
      this.#position = 'jammed';
      throw new KioskError(ErrorCode.CARD_PRINTER_JAM, 'A card jammed in the printer; call field staff.');
    }
    this.#position = to;
  }

  #requireCardAt(positions: readonly PrinterCardPosition[]): void {
    if (!positions.includes(this.#position)) {
      throw new KioskError(ErrorCode.CARD_PRINTER_NO_CARD, 'There is no card where this step needs one.', {
        position: this.#position,
      });
    }
  }

  #reject(reason: CardRejectReason): void {
    this.#rejectBin += 1;
    this.#rejected[reason] = (this.#rejected[reason] ?? 0) + 1;
  }

  #assertCount(n: number): void {
    if (!Number.isInteger(n) || n < 0)
      throw new KioskError(ErrorCode.INTERNAL, 'A supply count is a whole number.');
  }

  #makeStatus(): DeviceStatus {
    const o = this.#opts;
    const jammed = this.#position === 'jammed';
    const fault = this.#offline
      ? { code: ErrorCode.DEVICE_OFFLINE, message: 'The card printer is offline.' }
      : jammed
        ? { code: ErrorCode.CARD_PRINTER_JAM, message: 'A card is jammed in the printer.' }
        : undefined;
    return {
      kind: 'cardPrinter',
      device:
        !this.#opened || this.#offline
          ? 'offline'
          : jammed
            ? 'hardwareError'
            : this.#busy
              ? 'busy'
              : 'online',
      supplies: [
        {
          name: 'cardHopper',
          level: stockLevel(this.#hopper, o.hopperLowThreshold),
          count: this.#hopper,
          threshold: o.hopperLowThreshold,
        },
        {
          name: 'ribbon',
          level: stockLevel(this.#ribbon, o.ribbonLowThreshold),
          count: this.#ribbon,
          threshold: o.ribbonLowThreshold,
        },
        {
          name: 'rejectBin',
          level: binLevel(this.#rejectBin, o.rejectBinCapacity),
          count: this.#rejectBin,
          capacity: o.rejectBinCapacity,
        },
      ],
      ...(fault ? { fault } : {}),
      driver: 'emulator',
      updatedAt: new Date().toISOString(),
    };
  }

  #publish(): void {
    this.#status = this.#makeStatus();
    for (const listener of this.#statusListeners) listener(this.#status);
  }
}
