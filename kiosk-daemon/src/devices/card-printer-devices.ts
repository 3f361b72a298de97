/**
 * The card printer of the kiosk as config chooses it, with its chip station. The printer is
 * always driven by the escape-command driver: over TCP to a real printer (`tcp`), or over
 * loopback TCP to the byte-level emulator (`emulator`). The chip station is a contact reader
 * under the card, chosen by the same rule as the card reader's mechanism: vpcd only on a vpcd rig
 * (`vpcdPort` set, or a reader named "Virtual PCD ..."), where it is the second slot ("Virtual
 * PCD 00 01", the emulator's blanks plugged into vpcd's second port); a real printer's encoder
 * is the PC/SC reader `chipStationReaderName` names (offline while unnamed, said in the log);
 * otherwise the in-process link to the emulator's blanks. The blanks' chips live in the same card
 * store as the customer reader's cards, so a card the resident takes can be inserted there as it is.
 * The daemon's card printer is the two together (`printer`, a `CardPrinterWithChipStation`): a
 * station that cannot encode (unnamed, its named reader absent, pcscd away) shows in the printer's
 * status, so card making is not offered, and its reader plugged back brings the printer back up.
 */
import {
  CardPrinterWithChipStation,
  ChipStation,
  EvolisCardPrinterDriver,
  EvolisPrinterEmulator,
  InProcessChipLink,
  isVpcdReader,
  loadPcsclite,
  PcscChipLink,
  tcpPrinterConnector,
  VPCD_DEFAULT_PORT,
  VpcdCardLink,
  type CardContacts,
  type CardPrinterPort,
  type ChipLink,
  type ChipStationOptions,
  type PcscLiteFactory,
  type PrinterConnector,
  type VirtualCards,
} from '@kiosk/device-drivers';
import { dirname, join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode, KioskError, type CardMakingStage } from '@kiosk/domain';

export interface CardPrinterDevices {
  /**
   * The card printer as the daemon uses it, with its chip station: its status is the station's
   * too (a station that cannot encode reads as the printer offline with the station's coded
   * fault), pushed when either changes, and its self test looks for the station's reader.
   */
  readonly printer: CardPrinterPort;
  /** the printer alone (its escape-command driver); its status does not see the station */
  readonly driver: EvolisCardPrinterDriver;
  readonly emulator?: EvolisPrinterEmulator;
  readonly chipStation: ChipStation;
  /**
   * the face last sent to the printer, as PNG (the demo panel shows it); kept only with the demo
   * panel on: the face carries a resident's photo and ID number, which a terminal keeps no copy of
   */
  lastFacePng: Buffer | null;
  /** the stage of the card being made now, or null */
  stage(): CardMakingStage | null;
  setStage(stage: CardMakingStage | null): void;
  onStage(listener: () => void): () => void;
  close(): Promise<void>;
}

/** The second vpcd slot's reader name, where the chip station sits on a vpcd test rig. */
export const CHIP_STATION_VPCD_READER = 'Virtual PCD 00 01';

export interface CardPrinterDependencies {
  /** the PC/SC binding; default the `pcsclite` package when it loads */
  readonly pcsclite?: PcscLiteFactory;
  /** how long opening and a self test wait for the station's reader to show (default: the profile's) */
  readonly readerWaitMs?: number;
}

export function createCardPrinterDevices(
  config: KioskConfig,
  cards: VirtualCards,
  log: (message: string) => void,
  dependencies: CardPrinterDependencies = {},
): CardPrinterDevices {
  const entry = config.devices.cardPrinter;
  const closers: (() => Promise<void>)[] = [];
  const { link, contacts, station } = chipStationLink(config, log, closers, dependencies);
  let emulator: EvolisPrinterEmulator | undefined;
  let connect: PrinterConnector;
  if (entry.driver === 'tcp') {
    connect = tcpPrinterConnector(entry.host, entry.port);
  } else {
    const mechanical = entry.stepMs ?? (config.profile === 'demo' ? 400 : 0);
    // beside the journal, the printer remembers its blanks across a power cut as a real one does
    const stateFile =
      config.journal.path === ':memory:'
        ? undefined
        : join(dirname(config.journal.path), 'card-printer.json');
    const made = new EvolisPrinterEmulator({
      hopper: entry.hopper,
      ribbon: entry.ribbonPrints,
      // the emulated ribbon's tag says what a full one holds, as the profile does
      ribbonCapacity: entry.ribbonCapacity,
      rejectBinCapacity: entry.rejectBinCapacity,
      reportsCounters: entry.reportsCounters,
      msPerStep: mechanical,
      ...(stateFile ? { stateFile } : {}),
      blankPrefix: `${config.kiosk.id.replace(/[^A-Za-z0-9]/g, '')}-${Date.now().toString(36)}`,
      ...(contacts ? { chipStation: { cards, contacts } } : {}),
    });
    emulator = made;
    let listening: Promise<{ host: string; port: number }> | null = null;
    connect = async (signal, printer) => {
      listening ??= made.listen(0, '127.0.0.1');
      const { host, port } = await listening;
      return tcpPrinterConnector(host, port)(signal, printer);
    };
    closers.push(() => made.close());
  }
  const driver = new EvolisCardPrinterDriver({
    connect,
    driverName: entry.driver === 'tcp' ? 'evolis-tcp' : 'emulator',
    // the emulator models an embosser; a real printer says so in config
    embosser: entry.driver === 'tcp' ? entry.embosser : true,
  });
  let stage: CardMakingStage | null = null;
  const stageListeners = new Set<() => void>();
  let lastFace: Buffer | null = null;
  const keepsFacePreview = config.demo.panel;
  // a link that cannot be started, or a printer self test that throws, is said by its code
  const chipStation = new ChipStation(link, { ...station, log });
  // the PC/SC link started now (its context established, pcscd's readers followed); a start that
  // throws is the station's fault, coded and logged, not swallowed
  void chipStation.check(0);
  const readerWaitMs = dependencies.readerWaitMs ?? entry.chipStationWaitMs;
  return {
    printer: new CardPrinterWithChipStation(driver, chipStation, { readerWaitMs, log }),
    driver,
    ...(emulator ? { emulator } : {}),
    chipStation,
    get lastFacePng() {
      return lastFace;
    },
    set lastFacePng(png: Buffer | null) {
      lastFace = keepsFacePreview ? png : null;
    },
    stage: () => stage,
    setStage: (next) => {
      stage = next;
      for (const listener of stageListeners) listener();
    },
    onStage: (listener) => {
      stageListeners.add(listener);
      return () => stageListeners.delete(listener);
    },
    close: async () => {
      await driver.close();
      await Promise.allSettled(closers.map((close) => close()));
      await link.close();
    },
  };
}

