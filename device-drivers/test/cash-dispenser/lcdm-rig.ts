/**
 * The LCDM cash dispenser driver and the byte-level emulator, each on its end of a pseudo
 * terminal pair, both through the `serialport` package: the path a real dispenser takes.
 */
import {
  type LcdmCashDispenser,
  type LcdmCashDispenserEmulator,
  type LcdmCashDispenserEmulatorOptions,
  type LcdmCashDispenserOptions,
} from '../../src/cash-dispenser/index.js';
import { startLcdmOverPseudoTerminal } from '../../src/cash-dispenser/lcdm-serial-road.js';
import type { PtyPair } from '../../src/common/pseudo-terminal-pair.js';

export const YUAN = 100;

/** The rig's cassettes: 200 notes of 100 yuan above, 200 of 50 yuan below, low at 20. */
export const RIG_CASSETTES: LcdmCashDispenserOptions['cassettes'] = {
  upper: { denominationFen: 100 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
  lower: { denominationFen: 50 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
};

/**
 * The driver's timings on the rig: answer times a loaded machine never meets by accident (the
 * emulator answers at once, but a busy CI machine once let a 400 ms answer time pass at the
 * rig's open). A spec that waits for a silent dispenser on purpose sets its own ACK wait
 * (`SILENT_ACK_MS`); the answer times stay these. The inter-byte wait stays short: the torn-frame
 * specs wait for it on purpose, and one met by accident costs a NAK and a resend, not the test.
 */
export const RIG_TIMINGS = {
  ackTimeoutMs: 1_000,
  responseTimeoutMs: 3_000,
  dispenseTimeoutMs: 10_000,
  interByteTimeoutMs: 30,
  takenPollMs: 20,
} as const satisfies Partial<LcdmCashDispenserOptions>;

/**
 * The ACK wait of a spec whose dispenser falls silent on purpose (the driver's default): the
 * silence costs three of them, as a command is sent three times; an answering dispenser has
 * those three to be heard, as a late ACK is taken at the next send.
 */
export const SILENT_ACK_MS = 500;

export interface LcdmRig {
  readonly pty: PtyPair;
  readonly emulator: LcdmCashDispenserEmulator;
  readonly driver: LcdmCashDispenser;
  stop(): Promise<void>;
}

export async function startLcdmRig(
  options: {
    emulator?: LcdmCashDispenserEmulatorOptions;
    driver?: Partial<LcdmCashDispenserOptions>;
    open?: boolean;
  } = {},
): Promise<LcdmRig> {
  const rig = await startLcdmOverPseudoTerminal({
    emulator: options.emulator,
    open: options.open,
    driver: {
      cassettes: RIG_CASSETTES,
      ...RIG_TIMINGS,
      ...options.driver,
    },
  });
  return { pty: rig.pty, emulator: rig.emulator, driver: rig.driver, stop: rig.close };
}
