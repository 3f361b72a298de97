/**
 * The LCDM command set (modelled on the public Puloon LCDM-2000 manual): line bytes, command
 * bytes, each frame's DATA length, the error table with what the kiosk makes of each error, the
 * status sensor bits and the presenter's state byte. Part of `cash-dispenser.protocol.ts`.
 */
import { ErrorCode } from '@kiosk/domain';

export const SOH = 0x01;
export const STX = 0x02;
export const ETX = 0x03;
export const EOT = 0x04;
export const ACK = 0x06;
export const NAK = 0x15;
export const DISPENSER_ID = 0x50;
export const BAUD_RATE = 9600;
/** notes one cassette pays in one command */
export const MAX_NOTES_PER_CASSETTE = 60;

export const LcdmCommand = {
  PURGE: 0x44,
  UPPER_DISPENSE: 0x45,
  STATUS: 0x46,
  ROM_VERSION: 0x47,
  LOWER_DISPENSE: 0x55,
  UPPER_LOWER_DISPENSE: 0x56,
  UPPER_TEST_DISPENSE: 0x76,
  LOWER_TEST_DISPENSE: 0x77,
  /** kiosk presenter: open the shutter on the staged notes */
  PRESENT: 0x61,
  /** kiosk presenter: close the shutter, notes to the retract bin */
  RETRACT: 0x62,
  /** kiosk presenter: what lies in it and whether it is open */
  PRESENTER_STATUS: 0x63,
} as const;
export type LcdmCommand = (typeof LcdmCommand)[keyof typeof LcdmCommand];

/**
 * The commands that move notes: out of a cassette (the dispenses, the test dispenses) or out of the
 * presenter into the retract bin (RETRACT), each answered with the counts it moved. One of them
 * the dispenser took while its ACK went missing (line noise, a host too busy to read it in time)
 * must never be sent again: the dispenser would move the notes a second time. The rest move
 * nothing, or nothing more when repeated (PURGE clears the transport path, PRESENT opens the
 * shutter), and are sent again.
 */
export const NOTE_MOVING_COMMANDS: ReadonlySet<number> = new Set([
  LcdmCommand.UPPER_DISPENSE,
  LcdmCommand.LOWER_DISPENSE,
  LcdmCommand.UPPER_LOWER_DISPENSE,
  LcdmCommand.UPPER_TEST_DISPENSE,
  LcdmCommand.LOWER_TEST_DISPENSE,
  LcdmCommand.RETRACT,
]);

/** DATA length of each command frame (host → dispenser). */
export const COMMAND_DATA_LENGTH: Readonly<Record<number, number>> = {
  [LcdmCommand.PURGE]: 0,
  [LcdmCommand.UPPER_DISPENSE]: 2,
  [LcdmCommand.STATUS]: 0,
  [LcdmCommand.ROM_VERSION]: 0,
  [LcdmCommand.LOWER_DISPENSE]: 2,
  [LcdmCommand.UPPER_LOWER_DISPENSE]: 4,
  [LcdmCommand.UPPER_TEST_DISPENSE]: 2,
  [LcdmCommand.LOWER_TEST_DISPENSE]: 2,
  [LcdmCommand.PRESENT]: 0,
  [LcdmCommand.RETRACT]: 0,
  [LcdmCommand.PRESENTER_STATUS]: 0,
};

/** DATA length of each response frame (dispenser → host). */
export const RESPONSE_DATA_LENGTH: Readonly<Record<number, number>> = {
  [LcdmCommand.PURGE]: 1, // error
  [LcdmCommand.UPPER_DISPENSE]: 8, // chk(2) exit(2) error status rejects(2)
  [LcdmCommand.STATUS]: 4, // comm error sensor0 sensor1
  [LcdmCommand.ROM_VERSION]: 4, // ASCII version
  [LcdmCommand.LOWER_DISPENSE]: 8,
  [LcdmCommand.UPPER_LOWER_DISPENSE]: 15, // uChk uExit lChk lExit error uStat lStat uRej lRej
  [LcdmCommand.UPPER_TEST_DISPENSE]: 8,
  [LcdmCommand.LOWER_TEST_DISPENSE]: 8,
  [LcdmCommand.PRESENT]: 1, // error
  [LcdmCommand.RETRACT]: 5, // error upper(2) lower(2)
  [LcdmCommand.PRESENTER_STATUS]: 5, // state upper(2) lower(2)
};

/** Error byte values (the LCDM-2000 manual's error table) and what the kiosk makes of them. */
export const LCDM_ERRORS: Readonly<
  Record<number, { readonly text: string; readonly code: ErrorCode | null }>
