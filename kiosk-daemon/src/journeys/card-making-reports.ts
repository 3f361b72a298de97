/**
 * Recovery's report of a card making to the office (`recovery.host.issued`: the card `issued`, or
 * its number `abandoned`), and the journey's own (`host.issued`, `reportCardOfJourney`), that the
 * office did not answer (down, timed out, 5xx). Left failed, the
 * office would never learn the number's fate: a card taken but never made active, or a number
 * never voided. So it goes to the background tries of journaled host acts (`JournaledHostRetries`,
 * the same pauses as a withdrawal's), keyed by its transaction: the same report, under the same
 * idempotency key (the transaction and the outcome), until the office answers, then journaled
 * done. Its intent is journaled before the first try, and its first failure (`triedAgain`).
 *
 * A restart before the office answered ends the tries; the next boot finds the report journaled
 * and not done in a closed transaction (`resumeAtBoot`) and sends it again, the same report under
 * the same key, which the office answers once. A report the office answered otherwise (refused)
 * stands, left to staff; so does one of a staff verdict (its transaction stays open, staff send it
 * again, ADR 0010).
 */
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import type { IssuanceReport } from '@kiosk/host-simulator/contract';
import { IssuanceHostService } from '../host/issuance-host.service.js';
import { JournaledHostRetries, type BootHost, type HostRetry } from '../host/journaled-host-retries.js';
import type { JourneyTools } from './journey-tools.js';
import { JournalService } from '../journal/journal.service.js';
import { detailText } from '../journal/step-detail.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { OWED_ACT_KINDS, HOST_ACT_STEPS } from '../journal/owed-host-acts.js';
import { transactionsMayOwe } from '../journal/unfinished-acts.js';

export const CARD_REPORT_STEP = HOST_ACT_STEPS.cardReport;
/** the card making's own report, owed the same way (`reportCardOfJourney`) */
export const JOURNEY_CARD_REPORT_STEP = HOST_ACT_STEPS.journeyCardReport;

/** The codes of a sealed value that does not open: a changed byte, a key the kiosk does not hold. */
const DOES_NOT_OPEN: readonly string[] = [ErrorCode.JOURNAL_SEAL_BROKEN, ErrorCode.JOURNAL_KEY_MISSING];

/**
 * The card number a card making sealed, opened; `notOpen`: the code of one that does not open. Its
 * report cannot be rebuilt then, and is left owed as a PIN report's is (`owed-host-acts.ts`: sent at
 * a boot it opens at, or given up at the bound), never thrown out of recovery: that stopped every
 * settlement after it. A journal that cannot be read is thrown.
 */
export async function sealedCardNumber(
  journal: Pick<JournalService, 'personalDataOf'>,
  transactionId: string,
): Promise<{ readonly cardNumber?: string; readonly notOpen?: string }> {
  try {
    const { cardNumber } = await journal.personalDataOf(transactionId);
    return cardNumber === undefined ? {} : { cardNumber };
  } catch (e) {
    const { code } = KioskError.from(e);
    if (!DOES_NOT_OPEN.includes(code)) throw e;
    return { notOpen: code };
  }
}

/** What recovery needs to report a card making through the background tries. */
export type CardReports = Pick<CardMakingReports, 'report'>;

@Injectable()
export class CardMakingReports {
  private readonly log = new Logger('CardMakingReports');

  constructor(
    private readonly journal: JournalService,
    @Inject(DataSource) private readonly db: DataSource,
    /** the daemon's one provider of the background tries (`owns` covers these reports too) */
    private readonly retries: JournaledHostRetries,
    @Optional() private readonly issuance?: IssuanceHostService,
  ) {}

  /**
   * Journals the report's intent (`detail`, with the report's reason), then sends it: true when
   * the office answered now. Not answered: its failure journaled (`triedAgain`), tried again in the
   * background until the office answers. Refused: journaled failed (`triedAgain: false`), it stands.
   * At boot (`boot`): an office that did not answer earlier at this boot is not asked, the report
   * goes to the background tries at once (its intent journaled); one not answering marks it away.
   */
  async report(
    transactionId: string,
    applicationNo: string,
    report: IssuanceReport,
    detail: Record<string, string>,
    boot?: BootHost,
  ): Promise<boolean> {
    if (!this.issuance) return false;
    await this.journal.recordStep(transactionId, CARD_REPORT_STEP, 'intent', {
      ...detail,
      ...(report.reason === undefined ? {} : { reason: report.reason }),
    });
    const retry = this.retry(applicationNo, report, transactionId);
    return boot
      ? this.retries.tryAtBoot(transactionId, retry, boot)
      : this.retries.firstTry(transactionId, retry);
  }

