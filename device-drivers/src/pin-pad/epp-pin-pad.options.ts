/**
 * The serial PIN pad driver's options, its port, and a PIN collection as it runs
 * (`epp-pin-pad.driver.ts`).
 */
import type { Duplex } from 'node:stream';
import type { KioskError } from '@kiosk/domain';
import { openSerialPort8N1 } from '../common/serial-port.js';
import { EPP_BAUD_RATE } from './epp.protocol.js';
import type { EppLineOptions } from './epp-serial-line.js';
import type { CollectPinResult } from './pin-pad.port.js';

export interface EppPinPadOptions extends EppLineOptions {
  /**
   * How often an idle pad is asked (its keypad closed again), so that a pad gone silent reads
   * offline before a resident starts a PIN journey; 0 = only when used (default)
   */
  readonly heartbeatMs?: number;
}

/** Opens a serial port (or pseudo terminal) at 9600 8N1 (or the speed given) for the driver. */
export function openEppSerialPort(path: string, baudRate: number = EPP_BAUD_RATE): Promise<Duplex> {
  return openSerialPort8N1(path, baudRate, 'PIN pad');
}

export interface Collection {
  readonly length: number;
  entered: number;
  /** the keypad is open on the pad (its start was answered) */
  open: boolean;
  /** enter taken (the PIN being fetched) or ended: no further key is taken */
  deaf: boolean;
  /** ends it once (false when it had ended already) */
  readonly end: (outcome: { result: CollectPinResult } | { error: KioskError }) => boolean;
  /** once ended: settles when the pad has closed its keypad (the driver holds it until then) */
  closed?: Promise<void>;
  readonly touch: () => void;
}
