/**
 * The cash dispenser's serial protocol, modelled on the public Puloon LCDM-2000 command set,
 * shared by the driver and the byte-level emulator so the two cannot drift apart.
 *
 * Line: 9600 baud, 8N1. Host → dispenser: EOT ID STX CMD DATA ETX BCC. Dispenser → host:
 * SOH ID STX CMD DATA ETX BCC. BCC is the XOR of every byte from the first to ETX. Each frame
 * is answered with ACK or NAK (the sender repeats on NAK); each command's DATA has a fixed
 * length, so a frame's length follows from its command byte. Counts travel as two ASCII digits.
 *
 * The LCDM-2000 has no presenter; the kiosk's presenter with shutter answers on the same line
 * with three commands of our own (PRESENT, RETRACT, PRESENTER_STATUS), marked below.
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

export function bcc(bytes: Uint8Array, end = bytes.length): number {
  let x = 0;
  for (let i = 0; i < end; i += 1) x ^= bytes[i] ?? 0;
  return x;
}

export type FrameDirection = 'command' | 'response';

export function encodeFrame(
  direction: FrameDirection,
  cmd: number,
  data: Uint8Array | readonly number[] = [],
): Buffer {
  const frame = Buffer.from([direction === 'command' ? EOT : SOH, DISPENSER_ID, STX, cmd, ...data, ETX, 0]);
  frame[frame.length - 1] = bcc(frame, frame.length - 1);
  return frame;
}

/** Two ASCII digits, 00..99. */
export function encodeCount(n: number): [number, number] {
  if (!Number.isInteger(n) || n < 0 || n > 99) throw new RangeError('A count on the line is 0 to 99.');
  return [0x30 + Math.floor(n / 10), 0x30 + (n % 10)];
}

/** Two ASCII digits back to a number; NaN when they are not digits. */
export function decodeCount(data: Uint8Array, at: number): number {
  const hi = (data[at] ?? 0) - 0x30;
  const lo = (data[at + 1] ?? 0) - 0x30;
  return hi >= 0 && hi <= 9 && lo >= 0 && lo <= 9 ? hi * 10 + lo : Number.NaN;
}

export interface LcdmFrame {
  readonly cmd: number;
  readonly data: Buffer;
}

export type DecodedItem =
  | { readonly type: 'ack' }
  | { readonly type: 'nak' }
  | { readonly type: 'frame'; readonly frame: LcdmFrame }
  | {
      readonly type: 'error';
      readonly reason: 'badChecksum' | 'badFrame' | 'unknownCommand' | 'garbage' | 'torn';
    };

/**
 * Splits a byte stream into ACK, NAK and frames of one direction. A frame that stops half-way
 * stays buffered until `flushTorn()` (called by the owner after an inter-byte silence).
 */
export class LcdmFrameDecoder {
  #buffer = Buffer.alloc(0);
  readonly #start: number;
  readonly #lengths: Readonly<Record<number, number>>;

  constructor(direction: FrameDirection) {
    this.#start = direction === 'command' ? EOT : SOH;
    this.#lengths = direction === 'command' ? COMMAND_DATA_LENGTH : RESPONSE_DATA_LENGTH;
  }

  get pending(): number {
    return this.#buffer.length;
  }

