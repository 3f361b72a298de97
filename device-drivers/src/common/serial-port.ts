/** A device's serial line opened for its driver: a real port or a pseudo terminal, 8N1. */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';

/** Opens `path` at `baudRate` 8N1; a port that cannot be opened is DEVICE_OFFLINE naming the device. */
export async function openSerialPort8N1(path: string, baudRate: number, device: string): Promise<Duplex> {
  const { SerialPort } = await import('serialport');
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1 }, (error) =>
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
