import { join, dirname } from 'node:path';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import {
  CameraEmulator,
  type CameraServiceEmulator,
  EscposPrinterDriver,
  EscposPrinterEmulator,
  CashDispenserEmulator,
  AutoCardReader,
  cardReaderStateFile,
  IdReaderEmulator,
  PinPadEmulator,
  tcpPrinterConnector,
  type CameraPort,
  type EvolisPrinterEmulator,
  virtualCardsOnFirstUse,
  type CardPrinterPort,
  type CardReaderPort,
  type CashDispenserPort,
  type DevicePort,
  type IdReaderPort,
  type EppEmulatorControls,
  type Ga467EmulatorControls,
  type LcdmEmulatorControls,
  type PrinterConnector,
  type ReceiptPrinterPort,
  type PinPadPort,
} from '@kiosk/device-drivers';
import { DEVICE_KINDS, ErrorCode, KioskError, type DeviceKind, type DeviceStatus } from '@kiosk/domain';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { SERIAL_DEVICES, type SerialDevices } from './serial-devices.js';
import { createCardPrinterDevices, pcscRetryOf, type CardPrinterDevices } from './card-printer-devices.js';
import { DeviceReopen } from './device-reopen.js';
import { cardReaderWaitsOf } from './card-reader-waits.js';
import { cameraFor } from './camera-devices.js';
import { pinPadFor } from './driverless-devices.js';
import { cashDispenserOf } from './cash-dispenser-devices.js';
import { logDeviceTransitions } from './device-transitions.js';

/** The emulators' control surfaces, present only where a device is emulated. */
export interface EmulatorControls {
  /** the motorised reader's control surface (virtual cards on the in-process link or on vpcd) */
  readonly cardReader?: AutoCardReader;
  /** in-memory, or the byte-level SZZT style pad on a pseudo terminal beside the real driver */
  readonly pinPad?: PinPadEmulator | EppEmulatorControls;
  /** in-memory, or the face-match service's emulator on loopback beside the real HTTP driver */
  readonly camera?: CameraEmulator | CameraServiceEmulator;
  /** the byte-level card printer the escape-command driver talks to over TCP */
  readonly cardPrinter?: EvolisPrinterEmulator;
  /** the byte-level ESC/POS printer the driver talks to over TCP */
  readonly receiptPrinter?: EscposPrinterEmulator;
  /** in-memory, or the byte-level GA 467 emulator on a pseudo terminal beside the real driver */
  readonly idReader?: IdReaderEmulator | Ga467EmulatorControls;
  /** in-memory, or the byte-level LCDM emulator on a pseudo terminal beside the real driver */
  readonly cashDispenser?: CashDispenserEmulator | LcdmEmulatorControls;
}

