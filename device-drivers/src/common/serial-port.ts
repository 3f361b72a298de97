/** A device's serial line opened for its driver: a real port or a pseudo terminal, 8N1. */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { hangUpAwareBinding } from './hang-up-aware-binding.js';

let binding: unknown;

/**
 * Opens `path` at `baudRate` 8N1; a port that cannot be opened is DEVICE_OFFLINE naming the device.
 * The port closes (with a disconnect error) as soon as its far end hangs up: see
 * `hangUpAwareBinding`.
 */
export async function openSerialPort8N1(path: string, baudRate: number, device: string): Promise<Duplex> {
  const { SerialPort } = await import('serialport');
  binding ??= hangUpAwareBinding(SerialPort.binding);
  // `binding` is left out of SerialPort's option type but honoured: it replaces the detected one
  const options = { path, baudRate, dataBits: 8, parity: 'none', stopBits: 1, binding } as const;
  return new Promise((resolve, reject) => {
    const port = new SerialPort(options as ConstructorParameters<typeof SerialPort>[0], (error) =>
      error
        ? reject(
            new KioskError(
              ErrorCode.DEVICE_OFFLINE,
              `The ${device} port cannot be opened.`,
              {},
              { cause: error },
            ),
          )
        : resolve(port),
    );
  });
}
