/** What the LCDM driver is configured with: its cassettes and bins, its line and its timings. */
import { DEFAULT_DISPENSE_TIMEOUT_MS, DEFAULT_DISPENSER_RESPONSE_TIMEOUT_MS } from '@kiosk/domain';
import type { LcdmLineOptions } from './lcdm-serial-line.js';
import type { LcdmCassetteConfig, LcdmCassetteSlot } from './lcdm-note-stock.js';

export interface LcdmCashDispenserOptions extends LcdmLineOptions {
  readonly cassettes: Readonly<Record<LcdmCassetteSlot, LcdmCassetteConfig>>;
  readonly rejectBinCapacity?: number;
  readonly retractBinCapacity?: number;
  /** answer time for short commands (default `DEFAULT_DISPENSER_RESPONSE_TIMEOUT_MS`) */
  readonly responseTimeoutMs?: number;
  /** answer time for a dispense of 60 notes (default `DEFAULT_DISPENSE_TIMEOUT_MS`) */
  readonly dispenseTimeoutMs?: number;
  /** presenter polling while notes are presented (the 'taken' event) */
  readonly takenPollMs?: number;
  /**
   * STATUS polling while a retract waits for a dispenser still counting (it NAKs the retract), up
   * to `dispenseTimeoutMs`
   */
  readonly busyPollMs?: number;
  /** STATUS polling while idle, to notice a pulled cable or a cleared jam; 0 = off */
  readonly heartbeatMs?: number;
  /** opens tried when a lost line is back and the dispenser does not answer at once (`LcdmRestore`) */
  readonly restoreAttempts?: number;
  /** wait between those opens */
  readonly restoreRetryMs?: number;
  /**
   * The counts are the kiosk's to keep: a real LCDM senses near-end only and counts nothing, so
   * after a restart only the kiosk's journal knows how many notes are left (`restoreCounts`). An
   * emulator on a pseudo terminal keeps its own notes and leaves this off.
   */
  readonly countsFromJournal?: boolean;
}

export type LcdmDriverTimings = Required<
  Pick<
    LcdmCashDispenserOptions,
    | 'responseTimeoutMs'
    | 'dispenseTimeoutMs'
    | 'takenPollMs'
    | 'busyPollMs'
    | 'heartbeatMs'
    | 'restoreAttempts'
    | 'restoreRetryMs'
  >
>;

export function lcdmDriverTimings(options: LcdmCashDispenserOptions): LcdmDriverTimings {
  return {
    responseTimeoutMs: options.responseTimeoutMs ?? DEFAULT_DISPENSER_RESPONSE_TIMEOUT_MS,
    dispenseTimeoutMs: options.dispenseTimeoutMs ?? DEFAULT_DISPENSE_TIMEOUT_MS,
    takenPollMs: options.takenPollMs ?? 250,
    busyPollMs: options.busyPollMs ?? 250,
    heartbeatMs: options.heartbeatMs ?? 0,
    restoreAttempts: options.restoreAttempts ?? 5,
    restoreRetryMs: options.restoreRetryMs ?? 2_000,
  };
}
