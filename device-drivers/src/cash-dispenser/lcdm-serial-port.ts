/** The serial line of an LCDM dispenser: a real port or a pseudo terminal, 9600 8N1 by default. */
import type { Duplex } from 'node:stream';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { BAUD_RATE } from './cash-dispenser.protocol.js';

/** Opens a serial port (or pseudo terminal) at 9600 8N1 (or the speed given) for the driver. */
export async function openLcdmSerialPort(path: string, baudRate: number = BAUD_RATE): Promise<Duplex> {
  const { SerialPort } = await import('serialport');
  return new Promise((resolve, reject) => {
    const port = new SerialPort({ path, baudRate, dataBits: 8, parity: 'none', stopBits: 1 }, (error) =>
      error
        ? reject(
            new KioskError(
              ErrorCode.DEVICE_OFFLINE,
              'The cash dispenser port cannot be opened.',
              {},
              { cause: error },
            ),
          )
        : resolve(port),
    );
  });
}
