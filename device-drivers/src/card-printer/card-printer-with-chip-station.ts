/**
 * The card-making port: the card printer with its chip station. A card cannot be made without
 * its chip, so the station's reach is part of the printer's one status: a printer usable by
 * itself whose station cannot encode (its reader not configured, unplugged or misnamed, pcscd
 * not answering) reads offline with the station's coded fault (DEVICE_OFFLINE); a fault of the
 * printer's own goes first. Every reader of the card printer's status sees it: the kiosk's
 * offer, field staff's fault clearing, recovery, the fleet. Status changes of either are pushed;
 * the station's reader plugged back brings the printer back up. Commands go to the printer; a
 * blank is not fed while the station is known down (no blank spent on a chip that cannot be made).
 */
import {
  DEFAULT_CHIP_STATION_WAIT_MS,
  type DeviceFault,
  type DeviceStatus,
  ErrorCode,
  isUsable,
  KioskError,
} from '@kiosk/domain';
import type { Unsubscribe } from '../common/device-port.js';
import type { ReplenishableSupply, ReplenishResult } from '../common/supply-replenishment.js';
import type {
  CardFace,
  CardPrinterPort,
  CardRejectReason,
  PrinterCardPosition,
} from './card-printer.port.js';
import type { ChipStation } from './chip-station.js';

export interface CardPrinterWithChipStationOptions {
  /** how long opening and a self test wait for the station's reader to show (default 2 s) */
  readonly readerWaitMs?: number;
  /** where a printer self test that throws is said (the error's code only) */
  readonly log?: (message: string) => void;
}

/** The printer's status with its station's fault: a usable printer reads offline with it. */
export function withChipStation(printer: DeviceStatus, station: DeviceFault | undefined): DeviceStatus {
  if (!station || !isUsable(printer)) return printer;
  return { ...printer, device: 'offline', fault: station };
}

export class CardPrinterWithChipStation implements CardPrinterPort {
  readonly kind = 'cardPrinter' as const;
  /** the printer's own self test threw (its driver's fault, not a printer answer): coded, until one passes */
  #selfTestFault: DeviceFault | undefined;
  readonly #selfTestFaultListeners = new Set<() => void>();

  constructor(
    private readonly printer: CardPrinterPort,
    readonly station: ChipStation,
    private readonly options: CardPrinterWithChipStationOptions = {},
  ) {}

  /** Opens the printer and looks for the station's reader; a station out is in the status, not thrown. */
  async open(signal?: AbortSignal): Promise<void> {
    const station = this.station.check(this.readerWaitMs, signal);
    try {
      await this.printer.open(signal);
    } finally {
      await station;
    }
  }

  /** Closes the printer; the station's link belongs to whoever made it. */
  close(): Promise<void> {
    return this.printer.close();
  }

  status(): DeviceStatus {
    const printer = this.printer.status();
    const own =
      this.#selfTestFault && isUsable(printer)
        ? { ...printer, device: 'offline' as const, fault: this.#selfTestFault }
        : printer;
    return withChipStation(own, this.station.fault());
  }

  /** Pushed when the printer's status or the station's reach changes what `status()` says. */
  onStatus(listener: (status: DeviceStatus) => void): Unsubscribe {
    const text = (s: DeviceStatus) => JSON.stringify({ ...s, updatedAt: '' });
    let last = text(this.status());
    const push = () => {
      const now = this.status();
      if (text(now) === last) return;
      last = text(now);
      listener(now);
    };
    this.#selfTestFaultListeners.add(push);
    const offs = [
      this.printer.onStatus(push),
      this.station.onFaultChange(push),
      () => this.#selfTestFaultListeners.delete(push),
    ];
    return () => offs.forEach((off) => off());
  }

  /**
   * The printer's own self test and the station's reader looked for again, together. A printer
   * self test that throws is not a printer answer: the printer reads offline with the error's code
   * (said in the log by its code) until a self test passes; one the caller's signal cut short
   * leaves the status as the printer reports it.
   */
  async selfTest(signal?: AbortSignal): Promise<DeviceStatus> {
    await Promise.all([this.printerSelfTest(signal), this.station.check(this.readerWaitMs, signal)]);
    return this.status();
  }

  private async printerSelfTest(signal?: AbortSignal): Promise<void> {
    try {
      await this.printer.selfTest?.(signal);
      this.setSelfTestFault(undefined);
    } catch (e) {
      if (signal?.aborted) return;
      const { code } = KioskError.from(e);
      this.options.log?.(`Card printer: its self test threw: ${code}`);
      this.setSelfTestFault({
        code,
        message: `The card printer's self test failed (${code}); it is tried again at the next self test.`,
      });
    }
  }

  private setSelfTestFault(fault: DeviceFault | undefined): void {
    if (fault?.code === this.#selfTestFault?.code) return;
    this.#selfTestFault = fault;
    for (const listener of this.#selfTestFaultListeners) listener();
  }

  cardPosition(): PrinterCardPosition {
    return this.printer.cardPosition();
  }

  /**
   * Takes a blank to the chip station, unless the station is known unable to encode it: then
   * refused with the station's coded fault (DEVICE_OFFLINE, the reader named; `device:
   * 'chipStation'`) and no blank leaves the hopper. A station lost after this check (while the
   * blank moves) is not seen here: its encoding fails and the blank is spoiled, as before.
   */
  async feedToChipStation(signal?: AbortSignal): Promise<void> {
    const fault = this.station.fault();
    if (fault) throw new KioskError(ErrorCode.DEVICE_OFFLINE, fault.message, { device: 'chipStation' });
    return this.printer.feedToChipStation(signal);
  }

  printFace(face: CardFace, signal?: AbortSignal): Promise<void> {
    return this.printer.printFace(face, signal);
  }

  ejectToOutput(signal?: AbortSignal): Promise<void> {
    return this.printer.ejectToOutput(signal);
  }

  onCardTaken(listener: () => void): Unsubscribe {
    return this.printer.onCardTaken(listener);
  }

  ejectToRejectBin(reason: CardRejectReason, signal?: AbortSignal): Promise<void> {
    return this.printer.ejectToRejectBin(reason, signal);
  }

  replenishableSupplies(): readonly ReplenishableSupply[] {
    return this.printer.replenishableSupplies();
  }

  refillSupply(supply: string, added: number, signal?: AbortSignal): Promise<ReplenishResult> {
    return this.printer.refillSupply(supply, added, signal);
  }

  emptySupplyBin(supply: string, signal?: AbortSignal): Promise<ReplenishResult> {
    return this.printer.emptySupplyBin(supply, signal);
  }

  private get readerWaitMs(): number {
    return this.options.readerWaitMs ?? DEFAULT_CHIP_STATION_WAIT_MS;
  }
}
