/**
 * The devices on serial lines, built before the DevicesService because opening a port (or making
 * a pseudo-terminal pair) is asynchronous. Each is either the real driver on the configured port
 * or, with `emulatedOnPseudoTerminal` (demo and test profiles), the same driver on one end of a
 * pseudo-terminal pair with the device's byte-level emulator on the other, so every withdrawal
 * and identification runs through the real frames. A port that cannot be opened gives a driver
 * on a dead line: it reports itself offline instead of stopping boot.
 */
import { dirname, join } from 'node:path';
import { PassThrough, type Duplex } from 'node:stream';
import type { KioskConfig } from '@kiosk/config';
import {
  createPtyPair,
  EscposPrinterEmulator,
  loadCameraHttpRoad,
  loadEppSerialRoad,
  loadGa467SerialRoad,
  loadLcdmSerialRoad,
  persistentLcdmEmulatorOptions,
  serialPrinterConnector,
  type Ga467EmulatorControls,
  type Ga467IdReader,
  type Ga467IdReaderOptions,
  type LcdmCashDispenser,
  type LcdmCashDispenserOptions,
  type LcdmEmulatorControls,
  type PrinterConnector,
  type PtyPair,
} from '@kiosk/device-drivers';
import type { CameraHttpRoad } from './camera-devices.js';
import { eppPinPad, type EppRoad, type SerialPinPad } from './serial-pin-pad.js';

type Devices = KioskConfig['devices'];
type LcdmEntry = Extract<Devices['cashDispenser'], { driver: 'lcdm-serial' }>;
type Ga467Entry = Extract<Devices['idReader'], { driver: 'ga467-serial' }>;
type EscposSerialEntry = Extract<Devices['receiptPrinter'], { driver: 'escpos-serial' }>;

export interface SerialDevices {
  readonly cashDispenser?: { readonly port: LcdmCashDispenser; readonly controls?: LcdmEmulatorControls };
  readonly idReader?: { readonly port: Ga467IdReader; readonly controls?: Ga467EmulatorControls };
  readonly receiptPrinter?: { readonly connect: PrinterConnector; readonly emulator?: EscposPrinterEmulator };
  readonly pinPad?: SerialPinPad;
  /** the camera over HTTP's code, loaded here with the other roads when config picks it (camera-devices.ts) */
  readonly cameraHttp?: CameraHttpRoad;
  /** releases emulators, their lines and the pseudo-terminal pairs (after the ports closed) */
  readonly closers: readonly (() => Promise<void>)[];
}

export const SERIAL_DEVICES = Symbol('SERIAL_DEVICES');

type Log = (message: string) => void;
type CreatePair = () => Promise<PtyPair>;
type LcdmRoad = Awaited<ReturnType<typeof loadLcdmSerialRoad>>;
type Ga467Road = Awaited<ReturnType<typeof loadGa467SerialRoad>>;

/**
 * Where the serial devices' code comes from: their roads are loaded only when config picks them
 * (the boot of a profile without them does not compile them); tests give one that fails.
 */
export interface SerialDeviceRoads {
  readonly lcdm: () => Promise<LcdmRoad>;
  readonly ga467: () => Promise<Ga467Road>;
  readonly epp?: () => Promise<EppRoad>;
  readonly camera?: () => Promise<CameraHttpRoad>;
}

const LOADED_ROADS: SerialDeviceRoads = {
  lcdm: loadLcdmSerialRoad,
  ga467: loadGa467SerialRoad,
  epp: loadEppSerialRoad,
  camera: loadCameraHttpRoad,
};

/** A line that is already down: the driver on it reports offline and refuses every command. */
function deadLine(): Duplex {
  const line = new PassThrough();
  line.destroy();
  return line;
}

async function openOrDead(open: () => Promise<Duplex>, what: string, log: Log): Promise<Duplex> {
  try {
    return await open();
  } catch (e) {
    log(`${what} cannot be opened, reported offline: ${(e as Error).message}`);
    return deadLine();
  }
}

