/**
 * The kill harness's hook (test profile only; the config schema refuses `journal.crashAt` in every
 * other profile): the daemon SIGKILLs itself right before or right after it journals one step,
 * e.g. `after:cash.dispense:intent` (the intent is on disk, the notes have not moved) or
 * `before:cash.dispense:done` (the notes moved, the journal does not know yet). A SIGKILL cannot be
 * caught: nothing is flushed, closed or finished, as when the power goes.
 */
import type { JournalStep } from './journal-step.entity.js';

export type CrashPosition = 'before' | 'after';

export class JournalCrashPoint {
  private readonly at: { position: CrashPosition; step: string; phase: string } | undefined;

  constructor(
    spec: string | undefined,
    private readonly die: () => void = () => process.kill(process.pid, 'SIGKILL'),
  ) {
    const match = spec ? /^(before|after):(.+):(intent|done|failed|event)$/.exec(spec) : null;
    this.at = match ? { position: match[1] as CrashPosition, step: match[2]!, phase: match[3]! } : undefined;
  }

  /** Dies here when this is the configured point. */
  reached(position: CrashPosition, step: string, phase: JournalStep['phase']): void {
    const at = this.at;
    if (at && at.position === position && at.step === step && at.phase === phase) {
      process.stderr.write(`kiosk-daemon: kill harness point ${position}:${step}:${phase}\n`);
      this.die();
    }
  }
}
