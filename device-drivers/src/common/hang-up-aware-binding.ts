/**
 * The `serialport` binding with one change: a read that returns no bytes ends the line.
 *
 * A serial port is opened with VMIN=1 and O_NONBLOCK, so a read with nothing to read fails
 * with EAGAIN; a read of zero bytes means end of file: the far end of a pseudo terminal hung
 * up (its master closed), or a USB serial adapter went away. The stock binding reads again at
 * once on zero bytes, a busy loop that never ends and never reports anything, so the driver
 * learnt of the loss only when its next write failed with EIO. Here a zero-byte read fails
 * with EOF and an I/O error (EIO) fails as it is; the stream treats any failed read as a
 * disconnect and closes with an error, which the drivers report as DEVICE_OFFLINE at once.
 */
import { read as fsRead } from 'node:fs';
import { promisify } from 'node:util';

const readAsync = promisify(fsRead);

/** What this module needs of an open binding port (Linux and macOS bindings have both). */
interface PollingPort {
  readonly fd: number;
  readonly isOpen: boolean;
  readonly poller: { once(event: 'readable', callback: (error?: Error | null) => void): unknown };
  read(buffer: Buffer, offset: number, length: number): Promise<{ bytesRead: number; buffer: Buffer }>;
}

interface Binding {
  open(options: unknown): Promise<unknown>;
}

function isPollingPort(port: unknown): port is PollingPort {
  const p = port as Partial<PollingPort> | null;
  return typeof p?.fd === 'number' && typeof p.poller?.once === 'function' && typeof p.read === 'function';
}

/** Why the line ended: the far end hung up (end of file). */
export class SerialHangUpError extends Error {
  readonly code = 'EOF';
  constructor() {
    super('The far end of the serial line hung up (end of file).');
  }
}

function canceled(): Error {
  return Object.assign(new Error('The port is closed.'), { canceled: true });
}

function readable(port: PollingPort): Promise<void> {
  return new Promise((resolve, reject) => {
    port.poller.once('readable', (error) => (error ? reject(error) : resolve()));
  });
}

/** Reads at least one byte, waiting for the port to be readable; zero bytes is end of file. */
export async function readOrHangUp(
  port: PollingPort,
  buffer: Buffer,
  offset: number,
  length: number,
): Promise<{ bytesRead: number; buffer: Buffer }> {
  for (;;) {
    if (!port.isOpen) throw canceled();
    try {
      const { bytesRead } = await readAsync(port.fd, buffer, offset, length, null);
      if (bytesRead === 0) throw new SerialHangUpError();
      return { bytesRead, buffer };
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK' && code !== 'EINTR') throw error;
      if (!port.isOpen) throw canceled();
      await readable(port);
    }
  }
}

/** The given binding, whose ports end on a hang-up instead of reading nothing forever. */
export function hangUpAwareBinding<B extends Binding>(binding: B): B {
  return {
    ...binding,
    async open(options: unknown) {
      const port = await binding.open(options);
      if (isPollingPort(port)) {
        port.read = (buffer, offset, length) => readOrHangUp(port, buffer, offset, length);
      }
      return port;
    },
  } as B;
}