/**
 * The chip station's reader side, and for emulated blanks their contacts. The virtual blanks go
 * on vpcd only on a vpcd rig (`vpcdPort` set, or a reader named "Virtual PCD ..."), as the card
 * reader's emulated mechanism does: a real terminal has no vpcd port to plug them into. A real
 * printer's encoder is the PC/SC reader `chipStationReaderName` names (the second vpcd slot on a
 * rig); unnamed, the station is offline with a coded error, said once in the log, rather than
 * encoding on some other reader. Otherwise the emulator's blanks are reached in-process.
 */
function chipStationLink(
  config: KioskConfig,
  log: (message: string) => void,
  closers: (() => Promise<void>)[],
  dependencies: CardPrinterDependencies,
): { link: ChipLink; contacts?: CardContacts; station?: ChipStationOptions } {
  const reader = config.devices.cardReader;
  const emulatedBlanks = config.devices.cardPrinter.driver === 'emulator';
  if (reader.driver !== 'pcsc') {
    const inProcess = new InProcessChipLink();
    return { link: inProcess, ...(emulatedBlanks ? { contacts: inProcess } : {}) };
  }
  const vpcdRig =
    reader.vpcdPort !== undefined || [reader.readerName, reader.chipStationReaderName].some(isVpcdReader);
  const pcsclite = dependencies.pcsclite ?? loadPcsclite();
  if (emulatedBlanks && !(vpcdRig && pcsclite)) {
    const inProcess = new InProcessChipLink();
    return { link: inProcess, contacts: inProcess };
  }
  const readerName = reader.chipStationReaderName ?? (vpcdRig ? CHIP_STATION_VPCD_READER : undefined);
  if (!pcsclite || readerName === undefined) {
    const missing = pcsclite ? 'devices.cardReader.chipStationReaderName' : 'pcsclite';
    const why = pcsclite
      ? `${missing} is not set (the PC/SC reader of the printer's encoder)`
      : 'the PC/SC binding (pcsclite) is not installed';
    log(`Card printer: the chip station is offline: ${why}.`);
    const offline = offlineChipLink(missing, why);
    return {
      link: offline,
      station: { unusable: { code: ErrorCode.DEVICE_OFFLINE, message: offline.message } },
    };
  }
  const link = new PcscChipLink({ pcsclite, readerName, log, ...pcscRetryOf(config) });
  log(`Card printer: the chip station is the PC/SC reader "${readerName}".`);
  if (!emulatedBlanks) return { link, station: { readerName } };
  const contacts = new VpcdCardLink({ port: (reader.vpcdPort ?? VPCD_DEFAULT_PORT) + 1 });
  closers.push(() => contacts.close());
  return { link, contacts, station: { readerName } };
}

/**
 * When a PC/SC link sets its context up again after pcscd went away or a set-up failed: on the
 * profile's reopen waits (devices.reopen, ADR 0020), the first, then doubling up to the bound.
 */
export function pcscRetryOf(config: KioskConfig): {
  readonly reconnectIntervalMs: number;
  readonly maxReconnectIntervalMs: number;
} {
  const { firstIntervalMs, maxIntervalMs } = config.devices.reopen;
  return { reconnectIntervalMs: firstIntervalMs, maxReconnectIntervalMs: maxIntervalMs };
}

/** A chip station that cannot be reached: every use says why, coded. */
function offlineChipLink(missing: string, why: string): ChipLink & { readonly message: string } {
  const message = `The card printer's chip station is offline: ${why}.`;
  const offline = () => new KioskError(ErrorCode.DEVICE_OFFLINE, message, { device: 'chipStation', missing });
  return {
    message,
    connect: () => Promise.reject(offline()),
    transmit: () => Promise.reject(offline()),
    disconnect: () => Promise.resolve(),
    close: () => Promise.resolve(),
    state: () => 'noDevice',
  };
}