> = {
  0x30: { text: 'good', code: null },
  0x31: { text: 'normal stop', code: null },
  0x32: { text: 'pickup error', code: ErrorCode.DEVICE_SUPPLY_EMPTY },
  0x33: { text: 'jam at CHK1,2 sensor', code: ErrorCode.CASH_JAM },
  0x34: { text: 'overflow bill', code: ErrorCode.DEVICE_HARDWARE_ERROR },
  0x35: { text: 'jam at EXIT or EJT sensor', code: ErrorCode.CASH_JAM },
  0x36: { text: 'jam at DIV sensor', code: ErrorCode.CASH_JAM },
  0x37: { text: 'undefined command', code: ErrorCode.DEVICE_PROTOCOL_ERROR },
  0x38: { text: 'upper bill end', code: ErrorCode.DEVICE_SUPPLY_EMPTY },
  0x3a: { text: 'counting error (CHK3,4 to DIV)', code: ErrorCode.DEVICE_HARDWARE_ERROR },
  0x3b: { text: 'note request error', code: ErrorCode.DEVICE_PROTOCOL_ERROR },
  0x3c: { text: 'counting error (DIV to EJT)', code: ErrorCode.DEVICE_HARDWARE_ERROR },
  0x3d: { text: 'counting error (EJT to EXIT)', code: ErrorCode.DEVICE_HARDWARE_ERROR },
  0x3f: { text: 'reject tray not recognized', code: ErrorCode.DEVICE_HARDWARE_ERROR },
  0x40: { text: 'lower bill end', code: ErrorCode.DEVICE_SUPPLY_EMPTY },
  0x41: { text: 'motor stop', code: ErrorCode.DEVICE_HARDWARE_ERROR },
  0x42: { text: 'jam at DIV sensor', code: ErrorCode.CASH_JAM },
  0x43: { text: 'timeout (DIV to EJT)', code: ErrorCode.CASH_JAM },
  0x44: { text: 'over reject', code: ErrorCode.CASH_DOUBLE_NOTES },
  0x45: { text: 'upper cassette not recognized', code: ErrorCode.CASH_CASSETTE_MISSING },
  0x46: { text: 'lower cassette not recognized', code: ErrorCode.CASH_CASSETTE_MISSING },
  0x47: { text: 'dispensing timeout', code: ErrorCode.DEVICE_TIMEOUT },
  0x48: { text: 'jam at EJT sensor', code: ErrorCode.CASH_JAM },
  0x49: { text: 'diverter solenoid or SOL sensor error', code: ErrorCode.DEVICE_HARDWARE_ERROR },
  0x4a: { text: 'SOL sensor error', code: ErrorCode.DEVICE_HARDWARE_ERROR },
  0x4c: { text: 'jam at CHK3,4 sensor', code: ErrorCode.CASH_JAM },
  0x4e: { text: 'purge error (jam at DIV sensor)', code: ErrorCode.CASH_JAM },
};
export const LcdmError = {
  GOOD: 0x30,
  NORMAL_STOP: 0x31,
  PICKUP_ERROR: 0x32,
  JAM_EXIT: 0x35,
  UPPER_BILL_END: 0x38,
  LOWER_BILL_END: 0x40,
  OVER_REJECT: 0x44,
  UPPER_CASSETTE_MISSING: 0x45,
  LOWER_CASSETTE_MISSING: 0x46,
  PURGE_ERROR: 0x4e,
} as const;

export function lcdmErrorCode(byte: number): ErrorCode | null {
  const known = LCDM_ERRORS[byte];
  return known ? known.code : ErrorCode.DEVICE_HARDWARE_ERROR;
}

/** Status sensor bits (STATUS response, sensor0 and sensor1). */
export const Sensor0 = {
  CHK1: 0x01,
  CHK2: 0x02,
  DIV1: 0x04,
  DIV2: 0x08,
  EJT: 0x10,
  EXIT: 0x20,
  UPPER_NEAR_END: 0x40,
} as const;
export const Sensor1 = {
  SOL: 0x01,
  UPPER_CASSETTE_ABSENT: 0x02,
  LOWER_CASSETTE_ABSENT: 0x04,
  CHK3: 0x08,
  CHK4: 0x10,
  LOWER_NEAR_END: 0x20,
  REJECT_TRAY_ABSENT: 0x40,
} as const;

/** Presenter state byte (PRESENTER_STATUS). */
export const PresenterState = { EMPTY: 0x30, STAGED: 0x31, PRESENTED: 0x32 } as const;
