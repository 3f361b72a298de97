/**
 * A pseudo-terminal pair made in-process: what one end writes, the other reads, as over a
 * null-modem serial cable. Each end is the slave side of its own pseudo terminal (a path a
 * serial driver opens like any serial port); the two master sides are relayed here. This is what
 * socat's `pty,raw pty,raw` does, without a system package: the pseudo terminals come from
 * openpty(3) through the prebuilt addon of `@lydell/node-pty`, so `npm start` and the tests need
 * nothing but npm. The demo start command and the tests put a byte-level emulator on one end and
 * the real driver on the other; `close()` is how a test pulls the cable.
 */
import { closeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Duplex } from 'node:stream';
import { ReadStream } from 'node:tty';
import { ErrorCode, KioskError } from '@kiosk/domain';

export interface PtyPair {
  /** the end the driver opens */
  readonly hostPath: string;
  /** the end the emulator opens */
  readonly devicePath: string;
  /**
   * Pulls the cable and leaves it out: both paths are gone (opening one fails as a port unplugged
   * does), but their numbers stay this pair's until `close`. The kernel gives a new pseudo terminal
   * the lowest number free, whatever process makes it, so a path freed while a driver still tries
   * to reopen it would be the next pair's, made by another test or worker, and the driver would
   * open it and lock it: that pair's own ends then cannot be opened ("Cannot lock port").
   */
  hangUp(): Promise<void>;
  /** Pulls the cable (if not yet) and frees the pair's paths for good. */
  close(): Promise<void>;
}

interface OpenedPty {
  readonly master: number;
  readonly slave: number;
  readonly pty: string;
}

interface NativePty {
  open(cols: number, rows: number): OpenedPty;
}

let nativePty: NativePty | undefined;

function openPty(): OpenedPty {
  try {
    if (!nativePty) {
      const require = createRequire(import.meta.url);
      const { requireBinary } = require('@lydell/node-pty/requireBinary.js') as {
        requireBinary(file: string): unknown;
      };
      nativePty = requireBinary('pty.node') as NativePty;
    }
    return nativePty.open(80, 24);
  } catch (cause) {
    throw new KioskError(
      ErrorCode.DEVICE_OFFLINE,
      'This machine cannot make a pseudo terminal for the emulated serial device.',
      {},
      { cause },
    );
  }
}

/** One side's master as a stream; errors (the other side hung up) end it quietly. */
function masterStream(fd: number): ReadStream {
  const stream = new ReadStream(fd);
  stream.on('error', () => stream.destroy());
  return stream;
}

function closed(stream: ReadStream): Promise<void> {
  if (stream.closed) return Promise.resolve();
  return new Promise((resolve) => {
    stream.once('close', () => resolve());
    stream.destroy();
  });
}

export function createPtyPair(): Promise<PtyPair> {
  const host = openPty();
  let device: OpenedPty;
  try {
    device = openPty();
  } catch (error) {
    closeSync(host.master);
    closeSync(host.slave);
    return Promise.reject(error);
  }
  const hostMaster = masterStream(host.master);
  const deviceMaster = masterStream(device.master);
  hostMaster.on('data', (chunk: Buffer) => deviceMaster.write(chunk));
  deviceMaster.on('data', (chunk: Buffer) => hostMaster.write(chunk));
  let hangingUp: Promise<void> | null = null;
  let closing: Promise<void> | null = null;
  const hangUp = () => {
    hangingUp ??= Promise.all([closed(hostMaster), closed(deviceMaster)]).then(() => undefined);
    return hangingUp;
  };
  return Promise.resolve({
    hostPath: host.pty,
    devicePath: device.pty,
    hangUp,
    close() {
      closing ??= (async () => {
        await hangUp();
        // the slave descriptors held since openpty kept each master readable before a driver opened,
        // and keep the pair's numbers from the next pseudo terminal made (`hangUp`)
        for (const fd of [host.slave, device.slave]) {
          try {
            closeSync(fd);
          } catch {
            // already closed
          }
        }
      })();
      return closing;
    },
  });
}

/** One pseudo terminal whose master side is the device's own end (`createPtyLine`). */
export interface PtyLine {
  /** the end the driver opens */
  readonly hostPath: string;
  /** the device's end: what the driver writes is read here, what is written here the driver reads */
  readonly deviceEnd: Duplex;
  /** Pulls the cable and frees the line's path for good (its number kept until then, as `PtyPair`'s). */
  close(): Promise<void>;
}

/**
 * A serial line with no second port to open: an emulator plugs straight into the master side of
 * the one pseudo terminal the driver opens (the pair's relay, with the emulator where the relay's
 * far side was). For a thread of its own: `serialport` reads only on the main thread, a master
 * stream anywhere.
 */
export function createPtyLine(): Promise<PtyLine> {
  let pty: OpenedPty;
  try {
    pty = openPty();
  } catch (error) {
    return Promise.reject(error);
  }
  const deviceEnd = masterStream(pty.master);
  let closing: Promise<void> | null = null;
  return Promise.resolve({
    hostPath: pty.pty,
    deviceEnd,
    close() {
      closing ??= closed(deviceEnd).then(() => {
        try {
          closeSync(pty.slave);
        } catch {
          // already closed
        }
      });
      return closing;
    },
  });
}
