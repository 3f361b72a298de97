/**
 * RETRACT on the LCDM line as the port wants it (`retractWhenIdle`): a dispenser still counting
 * NAKs it (nothing moved), so the retract asks STATUS until the dispenser answers, within the
 * dispense timeout, then retracts. The notes of a dispense whose outcome was unknown were never
 * taken from the driver's cassette counts: the first presenter report or retract answer that
 * shows them takes them, once (`LcdmUncountedDispense`). A RETRACT left unanswered leaves the
 * presenter unknown: the dispenser reads out of reach (DEVICE_TIMEOUT) until a STATUS is answered
 * again, which reads the presenter first (`LcdmStatusWatch.outOfReach`).
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { LcdmCassettes } from './lcdm-dispense-result.js';
import type { LcdmNoteStock } from './lcdm-note-stock.js';
import type { LcdmPresenter } from './lcdm-presenter.js';
import type { LcdmStatusWatch } from './lcdm-status-watch.js';
import { retractWhenIdle } from './retract-when-idle.js';

/** The notes of a dispense whose outcome was unknown, not yet out of the cassettes' counts. */
export class LcdmUncountedDispense {
  readonly #stock: LcdmNoteStock;
  #pending = false;

  constructor(stock: LcdmNoteStock) {
    this.#stock = stock;
  }

  /** A dispense the dispenser may have taken ended without an answer or a presenter report. */
  expect(): void {
    this.#pending = true;
  }

  /** What the presenter was found holding (or retracted) came out of the cassettes: counted once. */
  found(notes: LcdmCassettes<number>): void {
    if (!this.#pending) return;
    this.#pending = false;
    this.#stock.take('upper', notes.upper);
    this.#stock.take('lower', notes.lower);
  }
}

export interface LcdmRetractParts {
  readonly presenter: LcdmPresenter;
  readonly status: LcdmStatusWatch;
  readonly stock: LcdmNoteStock;
  readonly uncounted: LcdmUncountedDispense;
  /** the longest wait for a dispenser still counting */
  readonly dispenseTimeoutMs: number;
  readonly busyPollMs: number;
}

export async function lcdmRetract(
  parts: LcdmRetractParts,
  options: { readonly signal?: AbortSignal; readonly onWait?: () => void },
): Promise<{ readonly retractedFen: number; readonly notes: number }> {
  const { presenter, status, stock, uncounted } = parts;
  const retracted = await retractWhenIdle(
    () => presenter.retract(),
    () => lcdmIdle(status),
    {
      boundMs: parts.dispenseTimeoutMs,
      pollMs: parts.busyPollMs,
      ...options,
    },
  ).catch((error: unknown) => {
    // no answer: whether the notes moved is unknown, so the dispenser reads out of reach at once,
    // and the STATUS that finds it again reads its presenter before it reads usable. Refused as
    // busy past the bound: nothing moved, but what the presenter holds is not known either (the
    // notes of a dispense whose outcome was unknown may wait there), so the same
    if (KioskError.is(error, ErrorCode.DEVICE_TIMEOUT) || KioskError.is(error, ErrorCode.DEVICE_BUSY))
      status.outOfReach();
    throw error;
  });
  uncounted.found(retracted.cassettes);
  stock.retract(retracted.notes);
  return { retractedFen: retracted.retractedFen, notes: retracted.notes };
}

/** STATUS answered: idle; NAKed: still busy; any other fault fails the retract. */
async function lcdmIdle(status: LcdmStatusWatch): Promise<boolean> {
  try {
    await status.refresh();
    return true;
  } catch (error) {
    if (KioskError.is(error, ErrorCode.DEVICE_BUSY)) return false;
    throw error;
  }
}