/** The serial ID reader with its emulator's controls when emulated, else the in-memory emulator. */
function idReaderOf(serial: SerialDevices): {
  port: IdReaderPort;
  controls?: IdReaderEmulator | Ga467EmulatorControls;
} {
  if (serial.idReader) return serial.idReader;
  const emulator = new IdReaderEmulator();
  return { port: emulator, controls: emulator };
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
  /** the card printer's chip station and the last face sent */
  readonly cardMaking: CardPrinterDevices;
  readonly receiptPrinter: ReceiptPrinterPort;
  readonly emulators: EmulatorControls;
  private readonly ports: DevicePort[];
  private readonly closers: (() => Promise<void>)[] = [];
  private sessionRuns: () => boolean = () => false;
  private readonly reopen: DeviceReopen;
  /** stops the log of each device's changes (`device-transitions.ts`), started once all are opened */
  private stopTransitionLog: () => void = () => undefined;

  constructor(
    @Inject(KIOSK_CONFIG) private readonly config: KioskConfig,
    @Inject(SERIAL_DEVICES) serial: SerialDevices = { closers: [] },
  ) {
    const devices = config.devices;
    // the virtual cards live beside the journal; with an in-memory journal, in memory too
    const cardDirectory =
      config.journal.path === ':memory:' ? undefined : join(dirname(config.journal.path), 'cards');
    const reader = devices.cardReader;
    // one card store for the customer reader and the card printer's blanks, made when a card is
    // first used: only on the emulator's road (the emulated reader, vpcd's cards, the emulated
    // printer's blanks), so a terminal with a real reader and printer never writes the demo cards
    // the emulated cards lock their PIN after the region's number of wrong PINs (a real chip: its own)
    const cards = virtualCardsOnFirstUse({
      ...(cardDirectory ? { cardDirectory } : {}),
      pinTryLimit: config.pin.maxAttempts,
    });
    // beside the journal, the emulated reader keeps its card where it was across a crash. Read only
    // on the emulator's road: now with the emulator configured (one that does not read stops boot
    // naming it), else when the chosen PC/SC reader is vpcd's; a real reader never reads it
    const openReaderState = cardDirectory
      ? () =>
          cardReaderStateFile(join(dirname(config.journal.path), 'card-reader.json'), (id) => cards.has(id))
      : undefined;
    const readerState = reader.driver === 'emulator' ? openReaderState?.() : undefined;
    const cardReader = new AutoCardReader(
      {
        driver: reader.driver,
        cards,
        ...(cardDirectory ? { cardDirectory } : {}),
        ...(readerState ? { stateFile: readerState } : {}),
        ...(openReaderState ? { openStateFile: openReaderState } : {}),
        motorMs: config.profile === 'demo' ? 300 : 0,
        // the reader's own bound of a card move: the session's card steps wait for its answer
        moveTimeoutMs: reader.moveTimeoutMs,
        pinTriesQueryAtrs: config.pin.triesQueryAtrs,
        ...(reader.driver === 'pcsc' && reader.readerName ? { readerName: reader.readerName } : {}),
        ...(reader.driver === 'pcsc' && reader.vpcdPort ? { vpcdPort: reader.vpcdPort } : {}),
        ...(reader.driver === 'pcsc' && reader.mechanism ? { mechanism: reader.mechanism } : {}),
        // how long ready waits for pcscd to list the reader (`card-reader-waits.ts`)
        ...cardReaderWaitsOf(reader),
        // pcscd gone or a set-up failing: its context set up again on the reopen's waits (ADR 0020)
        ...pcscRetryOf(config),
      },
      { log: (message) => this.log.log(message) },
    );
    // the serial pad started with the serial devices, or the emulator; never an emulator in its place
    const { port: pinPad, emulator: pinPadEmulator } = pinPadFor(devices.pinPad, serial);
    const {
      port: camera,
      emulator: cameraEmulator,
      close: closeCamera,
    } = cameraFor(devices.camera, serial.cameraHttp);
    if (closeCamera) this.closers.push(closeCamera);
    const { port: idReader, controls: idReaderControls } = idReaderOf(serial);
    const { port: cashDispenser, controls: cashControls } = cashDispenserOf(
      serial,
      devices,
      cardDirectory ? join(dirname(config.journal.path), 'cash-dispenser.json') : undefined,
    );
    this.closers.push(...serial.closers);
    const cardMaking = createCardPrinterDevices(config, cards, (message) => this.log.log(message));
    this.cardMaking = cardMaking;
    this.closers.push(() => cardMaking.close());
    // the card-making port: the printer with its chip station, one status for every reader of it
    const cardPrinter = cardMaking.printer;
    const printer = this.receiptPrinterFor(config, serial);
    this.cardReader = cardReader;
    this.cardPrinter = cardPrinter;
    this.receiptPrinter = printer.driver;
    this.pinPad = pinPad;
    this.camera = camera;
    this.idReader = idReader;
    this.cashDispenser = cashDispenser;
    this.emulators = {
      cardReader,
      ...(pinPadEmulator ? { pinPad: pinPadEmulator } : {}),
      ...(cameraEmulator ? { camera: cameraEmulator } : {}),
      ...(idReaderControls ? { idReader: idReaderControls } : {}),
      ...(cashControls ? { cashDispenser: cashControls } : {}),
      ...(cardMaking.emulator ? { cardPrinter: cardMaking.emulator } : {}),
      ...(printer.emulator ? { receiptPrinter: printer.emulator } : {}),
    };
    this.ports = [cardReader, pinPad, camera, idReader, cashDispenser, cardPrinter, printer.driver];
    // the profile's waits (devices.reopen; the domain's 5 s doubling to 60 s when it sets none)
    this.reopen = new DeviceReopen(this.ports, {
      timings: { intervalMs: devices.reopen.firstIntervalMs, maxIntervalMs: devices.reopen.maxIntervalMs },
      sessionRuns: () => this.sessionRuns(),
      log: (message) => this.log.log(message),
    });
  }

  /** No device is opened again while a resident's session runs (it may be using it). */
  respectSessions(sessionRuns: () => boolean): void {
    this.sessionRuns = sessionRuns;
  }

  /**
   * The receipt printer is always driven by the ESC/POS driver; in the emulator profile the
   * driver's bytes go over loopback TCP into the byte-level printer emulator, as they would to a
   * port-9100 printer.
   */
  private receiptPrinterFor(
    config: KioskConfig,
    serial: SerialDevices,
  ): {
    driver: EscposPrinterDriver;
    emulator?: EscposPrinterEmulator;
  } {
    const entry = config.devices.receiptPrinter;
    // a receipt's wait for a hot print head, well inside a resident's step
    const { headCoolWaitMs } = entry;
    if (entry.driver === 'escpos-tcp') {
      return {
        driver: new EscposPrinterDriver({
          connect: tcpPrinterConnector(entry.host, entry.port),
          headCoolWaitMs,
        }),
      };
    }
    if (entry.driver === 'escpos-serial') {
      if (!serial.receiptPrinter) {
        throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The serial receipt printer was not started.');
      }
      const { connect, emulator } = serial.receiptPrinter;
      return {
        driver: new EscposPrinterDriver({ connect, headCoolWaitMs }),
        ...(emulator ? { emulator } : {}),
      };
    }
    const emulator = new EscposPrinterEmulator({ chineseByDefault: true });
    let listening: Promise<{ host: string; port: number }> | null = null;
    const connect: PrinterConnector = async (signal, printer) => {
      listening ??= emulator.listen(0, '127.0.0.1');
      const { host, port } = await listening;
      return tcpPrinterConnector(host, port)(signal, printer);
    };
    this.closers.push(() => emulator.close());
    return { driver: new EscposPrinterDriver({ connect, headCoolWaitMs }), emulator };
  }

  /**
   * Opens every device; a device that fails to open reports its status instead of stopping boot,
   * and is opened again by itself, with backoff, until it answers (ADR 0020).
   */
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
    this.reopen.start();
    this.stopTransitionLog();
    this.stopTransitionLog = logDeviceTransitions(this, this.log);
    return this.statuses();
  }

  /**
   * One status per device kind; kinds without a port report noDevice. (The card printer's port
   * carries its chip station: a station that cannot encode holds card making back before any fee.)
   */
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
    this.reopen.stop();
    this.stopTransitionLog();
    await Promise.allSettled(this.ports.map((p) => p.close()));
    await Promise.allSettled(this.closers.map((close) => close()));
  }
}