/** The LCDM driver's options from the dispenser's config entry, its timeouts included. */
export function lcdmDriverOptions(entry: LcdmEntry): LcdmCashDispenserOptions {
  return {
    cassettes: entry.cassettes,
    rejectBinCapacity: entry.rejectBinCapacity,
    retractBinCapacity: entry.retractBinCapacity,
    // the device's own bound of a dispense (and of a retract's wait for its count): the withdrawal
    // waits for the dispenser's answer, so these, not a step timer, end a dispense
    dispenseTimeoutMs: entry.dispenseTimeoutMs,
    responseTimeoutMs: entry.responseTimeoutMs,
    ...(entry.ackTimeoutMs === undefined ? {} : { ackTimeoutMs: entry.ackTimeoutMs }),
    // STATUS while idle: cassette presence, near-end and a pulled cable reach the status model
    heartbeatMs: 3_000,
  };
}

/**
 * When a serial port that went away (a cable pulled, a port missing at boot) is opened again: on
 * the profile's reopen waits (devices.reopen, ADR 0020), the first, then doubling up to the bound,
 * as the daemon's reopen and the PC/SC links do.
 */
export function lineReopenOf(config: KioskConfig): {
  readonly reconnectMs: number;
  readonly maxReconnectMs: number;
} {
  const { firstIntervalMs, maxIntervalMs } = config.devices.reopen;
  return { reconnectMs: firstIntervalMs, maxReconnectMs: maxIntervalMs };
}

async function lcdmCashDispenser(
  entry: LcdmEntry,
  config: KioskConfig,
  closers: (() => Promise<void>)[],
  log: Log,
  createPair: CreatePair,
  lcdm: LcdmRoad,
): Promise<NonNullable<SerialDevices['cashDispenser']>> {
  const { LcdmCashDispenser, LcdmEmulatorControls, openLcdmSerialPort, startLcdmOverPseudoTerminal } = lcdm;
  if (!entry.emulatedOnPseudoTerminal) {
    const path = entry.path ?? '';
    const open = () => openLcdmSerialPort(path, entry.baudRate);
    const line = await openOrDead(open, `cash dispenser ${path}`, log);
    // a port that went away (or was missing at boot) is opened again until it answers; the notes
    // left are the kiosk's count (a real LCDM counts none): restored from the journal at boot
    return {
      port: new LcdmCashDispenser(line, {
        ...lcdmDriverOptions(entry),
        reopen: open,
        ...lineReopenOf(config),
        countsFromJournal: true,
      }),
    };
  }
  const { upper, lower } = entry.cassettes;
  const emulator = {
    upper: { count: upper.count, nearEndAt: upper.lowThreshold },
    lower: { count: lower.count, nearEndAt: lower.lowThreshold },
    msPerNote: config.profile === 'demo' ? 60 : 0,
  };
  // beside the journal, the emulated notes survive a restart where they were, as real ones do
  const stateFile =
    config.journal.path === ':memory:'
      ? undefined
      : join(dirname(config.journal.path), 'lcdm-cash-dispenser.json');
  const rig = await startLcdmOverPseudoTerminal({
    createPair,
    open: false,
    driver: lcdmDriverOptions(entry),
    emulator: stateFile ? persistentLcdmEmulatorOptions(stateFile, emulator) : emulator,
  });
  closers.push(rig.close);
  const controls = new LcdmEmulatorControls(rig, {
    upper: upper.denominationFen,
    lower: lower.denominationFen,
  });
  return { port: rig.driver, controls };
}

async function ga467IdReader(
  entry: Ga467Entry,
  config: KioskConfig,
  closers: (() => Promise<void>)[],
  log: Log,
  createPair: CreatePair,
  ga467: Ga467Road,
): Promise<NonNullable<SerialDevices['idReader']>> {
  const { Ga467EmulatorControls, Ga467IdReader, openGa467SerialPort, startGa467OverPseudoTerminal } = ga467;
  const options: Ga467IdReaderOptions = { cardPollMs: 200 };
  if (!entry.emulatedOnPseudoTerminal) {
    const path = entry.path ?? '';
    const open = () => openGa467SerialPort(path, entry.baudRate);
    const line = await openOrDead(open, `ID reader ${path}`, log);
    return { port: new Ga467IdReader(line, { ...options, reopen: open, ...lineReopenOf(config) }) };
  }
  const rig = await startGa467OverPseudoTerminal({ createPair, open: false, reader: options });
  closers.push(rig.close);
  return { port: rig.reader, controls: new Ga467EmulatorControls(rig) };
}

