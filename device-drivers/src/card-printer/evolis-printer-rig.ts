/**
 * The card printer driver and the byte-level emulator joined for the specs: over loopback TCP
 * or a pair of in-memory stream ends, with a small card face and the blanks' reconciliation.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Duplex } from 'node:stream';
import type { DeviceStatus } from '@kiosk/domain';
import type { CardFace } from './card-printer.port.js';
import { tcpPrinterConnector } from '../receipt-printer/printer-connectors.js';
import { EvolisCardPrinterDriver } from './evolis-card-printer.driver.js';
import { EvolisPrinterEmulator, type EvolisPrinterEmulatorOptions } from './evolis-printer.emulator.js';

export const W = 16;
export const H = 10;
export function face(emboss?: string): CardFace {
  const rgb = new Uint8Array(W * H * 3).fill(255);
  rgb.fill(0, 0, W * 3); // a black first row (resin black)
  rgb.set([200, 30, 40], W * 3 * 5); // one red pixel
  return { rgb, widthPx: W, heightPx: H, ...(emboss ? { emboss } : {}) };
}

const open: { emulator: EvolisPrinterEmulator; driver: EvolisCardPrinterDriver }[] = [];

/** A printer emulator on loopback TCP and the driver on it, opened; closed by `closePrinters`. */
export async function printer(options: EvolisPrinterEmulatorOptions = {}) {
  const emulator = new EvolisPrinterEmulator({ hopper: 5, ribbon: 10, rejectBinCapacity: 3, ...options });
  const { host, port } = await emulator.listen(0);
  const driver = new EvolisCardPrinterDriver({
    connect: tcpPrinterConnector(host, port),
    takePollMs: 5,
    embosser: true,
  });
  await driver.open();
  open.push({ emulator, driver });
  return { emulator, driver };
}

/** Registers a printer opened elsewhere, to be closed with the rest. */
export function keepOpen(emulator: EvolisPrinterEmulator, driver: EvolisCardPrinterDriver): void {
  open.push({ emulator, driver });
}

