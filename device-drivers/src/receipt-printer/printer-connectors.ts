/**
 * How the driver reaches the printer: a connector opens the byte stream and is called again to
 * reconnect. TCP (port 9100 style), a serial port, or any stream opened elsewhere.
 */
import { connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';

export type PrinterConnector = (signal?: AbortSignal) => Promise<Duplex>;

const unreachable = (details: Record<string, string | number>, cause?: unknown) =>
  new KioskError(ErrorCode.DEVICE_OFFLINE, 'The receipt printer cannot be reached.', details, { cause });

/** TCP, port 9100 style. */
export function tcpPrinterConnector(host: string, port: number, timeoutMs = 3000): PrinterConnector {
  return (signal) =>
    new Promise<Duplex>((resolve, reject) => {
      const socket = tcpConnect({ host, port });
      const fail = (cause?: unknown) => {
        clearTimeout(timer);
        socket.destroy();
        reject(unreachable({ port }, cause));
      };
      const timer = setTimeout(() => fail(), timeoutMs);
      signal?.addEventListener('abort', () => fail(signal.reason), { once: true });
      socket.once('error', fail);
      socket.once('connect', () => {
        clearTimeout(timer);
        socket.off('error', fail);
        socket.setNoDelay(true);
        socket.setKeepAlive(true, 5000);
        resolve(socket);
      });
    });
}

/** A serial port (USB-serial or RS-232 printer), 8N1 with hardware flow control off. */
export function serialPrinterConnector(path: string, baudRate = 115_200): PrinterConnector {
  return async () => {
    const { SerialPort } = await import('serialport');
    return new Promise<Duplex>((resolve, reject) => {
      const port = new SerialPort({ path, baudRate, autoOpen: false });
      port.open((error) => (error ? reject(unreachable({ path }, error)) : resolve(port)));
    });
  };
}

/** A stream opened elsewhere (a test duplex, a port the caller manages); it cannot be reopened. */
export function streamPrinterConnector(stream: Duplex): PrinterConnector {
  return async () => {
    if (stream.destroyed) throw new KioskError(ErrorCode.DEVICE_OFFLINE, 'The printer connection is closed.');
    return stream;
  };
}