async function escposSerialPrinter(
  entry: EscposSerialEntry,
  closers: (() => Promise<void>)[],
  createPair: CreatePair,
): Promise<NonNullable<SerialDevices['receiptPrinter']>> {
  if (!entry.emulatedOnPseudoTerminal) {
    return { connect: serialPrinterConnector(entry.path ?? '', entry.baudRate) };
  }
  const pty = await createPair();
  const deviceEnd = await serialPrinterConnector(pty.devicePath, entry.baudRate)().catch(
    async (e: unknown) => {
      await pty.close();
      throw e;
    },
  );
  const emulator = new EscposPrinterEmulator({ chineseByDefault: true });
  emulator.attach(deviceEnd);
  closers.push(async () => {
    await emulator.close();
    await new Promise<void>((resolve) => {
      const port = deviceEnd as Duplex & { isOpen?: boolean; close?: (cb: () => void) => void };
      if (port.isOpen && port.close) port.close(() => resolve());
      else resolve();
    });
    await pty.close();
  });
  return { connect: serialPrinterConnector(pty.hostPath, entry.baudRate), emulator };
}

/**
 * Where this machine cannot make a pseudo terminal (a platform without the addon's binary), an
 * emulated serial device falls back to the device's in-memory emulator, said in the log.
 */
async function orInMemory<T>(build: () => Promise<T>, what: string, log: Log): Promise<T | undefined> {
  try {
    return await build();
  } catch (e) {
    log(
      `${what}: no pseudo-terminal pair here, the in-memory emulator runs instead: ${(e as Error).message}`,
    );
    return undefined;
  }
}

/** Builds the configured serial devices (none when every device is in-memory or on TCP). */
export async function startSerialDevices(
  config: KioskConfig,
  log: Log = () => undefined,
  /** makes the pseudo-terminal pairs of emulated devices (tests give a failing one) */
  createPair: CreatePair = createPtyPair,
  roads: SerialDeviceRoads = LOADED_ROADS,
): Promise<SerialDevices> {
  const devices = config.devices;
  const closers: (() => Promise<void>)[] = [];
  try {
    const cash = devices.cashDispenser;
    // a road whose code does not load stops here with its coded error, not in the in-memory fallback
    const lcdm = cash.driver === 'lcdm-serial' ? await roads.lcdm() : undefined;
    const cashDispenser =
      cash.driver === 'lcdm-serial' && lcdm
        ? await orInMemory(
            () => lcdmCashDispenser(cash, config, closers, log, createPair, lcdm),
            'cash dispenser',
            log,
          )
        : undefined;
    const id = devices.idReader;
    const ga467 = id.driver === 'ga467-serial' ? await roads.ga467() : undefined;
    const idReader =
      id.driver === 'ga467-serial' && ga467
        ? await orInMemory(() => ga467IdReader(id, config, closers, log, createPair, ga467), 'ID reader', log)
        : undefined;
    const receiptPrinter =
      devices.receiptPrinter.driver === 'escpos-serial'
        ? await escposSerialPrinter(devices.receiptPrinter, closers, createPair)
        : undefined;
    const pad = devices.pinPad;
    const epp = pad.driver === 'serial' ? await (roads.epp ?? loadEppSerialRoad)() : undefined;
    const needs = {
      closers,
      createPair,
      openOrDead: (open: () => Promise<Duplex>, what: string) => openOrDead(open, what, log),
      lineReopen: lineReopenOf(config),
    };
    const pinPad =
      pad.driver === 'serial' && epp
        ? await orInMemory(() => eppPinPad(pad, epp, needs), 'PIN pad', log)
        : undefined;
    const cameraHttp =
      devices.camera.driver === 'http' ? await (roads.camera ?? loadCameraHttpRoad)() : undefined;
    return {
      ...(cameraHttp ? { cameraHttp } : {}),
      ...(cashDispenser ? { cashDispenser } : {}),
      ...(idReader ? { idReader } : {}),
      ...(receiptPrinter ? { receiptPrinter } : {}),
      ...(pinPad ? { pinPad } : {}),
      closers,
    };
  } catch (error) {
    await Promise.allSettled(closers.map((close) => close()));
    throw error;
  }
}