/** Closes every printer the test opened (an `afterEach` of each spec), their state folders gone. */
export async function closePrinters(): Promise<void> {
  for (const { emulator, driver } of open.splice(0)) {
    await driver.close();
    await emulator.close();
  }
  for (const dir of stateDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}

const stateDirs: string[] = [];

/**
 * A printer that can fall silent as the emulator models it (its `noAnswer` fault: every frame taken,
 * none answered, each command times out), and the driver on it, opened: `silence()`, `speak()` again;
 * its pushed statuses from then on, and every frame the driver sent (`sent`, as latin1 text:
 * `sentOf('Rse')` counts the bezel reads); `stateFile`, the emulator's, for a spec to put in its way.
 *
 * Over a pair of in-memory stream ends: an answer reaches the driver within the turn of the event
 * loop that sent its frame, so only silence meets the short command deadline. Over loopback TCP
 * (the spec of a printer switched off: its connection refused, `port` to listen on again), a Jest
 * worker stalled past that deadline (a loaded machine) ran the timer before the answer waiting in
 * the socket and read the printer's open as timed out; there the deadline is one no answer misses.
 */
export async function printerThatFallsSilent(options: {
  statusPollMs: number;
  takePollMs?: number;
  over?: 'streams' | 'tcp';
}) {
  const dir = mkdtempSync(join(tmpdir(), 'evolis-silent-'));
  stateDirs.push(dir);
  const folder = join(dir, 'printer');
  mkdirSync(folder);
  const stateFile = join(folder, 'state.json');
  const emulator = new EvolisPrinterEmulator({ hopper: 5, ribbon: 10, stateFile });
  const { host, port } = await emulator.listen(0);
  const sent: string[] = [];
  const tcp = tcpPrinterConnector(host, port, 1_000);
  const overTcp = options.over === 'tcp';
  const driver = new EvolisCardPrinterDriver({
    connect: async (signal, printer) => {
      let stream: Duplex;
      if (overTcp) stream = await tcp(signal, printer);
      else {
        const [ours, theirs] = streamPair();
        emulator.attach(theirs);
        stream = ours;
      }
      const write = stream.write.bind(stream) as (chunk: Buffer) => boolean;
      stream.write = ((chunk: Buffer, ...rest: unknown[]) => {
        sent.push(Buffer.from(chunk).toString('latin1'));
        return (write as (...args: unknown[]) => boolean)(chunk, ...rest);
      }) as Duplex['write'];
      return stream;
    },
    commandTimeoutMs: overTcp ? 5_000 : 300,
    statusPollMs: options.statusPollMs,
    ...(options.takePollMs !== undefined ? { takePollMs: options.takePollMs } : {}),
  });
  keepOpen(emulator, driver);
  await driver.open();
  const pushed: DeviceStatus[] = [];
  driver.onStatus((status) => pushed.push(status));
  return {
    emulator,
    driver,
    pushed,
    port,
    stateFile,
    sentOf: (mnemonic: string) => sent.filter((frame) => frame.includes(mnemonic)).length,
    silence: () => emulator.setFault('noAnswer'),
    speak: () => emulator.clearFault('noAnswer'),
  };
}

/** The frames of one status read of a counting printer, in order (as `sent` holds them). */
export const STATUS_READ = ['Rst', 'Rlr;p', 'Rco;f', 'Rrt;count', 'Rrt;capacity', 'Rco;r'];

/**
 * The driver on the emulator over a pair of stream ends, opened; closed by `closePrinters`. Every
 * frame it sends is written down (`sent`, without ESC and CR); `holdNext(mnemonic)` keeps the next
 * such frame from the printer (resolving once it is held) until `release()`, to stand for a
 * printer slow to take it.
 */
export async function printerWithHeldFrame(options: { statusPollMs: number; takePollMs?: number }) {
  const emulator = new EvolisPrinterEmulator({ hopper: 5, ribbon: 10, rejectBinCapacity: 3 });
  const sent: string[] = [];
  let hold: { mnemonic: string; seen: () => void } | null = null;
  let held: (() => void) | null = null;
  const driver = new EvolisCardPrinterDriver({
    connect: async () => {
      const [ours, theirs] = streamPair();
      emulator.attach(theirs);
      const write = ours.write.bind(ours) as (chunk: Buffer) => boolean;
      ours.write = ((chunk: Buffer) => {
        const text = Buffer.from(chunk).toString('latin1').slice(1, -1);
        sent.push(text);
        if (hold && text.startsWith(hold.mnemonic)) {
          const { seen } = hold;
          hold = null;
          held = () => write(chunk);
          seen();
          return true;
        }
        return write(chunk);
      }) as Duplex['write'];
      return ours;
    },
    commandTimeoutMs: 5_000,
    statusPollMs: options.statusPollMs,
    ...(options.takePollMs !== undefined ? { takePollMs: options.takePollMs } : {}),
  });
  keepOpen(emulator, driver);
  await driver.open();
  return {
    emulator,
    driver,
    sent,
    holdNext: (mnemonic: string) =>
      new Promise<void>((seen) => {
        hold = { mnemonic, seen };
      }),
    release: () => {
      held?.();
      held = null;
    },
  };
}

/** The device states the driver pushes from now on, in order. */
export function pushedStates(driver: EvolisCardPrinterDriver): DeviceStatus['device'][] {
  const pushed: DeviceStatus['device'][] = [];
  driver.onStatus((status) => pushed.push(status.device));
  return pushed;
}

/** Every blank is issued, rejected, inside or still in the hopper. */
export function reconciles(emulator: EvolisPrinterEmulator): boolean {
  const c = emulator.counts();
  return c.loaded === c.inHopper + c.inPrinter + c.issued + c.rejected;
}

export const supply = (driver: EvolisCardPrinterDriver, name: string) =>
  driver.status().supplies.find((s) => s.name === name);

/** Two ends of a byte stream, as a serial line joins them. */
export function streamPair(): [Duplex, Duplex] {
  const ends: Duplex[] = [];
  const end = (other: () => Duplex) =>
    new Duplex({
      read() {},
      write(chunk: Buffer, _encoding, done) {
        other().push(chunk);
        done();
      },
      destroy(error, done) {
        other().push(null);
        done(error);
      },
    });
  ends.push(
    end(() => ends[1] as Duplex),
    end(() => ends[0] as Duplex),
  );
  return [ends[0] as Duplex, ends[1] as Duplex];
}
