/**
 * The LCDM cash dispenser driver and the byte-level emulator, each on its end of a pseudo
 * terminal pair, both through the `serialport` package: the path a real dispenser takes.
 */
import {
  startLcdmOverPseudoTerminal,
  type LcdmCashDispenser,
  type LcdmCashDispenserEmulator,
  type LcdmCashDispenserEmulatorOptions,
  type LcdmCashDispenserOptions,
} from '../../src/cash-dispenser/index.js';
import type { PtyPair } from '../../src/common/pseudo-terminal-pair.js';

export const YUAN = 100;

/** The rig's cassettes: 200 notes of 100 yuan above, 200 of 50 yuan below, low at 20. */
export const RIG_CASSETTES: LcdmCashDispenserOptions['cassettes'] = {
  upper: { denominationFen: 100 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
  lower: { denominationFen: 50 * YUAN, count: 200, lowThreshold: 20, emptyThreshold: 0 },
};

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
      ackTimeoutMs: 150,
      responseTimeoutMs: 400,
      dispenseTimeoutMs: 2_000,
      interByteTimeoutMs: 30,
      takenPollMs: 20,
      ...options.driver,
    },
  });
  return { pty: rig.pty, emulator: rig.emulator, driver: rig.driver, stop: rig.close };
}
