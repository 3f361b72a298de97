/**
 * The SZZT style PIN pad driver and the byte-level emulator, each on its end of a pseudo terminal
 * pair, both through the `serialport` package; and the helpers its specs share.
 */
import type { Duplex } from 'node:stream';
import { eventually } from '@kiosk/domain/testing';
import type { PtyPair } from '../../src/common/pseudo-terminal-pair.js';
import type { SecurePin } from '../../src/common/secure-pin.js';
import {
  startEppOverPseudoTerminal,
  type EppPinPad,
  type EppPinPadEmulator,
  type EppPinPadEmulatorOptions,
  type EppPinPadOptions,
} from '../../src/pin-pad/epp-serial-road.js';
import type { CollectPinResult, PinPadKey, PinPadKeyEvent } from '../../src/pin-pad/pin-pad.port.js';

/**
 * The pad's timings on the rig: an answer time a loaded machine never meets by accident (the
 * emulator answers at once). A spec whose pad falls silent on purpose waits `SILENT_ANSWER_MS`.
 * The inter-byte wait stays short: the torn-frame specs wait for it on purpose.
 */
export const RIG_TIMINGS = {
  answerTimeoutMs: 3_000,
  interByteTimeoutMs: 30,
  // the emulator answers at once or never: a silent spell costs its specs no wait for a late answer
  lateAnswerMs: 50,
} as const satisfies EppPinPadOptions;
export const SILENT_ANSWER_MS = 1_000;

export interface EppRig {
  readonly pty: PtyPair;
  readonly deviceEnd: Duplex;
  readonly emulator: EppPinPadEmulator;
  readonly pad: EppPinPad;
  /** every key event the driver gave, in order */
  readonly keys: PinPadKeyEvent[];
  stop(): Promise<void>;
}

export async function startEppRig(
  options: { pad?: EppPinPadOptions; emulator?: EppPinPadEmulatorOptions; open?: boolean } = {},
): Promise<EppRig> {
  const rig = await startEppOverPseudoTerminal({
    ...(options.open === undefined ? {} : { open: options.open }),
    ...(options.emulator ? { emulator: options.emulator } : {}),
    pad: { ...RIG_TIMINGS, ...options.pad },
  });
  const keys: PinPadKeyEvent[] = [];
  rig.pad.onKey((event) => keys.push(event));
  return {
    pty: rig.pty,
    deviceEnd: rig.deviceEnd,
    emulator: rig.emulator,
    pad: rig.pad,
    keys,
    stop: rig.close,
  };
}

/** Resolves once the pad's keypad is open for the collection under way (its start answered). */
export async function keypadOpen(rig: EppRig): Promise<void> {
  await eventually(() => rig.emulator.collecting, 'the keypad open for the collection', { withinMs: 5_000 });
}

/** Resolves once the driver reported `count` key events. */
export async function keyEvents(rig: EppRig, count: number): Promise<void> {
  await eventually(() => rig.keys.length, `${count} key events reported`, {
    withinMs: 5_000,
    until: (reported) => reported >= count,
  });
}

/** Presses each key on the emulated pad, waiting for the driver to report it. */
export async function press(rig: EppRig, keys: readonly PinPadKey[]): Promise<void> {
  for (const key of keys) {
    const before = rig.keys.length;
    expect(rig.emulator.press(key)).toBe(true);
    if (/^[0-9]$/.test(key) || key === 'clear') await keyEvents(rig, before + 1);
  }
}

export const digitsOf = (pin: SecurePin): string => pin.useDigits((d) => Array.from(d).join(''));

export function pinOf(result: CollectPinResult): SecurePin {
  if (result.result !== 'entered') throw new Error(`no PIN: ${result.result}`);
  return result.pin;
}