  push(chunk: Uint8Array): DecodedItem[] {
    this.#buffer = Buffer.concat([this.#buffer, chunk]);
    const out: DecodedItem[] = [];
    let garbage = false;
    const drop = (n: number) => (this.#buffer = this.#buffer.subarray(n));
    while (this.#buffer.length > 0) {
      const b = this.#buffer[0];
      if (b !== this.#start) {
        if (b === ACK) out.push({ type: 'ack' });
        else if (b === NAK) out.push({ type: 'nak' });
        else if (!garbage) {
          garbage = true;
          out.push({ type: 'error', reason: 'garbage' });
        }
        drop(1);
        continue;
      }
      garbage = false;
      if (this.#buffer.length < 4) break;
      if (this.#buffer[1] !== DISPENSER_ID || this.#buffer[2] !== STX) {
        out.push({ type: 'error', reason: 'badFrame' });
        drop(1);
        continue;
      }
      const cmd = this.#buffer[3] ?? 0;
      const length = this.#lengths[cmd];
      if (length === undefined) {
        out.push({ type: 'error', reason: 'unknownCommand' });
        drop(4);
        continue;
      }
      const total = 4 + length + 2;
      if (this.#buffer.length < total) break;
      if (this.#buffer[total - 2] !== ETX) {
        out.push({ type: 'error', reason: 'badFrame' });
        drop(1);
        continue;
      }
      if (bcc(this.#buffer, total - 1) !== this.#buffer[total - 1]) {
        out.push({ type: 'error', reason: 'badChecksum' });
        drop(total);
        continue;
      }
      out.push({ type: 'frame', frame: { cmd, data: Buffer.from(this.#buffer.subarray(4, 4 + length)) } });
      drop(total);
    }
    return out;
  }

  /** Drops a frame that stopped half-way; reports it when there was one. */
  flushTorn(): DecodedItem[] {
    if (this.#buffer.length === 0) return [];
    this.#buffer = Buffer.alloc(0);
    return [{ type: 'error', reason: 'torn' }];
  }
}

// ---- response layouts, built by the emulator and read by the driver ----------------------

export interface CassetteOutcome {
  /** notes that left the cassette past the check sensors */
  readonly picked: number;
  /** notes that reached the presenter */
  readonly exited: number;
  /** notes diverted to the reject tray */
  readonly rejected: number;
}

export interface DispenseOutcome {
  readonly error: number;
  readonly upper: CassetteOutcome;
  readonly lower: CassetteOutcome;
}

const NONE: CassetteOutcome = { picked: 0, exited: 0, rejected: 0 };

export function encodeDispenseResponse(cmd: number, outcome: DispenseOutcome): Buffer {
  const { upper: u, lower: l, error } = outcome;
  if (cmd === LcdmCommand.UPPER_LOWER_DISPENSE) {
    return encodeFrame('response', cmd, [
      ...encodeCount(u.picked),
      ...encodeCount(u.exited),
      ...encodeCount(l.picked),
      ...encodeCount(l.exited),
      error,
      0x30,
      0x30,
      ...encodeCount(u.rejected),
      ...encodeCount(l.rejected),
    ]);
  }
  const c = cmd === LcdmCommand.LOWER_DISPENSE || cmd === LcdmCommand.LOWER_TEST_DISPENSE ? l : u;
  return encodeFrame('response', cmd, [
    ...encodeCount(c.picked),
    ...encodeCount(c.exited),
    error,
    0x30,
    ...encodeCount(c.rejected),
  ]);
}

/** Reads a dispense response; null when a count field is not two digits. */
export function decodeDispenseResponse(frame: LcdmFrame): DispenseOutcome | null {
  const d = frame.data;
  const one = (chk: number, exit: number, rej: number): CassetteOutcome => ({
    picked: decodeCount(d, chk),
    exited: decodeCount(d, exit),
    rejected: decodeCount(d, rej),
  });
  let outcome: DispenseOutcome;
  if (frame.cmd === LcdmCommand.UPPER_LOWER_DISPENSE) {
    outcome = { error: d[8] ?? 0, upper: one(0, 2, 11), lower: one(4, 6, 13) };
  } else {
    const c = one(0, 2, 6);
    const lower = frame.cmd === LcdmCommand.LOWER_DISPENSE || frame.cmd === LcdmCommand.LOWER_TEST_DISPENSE;
    outcome = { error: d[4] ?? 0, upper: lower ? NONE : c, lower: lower ? c : NONE };
  }
  const counts = [outcome.upper, outcome.lower].flatMap((c) => [c.picked, c.exited, c.rejected]);
  return counts.some(Number.isNaN) ? null : outcome;
}

export interface PresenterReport {
  readonly state: 'empty' | 'staged' | 'presented';
  readonly upper: number;
  readonly lower: number;
}

export function encodePresenterReport(report: PresenterReport): number[] {
  const state = {
    empty: PresenterState.EMPTY,
    staged: PresenterState.STAGED,
    presented: PresenterState.PRESENTED,
  }[report.state];
  return [state, ...encodeCount(report.upper), ...encodeCount(report.lower)];
}

export function decodePresenterReport(data: Uint8Array, at = 0): PresenterReport | null {
  const state =
    data[at] === PresenterState.EMPTY
      ? 'empty'
      : data[at] === PresenterState.STAGED
        ? 'staged'
        : data[at] === PresenterState.PRESENTED
          ? 'presented'
          : null;
  const upper = decodeCount(data, at + 1);
  const lower = decodeCount(data, at + 3);
  return state === null || Number.isNaN(upper) || Number.isNaN(lower) ? null : { state, upper, lower };
}
