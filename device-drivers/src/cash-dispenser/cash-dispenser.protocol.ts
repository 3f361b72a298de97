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
 * with three commands of our own (PRESENT, RETRACT, PRESENTER_STATUS), marked in the command set.
 *
 * The command set is in `lcdm-command-set.ts`, the frame codec in `lcdm-frame-codec.ts`; both are
 * re-exported here, so driver and emulator import the one protocol.
 */
import { LcdmCommand, PresenterState } from './lcdm-command-set.js';
import { decodeCount, encodeCount, encodeFrame, type LcdmFrame } from './lcdm-frame-codec.js';

export * from './lcdm-command-set.js';
export * from './lcdm-frame-codec.js';

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