  /**
   * At boot, after the open transactions: every report journaled and not done in a transaction
   * closed (not in `openAtBoot`) is sent again; those the office does not answer go on in the
   * background, and all of them once it did not answer one at this boot (`boot.away`, which it
   * sets). Returns how many the office answered now.
   */
  async resumeAtBoot(openAtBoot: ReadonlySet<string>, boot: BootHost): Promise<number> {
    if (!this.issuance) return 0;
    let done = 0;
    // still open (left for staff): a staff verdict's report is theirs
    const open = new Set((await this.journal.openTransactions()).map((t) => t.id));
    for (const transactionId of await transactionsMayOwe(this.db, OWED_ACT_KINDS.cardReport)) {
      if (openAtBoot.has(transactionId) || open.has(transactionId) || this.retries.owns(transactionId))
        continue;
      const retry = await this.unfinished(transactionId);
      if (!retry) continue;
      this.log.warn(`${transactionId}: its card report (${retry.step}) was not answered; sent again`);
      if (await this.retries.tryAtBoot(transactionId, retry, boot)) done += 1;
    }
    return done;
  }

  /** The report left unanswered in this transaction, rebuilt as recovery sent it; none to send: undefined. */
  private async unfinished(transactionId: string): Promise<HostRetry | undefined> {
    const steps = await this.journal.stepsOf(transactionId);
    // owed as retention reads it too (`owed-host-acts.ts`): not a staff verdict's, nor refused
    const [owed] = OWED_ACT_KINDS.cardReport.owedIn(steps);
    if (!owed) return undefined;
    const outcome = detailText(owed.intent, 'outcome') === 'issued' ? 'issued' : 'abandoned';
    const applicationNo = detailText(
      steps.findLast((s) => s.step === 'issuance.order'),
      'applicationNo',
    );
    const { cardNumber, notOpen } = await sealedCardNumber(this.journal, transactionId);
    if (notOpen !== undefined) {
      this.log.error(`${transactionId}: its card report's card number does not open (${notOpen}); left`);
      return undefined;
    }
    if (!applicationNo || !cardNumber) {
      this.log.error(`${transactionId}: its card report cannot be rebuilt from the journal; left to staff`);
      return undefined;
    }
    // the body sent before (a replay under the key must be the same request): recovery's abandoned
    // ones are `interrupted`, the journey's journal their reason
    const fallback = outcome === 'abandoned' && owed.step === CARD_REPORT_STEP ? 'interrupted' : undefined;
    const reason = detailText(owed.intent, 'reason') ?? fallback;
    const report: IssuanceReport = { cardNumber, outcome, ...(reason === undefined ? {} : { reason }) };
    this.log.log(`${transactionId}: card ${maskCardNumber(cardNumber)} to be reported ${outcome}`);
    return this.retry(applicationNo, report, transactionId, owed.step);
  }

  private retry(
    applicationNo: string,
    report: IssuanceReport,
    transactionId: string,
    step: string = CARD_REPORT_STEP,
  ): HostRetry {
    return cardReportRetry(this.issuance!, step, applicationNo, report, transactionId);
  }
}

/** A card report sent again, the same body under the same key (the transaction and the outcome). */
function cardReportRetry(
  issuance: Pick<IssuanceHostService, 'reportIssuance'>,
  step: string,
  applicationNo: string,
  report: IssuanceReport,
  transactionId: string,
): HostRetry {
  return {
    step,
    send: async () => {
      await issuance.reportIssuance(applicationNo, report, transactionId);
      return { outcome: report.outcome };
    },
  };
}

/**
 * The card making's own report to the office (`host.issued`: the card taken, or its number
 * abandoned), journaled with its body's outcome and reason; the office not answering it: the same
 * report tried again in the background until it answers (the session goes on: the card is where the
 * journey says), and sent again at the next boot if a restart comes first (`resumeAtBoot`). Owed as
 * recovery's is: else the office never learned of a card taken, its number stayed reserved for the
 * application, and the next card making made a second card with it. A refusal is thrown.
 */
export async function reportCardOfJourney(
  deps: {
    readonly issuance: Pick<IssuanceHostService, 'reportIssuance'>;
    readonly retries?: Pick<JournaledHostRetries, 'retryLater'>;
  },
  tools: Pick<JourneyTools, 'irreversible' | 'transactionId'>,
  applicationNo: string,
  report: IssuanceReport,
  signal?: AbortSignal,
): Promise<void> {
  const { outcome, reason } = report;
  const detail = {
    outcome,
    card: maskCardNumber(report.cardNumber),
    ...(reason === undefined ? {} : { reason }),
  };
  const serial = tools.transactionId;
  try {
    await tools.irreversible(
      JOURNEY_CARD_REPORT_STEP,
      () => deps.issuance.reportIssuance(applicationNo, report, serial, signal),
      detail,
    );
  } catch (e) {
    const retry = cardReportRetry(deps.issuance, JOURNEY_CARD_REPORT_STEP, applicationNo, report, serial);
    const later = await deps.retries?.retryLater(serial, e, retry).catch(() => false);
    if (!later) throw e;
  }
}
