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
 * menu until the step is in (or given up). Not journaled when something took the withdrawal up meanwhile (a recovery, a take,
 * a verdict, the host's word); given up after its tries (logged): the next boot's sweep of held
 * withdrawals finds the hold and leaves it for staff.
 */
import { RetryBackoff } from '@kiosk/device-drivers';
import { KioskError } from '@kiosk/domain';
import { Logger } from '@nestjs/common';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
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

/** The serials whose notes-left step is owed now (one dispenser a daemon: the process's). */
const owed = new Set<string>();

/**
 * A withdrawal's notes-left step is owed to the journal: a new withdrawal is refused at its start
 * until it is in (or given up), so none goes ahead of the one the kiosk would lose track of.
 */
export const notesLeftOwed = (): boolean => owed.size > 0;

const owedChanged = new Set<() => void>();

/** The owed steps as the kiosk machine's watch reads them: whether any is owed, and when that may have changed. */
export interface NotesLeftOwed {
  owed(): boolean;
  /** `listener` is called once a step became owed or stopped being owed; answers the unsubscribe */
  onChange(listener: () => void): () => void;
}

/** The process's owed steps (`cash-left-in-presenter.ts` holds withdrawals back while one is). */
export const NOTES_LEFT_OWED: NotesLeftOwed = {
  owed: notesLeftOwed,
  onChange(listener) {
    owedChanged.add(listener);
    return () => owedChanged.delete(listener);
  },
};

const tellOwedChanged = () => {
  for (const listener of [...owedChanged]) listener();
};

/** Steps after which the notes left are someone else's to settle: not journaled then. */
const TAKEN_UP = /^(recovery\.|cash\.taken$|cash\.leftInPresenter$|withdrawal\.(confirm|reverse)$)/;

const pause = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms).unref();
  });

/**
 * Journals `step` with `detail` through `tools` in the background until the journal takes it;
 * `told` once it did. Answers whether it was journaled (false: taken up meanwhile, or given up).
 */
export async function journalNotesLeftLater(
  deps: { readonly journal: Pick<JournalService, 'stepsOf'>; readonly tries?: OwedTries },
  tools: Pick<JourneyTools, 'step' | 'transactionId'>,
  step: string,
  detail: StepDetail,
  told: () => void,
): Promise<boolean> {
  const { firstMs, maxMs, tries } = deps.tries ?? NOTES_LEFT_TRIES;
  const serial = tools.transactionId;
  owed.add(serial);
  tellOwedChanged();
  try {
    return await tryNotesLeft({ firstMs, maxMs, tries }, deps.journal, tools, step, detail, told);
  } finally {
    owed.delete(serial);
    tellOwedChanged();
  }
}

async function tryNotesLeft(
  { firstMs, maxMs, tries }: OwedTries,
  journal: Pick<JournalService, 'stepsOf'>,
  tools: Pick<JourneyTools, 'step' | 'transactionId'>,
  step: string,
  detail: StepDetail,
  told: () => void,
): Promise<boolean> {
  const serial = tools.transactionId;
  const backoff = new RetryBackoff(firstMs, maxMs); // ADR 0020's doubling waits
  let code = 'none';
  for (let tried = 0; tried < tries; tried++) {
    await pause(backoff.next());
    try {
      const steps = await journal.stepsOf(serial);
      if (steps.some((s) => TAKEN_UP.test(s.step))) return false;
      await tools.step(step, detail);
      told();
      log.warn(`withdrawal ${serial}: the notes left in the presenter journaled for staff, late`);
      return true;
    } catch (e) {
      // the journal still refuses: tried again after a longer pause
      code = KioskError.from(e).code;
    }
  }
  log.error(
    `withdrawal ${serial}: the notes left in the presenter still not journaled after ${tries} tries (${code}); the next boot's sweep finds the hold`,
  );
  return false;
}
