/**
 * The notes a withdrawal's failed retract left in the presenter, which the journal refused to
 * journal for staff (`cash.leftInPresenter`), after it refused the retract's own intent, which
 * would have told the next recovery and the fleet's count (`withdrawalsEndedUndecided`) of it:
 * nothing said the withdrawal was left, so in service it was told to neither staff nor the fleet,
 * the hold kept at the host and read only by the next boot's sweep (or lost to the hold's expiry).
 * The step is owed: journaled again in the background, with growing pauses, until the journal
 * takes it; then told (`notesLeft`) as if it had gone in at once. Money moves on no withdrawal
 * while the journal refuses writes (each act is journaled first), so none is paid before the
 * step is in, and a new withdrawal is refused at its start meanwhile (`notesLeftOwed`), the kiosk
 * machine told so (CASH_LEFT_IN_PRESENTER, `cash-left-in-presenter.ts`): withdrawals are off the
 * menu until the step is in (or given up). Not journaled when something took the withdrawal up
 * meanwhile (a recovery, a take, a verdict, the host's word); given up after its tries, or at the
 * daemon's shutdown (logged): the next boot's sweep of held withdrawals finds the hold and leaves
 * it for staff. What is owed is the daemon's (`NotesLeftOwedSteps`, a provider of the sessions
 * module): two daemons in one process never see each other's.
 */
import { RetryBackoff } from '@kiosk/device-drivers';
import { KioskError } from '@kiosk/domain';
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { JournalService, type StepDetail } from '../journal/journal.service.js';
import type { JourneyTools } from './journey-tools.js';

const log = new Logger('WithdrawalRetract');

/** The background tries of an owed step: the first pause, the longest, how many tries. */
export interface OwedTries {
  readonly firstMs: number;
  readonly maxMs: number;
  readonly tries: number;
}

/** about eight minutes of tries */
export const NOTES_LEFT_TRIES: OwedTries = { firstMs: 1_000, maxMs: 30_000, tries: 20 };

/** The owed steps as the kiosk machine's watch reads them: whether any is owed, and when that may have changed. */
export interface NotesLeftOwed {
  owed(): boolean;
  /** `listener` is called once a step became owed or stopped being owed; answers the unsubscribe */
  onChange(listener: () => void): () => void;
}

/** Steps after which the notes left are someone else's to settle: not journaled then. */
const TAKEN_UP = /^(recovery\.|cash\.taken$|cash\.leftInPresenter$|withdrawal\.(confirm|reverse)$)/;

const pause = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * The daemon's owed notes-left steps (one dispenser a daemon): the withdrawal retract owes them,
 * the withdrawal journey's start and the watch of notes left in the presenter
 * (`cash-left-in-presenter.ts`) hold withdrawals back while one is.
 */
@Injectable()
export class NotesLeftOwedSteps implements NotesLeftOwed, OnApplicationShutdown {
  /** the serials whose notes-left step is owed now */
  private readonly serials = new Set<string>();
  private readonly listeners = new Set<() => void>();
  private shutDown = false;

  constructor(@Inject(JournalService) private readonly journal: Pick<JournalService, 'stepsOf'>) {}

  /**
   * A withdrawal's notes-left step is owed to the journal: a new withdrawal is refused at its start
   * until it is in (or given up), so none goes ahead of the one the kiosk would lose track of.
   */
  owed(): boolean {
    return this.serials.size > 0;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Journals `step` with `detail` through `tools` in the background until the journal takes it;
   * `told` once it did. Answers whether it was journaled (false: taken up meanwhile, or given up).
   */
  async journalLater(
    tools: Pick<JourneyTools, 'step' | 'transactionId'>,
    step: string,
    detail: StepDetail,
    told: () => void,
    tries: OwedTries = NOTES_LEFT_TRIES,
  ): Promise<boolean> {
    const serial = tools.transactionId;
    this.serials.add(serial);
    this.tellChanged();
    try {
      return await this.tryNotesLeft(tries, tools, step, detail, told);
    } finally {
      this.serials.delete(serial);
      this.tellChanged();
    }
  }

  /** The daemon stops: what is still owed is given up at the next try (the next boot's sweep). */
  onApplicationShutdown(): void {
    this.shutDown = true;
  }

  private tellChanged(): void {
    for (const listener of [...this.listeners]) listener();
  }

  private async tryNotesLeft(
    { firstMs, maxMs, tries }: OwedTries,
    tools: Pick<JourneyTools, 'step' | 'transactionId'>,
    step: string,
    detail: StepDetail,
    told: () => void,
  ): Promise<boolean> {
    const serial = tools.transactionId;
    const backoff = new RetryBackoff(firstMs, maxMs); // ADR 0020's doubling waits
    let code = 'none';
    for (let tried = 0; tried < tries && !this.shutDown; tried++) {
      await pause(backoff.next());
      if (this.shutDown) break;
      try {
        const steps = await this.journal.stepsOf(serial);
        if (steps.some((s) => TAKEN_UP.test(s.step))) return false;
        if (this.shutDown) break; // stopped while the journal was read
        await tools.step(step, detail);
        told();
        log.warn(`withdrawal ${serial}: the notes left in the presenter journaled for staff, late`);
        return true;
      } catch (e) {
        // the journal still refuses: tried again after a longer pause
        code = KioskError.from(e).code;
      }
    }
    const ended = this.shutDown ? 'at the shutdown' : `after ${tries} tries`;
    log.error(
      `withdrawal ${serial}: the notes left in the presenter still not journaled ${ended} (${code}); the next boot's sweep finds the hold`,
    );
    return false;
  }
}
