import { join, dirname } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import {
  CameraEmulator,
  CardPrinterEmulator,
  EscposPrinterDriver,
  EscposPrinterEmulator,
  CashDispenserEmulator,
  AutoCardReader,
  IdReaderEmulator,
  PinPadEmulator,
  tcpPrinterConnector,
  type CameraPort,
  type CardPrinterPort,
  type CardReaderPort,
  type CashDispenserPort,
  type DevicePort,
  type IdReaderPort,
  type PrinterConnector,
  type ReceiptPrinterPort,
  type PinPadPort,
} from '@kiosk/device-drivers';
import { DEVICE_KINDS, ErrorCode, KioskError, type DeviceKind, type DeviceStatus } from '@kiosk/domain';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';

/** The emulators' control surfaces, present only where a device is emulated. */
export interface EmulatorControls {
  /** the motorised reader's control surface (virtual cards on the in-process link or on vpcd) */
  readonly cardReader?: AutoCardReader;
  readonly pinPad?: PinPadEmulator;
  readonly camera?: CameraEmulator;
  readonly cardPrinter?: CardPrinterEmulator;
  /** the byte-level ESC/POS printer the driver talks to over TCP */
  readonly receiptPrinter?: EscposPrinterEmulator;
  readonly idReader?: IdReaderEmulator;
  readonly cashDispenser?: CashDispenserEmulator;
}

function absentStatus(kind: DeviceKind): DeviceStatus {
  return { kind, device: 'noDevice', supplies: [], driver: 'none', updatedAt: new Date().toISOString() };
}

/**
 * Owns every device port of the kiosk, chosen by config: real drivers where configured, the
 * emulators otherwise. Opens them at boot, closes every one at shutdown so the process can exit.
 */
@Injectable()
export class DevicesService implements OnApplicationShutdown {
  private readonly log = new Logger('Devices');
  readonly cardReader: CardReaderPort;
  readonly pinPad: PinPadPort;
  readonly camera: CameraPort;
  readonly idReader: IdReaderPort;
  readonly cashDispenser: CashDispenserPort;
  readonly cardPrinter: CardPrinterPort;
  readonly receiptPrinter: ReceiptPrinterPort;
  readonly emulators: EmulatorControls;
  private readonly ports: DevicePort[];
  private readonly closers: (() => Promise<void>)[] = [];

  constructor(@Inject(KIOSK_CONFIG) private readonly config: KioskConfig) {
    const devices = config.devices;
    // the virtual cards live beside the journal; with an in-memory journal, in memory too
    const cardDirectory =
      config.journal.path === ':memory:' ? undefined : join(dirname(config.journal.path), 'cards');
    const reader = devices.cardReader;
    const cardReader = new AutoCardReader(
      {
        driver: reader.driver,
        ...(cardDirectory ? { cardDirectory } : {}),
        motorMs: config.profile === 'demo' ? 300 : 0,
        ...(reader.driver === 'pcsc' && reader.readerName ? { readerName: reader.readerName } : {}),
        ...(reader.driver === 'pcsc' && reader.vpcdPort ? { vpcdPort: reader.vpcdPort } : {}),
      },
      { log: (message) => this.log.log(message) },
    );
    const pinPad = new PinPadEmulator();
    const camera = new CameraEmulator(
      devices.camera.driver === 'emulator' ? { defaultScore: devices.camera.matchScore } : {},
    );
    const idReader = new IdReaderEmulator();
    const cashDispenser = new CashDispenserEmulator(
      devices.cashDispenser.driver === 'emulator'
        ? {
            cassettes: devices.cashDispenser.cassettes.map((c, i) => ({
              id: i === 0 ? 'upper' : i === 1 ? 'lower' : `cassette${i + 1}`,
              denominationFen: c.denominationFen,
              count: c.count,
              lowThreshold: 20,
              emptyThreshold: 0,
            })),
            retractBinCapacity: devices.cashDispenser.retractBinCapacity,
          }
        : {},
    );
    const cardPrinter = new CardPrinterEmulator(
      devices.cardPrinter.driver === 'emulator'
        ? {
            hopper: devices.cardPrinter.hopper,
            rejectBinCapacity: devices.cardPrinter.rejectBinCapacity,
            ribbon: devices.cardPrinter.ribbonPrints,
          }
        : {},
    );
    const printer = this.receiptPrinterFor(config);
    this.cardReader = cardReader;
    this.cardPrinter = cardPrinter;
    this.receiptPrinter = printer.driver;
    this.pinPad = pinPad;
    this.camera = camera;
    this.idReader = idReader;
    this.cashDispenser = cashDispenser;
    this.emulators = {
      cardReader,
      pinPad,
      camera,
      idReader,
      cashDispenser,
      cardPrinter,
      ...(printer.emulator ? { receiptPrinter: printer.emulator } : {}),
    };
    this.ports = [cardReader, pinPad, camera, idReader, cashDispenser, cardPrinter, printer.driver];
  }

  /**
   * The receipt printer is always driven by the ESC/POS driver; in the emulator profile the
   * driver's bytes go over loopback TCP into the byte-level printer emulator, as they would to a
   * port-9100 printer.
   */
  private receiptPrinterFor(config: KioskConfig): {
    driver: EscposPrinterDriver;
    emulator?: EscposPrinterEmulator;
  } {
    const entry = config.devices.receiptPrinter;
    if (entry.driver === 'escpos-tcp') {
      return { driver: new EscposPrinterDriver({ connect: tcpPrinterConnector(entry.host, entry.port) }) };
    }
    if (entry.driver === 'escpos-serial') {
      throw new KioskError(
        ErrorCode.DEVICE_OFFLINE,
        'Serial receipt printers are not wired in this build; use escpos-tcp.',
      );
    }
    const emulator = new EscposPrinterEmulator({ chineseByDefault: true });
    let listening: Promise<{ host: string; port: number }> | null = null;
    const connect: PrinterConnector = async (signal) => {
      listening ??= emulator.listen(0, '127.0.0.1');
      const { host, port } = await listening;
      return tcpPrinterConnector(host, port)(signal);
    };
    this.closers.push(() => emulator.close());
    return { driver: new EscposPrinterDriver({ connect }), emulator };
  }

  /** Opens every device; a device that fails to open reports its status instead of stopping boot. */
  async openAll(signal?: AbortSignal): Promise<DeviceStatus[]> {
    await Promise.all(
      this.ports.map((p) =>
        p
          .open(signal)
          .catch((e: unknown) =>
            this.log.warn(`${p.kind} did not open: ${String((e as Error)?.message ?? e)}`),
          ),
      ),
    );
    return this.statuses();
  }

  /** One status per device kind; kinds without a port report noDevice. */
  statuses(): DeviceStatus[] {
    return DEVICE_KINDS.map(
      (kind) => this.ports.find((p) => p.kind === kind)?.status() ?? absentStatus(kind),
    );
  }

  onAnyStatus(listener: (statuses: DeviceStatus[]) => void): () => void {
    const offs = this.ports.map((p) => p.onStatus(() => listener(this.statuses())));
    return () => offs.forEach((off) => off());
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled(this.ports.map((p) => p.close()));
    await Promise.allSettled(this.closers.map((close) => close()));
  }
}
