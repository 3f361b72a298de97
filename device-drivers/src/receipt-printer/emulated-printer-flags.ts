/**
 * What the emulated printer's mechanism says in its status bytes: paper left on the roll, the
 * cover, the autocutter and the print head's heat, as the flags of DLE EOT and ASB; and which commands cut the paper
 * (the autocutter's work, refused while it is faulty).
 */
import type { EscposToken } from './escpos-stream.parser.js';
import { ESC, GS, type PrinterFlags } from './escpos.protocol.js';

export interface EmulatedPrinterCondition {
  /** paper left on the roll, in dots */
  readonly paperRemaining: number;
  /** the near-end sensor trips under this many dots */
  readonly nearEndAt: number;
  readonly coverOpen: boolean;
  /** the autocutter failed and waits for recovery */
  readonly cutterError: boolean;
  /**
   * the print head too hot: printing stops until it has cooled and then goes on by itself, an
   * auto-recoverable error (DLE EOT 3 bit 6), the printer offline meanwhile
   */
  readonly headHot?: boolean;
}

export function emulatedPrinterFlags(c: EmulatedPrinterCondition): PrinterFlags {
  const paperOut = c.paperRemaining <= 0;
  const headHot = c.headHot ?? false;
  return {
    offline: c.coverOpen || paperOut || c.cutterError || headHot,
    coverOpen: c.coverOpen,
    paperFeedButton: false,
    waitingForRecovery: c.cutterError,
    stoppedByPaperEnd: paperOut,
    errorOccurred: c.cutterError || headHot,
    recoverableError: false,
    cutterError: c.cutterError,
    unrecoverableError: false,
    autoRecoverableError: headHot,
    paperNearEnd: c.paperRemaining < c.nearEndAt,
    paperOut,
  };
}

/** GS V (cut), ESC i and ESC m (partial cut). */
export function isCutCommand(t: EscposToken): boolean {
  return (
    t.kind === 'command' &&
    ((t.prefix === GS && t.code === 0x56) || (t.prefix === ESC && (t.code === 0x69 || t.code === 0x6d)))
  );
}
