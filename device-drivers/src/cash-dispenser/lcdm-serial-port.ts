/** The serial line of an LCDM dispenser: a real port or a pseudo terminal, 9600 8N1 by default. */
import type { Duplex } from 'node:stream';
import { openSerialPort8N1 } from '../common/serial-port.js';
import { BAUD_RATE } from './cash-dispenser.protocol.js';

/** Opens a serial port (or pseudo terminal) at 9600 8N1 (or the speed given) for the driver. */
export function openLcdmSerialPort(path: string, baudRate: number = BAUD_RATE): Promise<Duplex> {
  return openSerialPort8N1(path, baudRate, 'cash dispenser');
}
