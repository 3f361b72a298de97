/**
 * The LCDM STATUS answer in the one status model: the cassettes' presence and near-end sensors,
 * the device error as a coded fault, and the device state the driver reports.
 */
import { ErrorCode, type DeviceStatus } from '@kiosk/domain';
import { LCDM_ERRORS, lcdmErrorCode, LcdmError, Sensor0, Sensor1 } from './cash-dispenser.protocol.js';
import type { LcdmCassettes } from './lcdm-dispense-result.js';
import type { LcdmCassetteSensors } from './lcdm-note-stock.js';

export interface LcdmFault {
  readonly code: ErrorCode;
  readonly message: string;
}

/** STATUS data: [?, error, sensor 0, sensor 1]; GOOD and NORMAL_STOP are no fault. */
export function decodeLcdmStatus(data: Uint8Array): {
  readonly sensors: LcdmCassettes<LcdmCassetteSensors>;
  readonly fault: LcdmFault | null;
} {
  const [, error = 0, s0 = 0, s1 = 0] = data;
  const sensors = {
    upper: {
      present: (s1 & Sensor1.UPPER_CASSETTE_ABSENT) === 0,
      nearEnd: (s0 & Sensor0.UPPER_NEAR_END) !== 0,
    },
    lower: {
      present: (s1 & Sensor1.LOWER_CASSETTE_ABSENT) === 0,
      nearEnd: (s1 & Sensor1.LOWER_NEAR_END) !== 0,
    },
  };
  const code = error === LcdmError.GOOD || error === LcdmError.NORMAL_STOP ? null : lcdmErrorCode(error);
  return { sensors, fault: code ? { code, message: lcdmErrorText(error) } : null };
}

export function lcdmErrorText(error: number): string {
  return LCDM_ERRORS[error]?.text ?? 'device error';
}

/** offline (line lost, silent, or not opened) before a fault, a fault before busy. */
export function lcdmDeviceState(s: {
  readonly offline: boolean;
  readonly fault: LcdmFault | null;
  readonly dispensing: boolean;
}): DeviceStatus['device'] {
  if (s.offline) return 'offline';
  if (s.fault) return 'hardwareError';
  return s.dispensing ? 'busy' : 'online';
}

/** The dispenser's status model; a dispenser that stopped answering (DEVICE_TIMEOUT) reads offline. */
export function lcdmDispenserStatus(s: {
  readonly offline: boolean;
  readonly fault: LcdmFault | null;
  readonly dispensing: boolean;
  readonly supplies: DeviceStatus['supplies'];
}): DeviceStatus {
  const offline = s.offline || s.fault?.code === ErrorCode.DEVICE_TIMEOUT;
  return {
    kind: 'cashDispenser',
    device: lcdmDeviceState({ offline, fault: s.fault, dispensing: s.dispensing }),
    supplies: s.supplies,
    ...(s.fault ? { fault: s.fault } : {}),
    driver: 'lcdm2000',
    updatedAt: new Date().toISOString(),
  };
}
