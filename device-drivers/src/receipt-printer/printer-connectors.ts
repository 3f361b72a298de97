/**
 * How the driver reaches the printer: a connector opens the byte stream and is called again to
 * reconnect. TCP (port 9100 style), a serial port, or any stream opened elsewhere. The same
 * connectors serve the receipt printer and the card printer: the driver calling one says which
 * printer it is, and a connector's errors name that one ("The card printer cannot be reached.").
 */
import { connect as tcpConnect } from 'node:net';
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { openSerialPort8N1 } from '../common/serial-port.js';

/** The printer a driver reaches through a connector, as its errors name it. */
export type PrinterName = 'receipt printer' | 'card printer';

/**
 * Opens the printer's byte stream. `printer` is the driver's own device: the connector's errors
 * name it (a connector called without it says "printer").
 */
export type PrinterConnector = (signal?: AbortSignal, printer?: PrinterName) => Promise<Duplex>;

const unreachable = (
  printer: PrinterName | undefined,
  details: Record<string, string | number>,
  cause?: unknown,
) =>
  new KioskError(ErrorCode.DEVICE_OFFLINE, `The ${printer ?? 'printer'} cannot be reached.`, details, {
    cause,
  });

/** TCP, port 9100 style. */
export function tcpPrinterConnector(host: string, port: number, timeoutMs = 3000): PrinterConnector {
  return (signal, printer) =>
    new Promise<Duplex>((resolve, reject) => {
      const socket = tcpConnect({ host, port });
      const fail = (cause?: unknown) => {
        clearTimeout(timer);
        socket.destroy();
        reject(unreachable(printer, { port }, cause));
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

/**
 * A serial port (USB-serial or RS-232 printer), 8N1 with hardware flow control off; it closes as
 * soon as its far end hangs up (see `openSerialPort8N1`).
 */
export function serialPrinterConnector(path: string, baudRate = 115_200): PrinterConnector {
  return (_signal, printer) =>
    openSerialPort8N1(path, baudRate, printer ?? 'printer').catch((error: unknown) => {
      throw unreachable(printer, { path }, (error as Error).cause ?? error);
    });
}

/** A stream opened elsewhere (a test duplex, a port the caller manages); it cannot be reopened. */
export function streamPrinterConnector(stream: Duplex): PrinterConnector {
  return async (_signal, printer) => {
    if (stream.destroyed)
      throw new KioskError(ErrorCode.DEVICE_OFFLINE, `The ${printer ?? 'printer'} connection is closed.`);
    return stream;
  };
}
