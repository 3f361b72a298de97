/**
 * The host told of a PIN reset (`host.pinReset`: the pin-event `reset`, which clears the host's
 * count of wrong PINs and its PIN flags for the card). The card answers to the new PIN already, so
 * the resident never waits for this; but a report the host did not answer (down, timed out, 5xx)
 * left only its failure in the journal: the host went on counting the wrong PINs typed before the
 * reset and could flag a card its holder had just unlocked. Now the same report, under the same
 * idempotency key (the kiosk, the journey's transaction, `pin-reset`), goes to the background tries
 * of journaled host acts (`JournaledHostRetries`, 1 s doubling to 5 min) until the host answers,
 * then is journaled done; a refusal of the host stands.
 *
 * A restart before the host answered ends the tries; the next boot finds the report journaled and
 * not done (`resumeAtBoot`), in a transaction whose card took the new PIN (`card.resetPin` done),
 * and sends it again under the same key, which the host answers once. The report is owed from the
 * chip's done on, journaled or not yet (a restart between the chip and the host): the card number
 * for it is sealed with the transaction before the chip is written.
 *
 * The report goes after the card's PIN outcomes still owed to the host (`pin-outcome-to-host.ts`):
 * the background tries hold them under the card's key (`pinReportsKey`), the reset's tries too
 * (journaled in the journey's transaction, `journalAs`), and while the card has any there the
 * reset is not sent ahead of them but waits its turn. Else the host, back, counted the wrong PINs
 * typed before the reset after it, and flagged the card its holder had just unlocked.
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { KioskError } from '@kiosk/domain';
import { HostService } from '../host/host.service.js';
import { JournaledHostRetries, type BootHost, type HostRetry } from '../host/journaled-host-retries.js';
import { JournalService } from '../journal/journal.service.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { HOST_ACT_STEPS, OWED_ACT_KINDS } from '../journal/owed-host-acts.js';
import { transactionsMayOwe } from '../journal/unfinished-acts.js';
import type { JourneyTools } from './journey-tools.js';
import { pinReportsKey, sendPinReportsAtBoot, type OwedPinReport } from './pin-reports-key.js';

export const PIN_RESET_REPORT_STEP = HOST_ACT_STEPS.pinReset;

export interface PinResetReportDeps {
  readonly host: Pick<HostService, 'reportPinEvent'>;
  /** the daemon's background tries (absent in unit specs of the journey: the failure stands) */
  readonly retries?: Pick<JournaledHostRetries, 'retryLater' | 'owns' | 'firstTry'>;
}

function resend(
  host: PinResetReportDeps['host'],
  cardNumber: string,
  transactionId: string,
  handedOver = false,
): HostRetry {
  return {
    step: PIN_RESET_REPORT_STEP,
    // under its card's key, journaled in its own transaction
    journalAs: transactionId,
    // journaled as the tries take it over: a restart before the host answered leaves it owed
    ...(handedOver ? { intent: { outcome: 'reset', triedAgain: true } } : {}),
    send: async () => {
      await host.reportPinEvent(cardNumber, 'reset', transactionId);
      return { outcome: 'reset' };
    },
  };
}

/**
 * Tells the host of the reset, journaled; not answered: tried again in the background (its first
 * failure journaled). Never throws: the card has the new PIN whatever the host answers.
 */
export async function reportPinReset(
  deps: PinResetReportDeps,
  tools: Pick<JourneyTools, 'irreversible' | 'transactionId' | 'seal'>,
  cardNumber: string,
  signal?: AbortSignal,
): Promise<void> {
  const key = pinReportsKey(cardNumber);
  try {
    // sealed with this journey's transaction: a boot after a restart sends the report again from it
    await tools.seal?.('cardNumber', cardNumber);
    if (deps.retries?.owns(key)) {
      // the card's PIN outcomes still owed to the host: the reset after them (its intent journaled)
      await deps.retries.firstTry(key, resend(deps.host, cardNumber, tools.transactionId, true));
      return;
    }
    await tools.irreversible(PIN_RESET_REPORT_STEP, () =>
      deps.host.reportPinEvent(cardNumber, 'reset', tools.transactionId, signal),
    );
  } catch (e) {
    // the report (journaled intent, failed) goes on in the background: the same act, the same key
    await deps.retries
      ?.retryLater(key, e, resend(deps.host, cardNumber, tools.transactionId, true))
      .catch(() => undefined);
  }
}

/** The reports of PIN resets a restart cut short, sent again at boot. */
@Injectable()
export class PinResetReports {
  private readonly log = new Logger('PinResetReports');

  constructor(
    private readonly journal: JournalService,
    @Inject(DataSource) private readonly db: DataSource,
    private readonly host: HostService,
    private readonly retries: JournaledHostRetries,
  ) {}

  /**
   * Every reset report journaled and not done, in a transaction no longer open, sent again (the
   * host away at this boot: to the background at once); returns how many the host answered now.
   * With the card's PIN outcomes owed too, `PinOutcomeReports.resumeAtBoot` sends both in one order.
   */
  async resumeAtBoot(boot: BootHost): Promise<number> {
    return sendPinReportsAtBoot(this.retries, await this.owedAtBoot(), boot);
  }

  /** The reset reports journaled and not done, in transactions no longer open. */
  async owedAtBoot(): Promise<OwedPinReport[]> {
    const owed: OwedPinReport[] = [];
    const open = new Set((await this.journal.openTransactions()).map((t) => t.id));
    for (const transactionId of await transactionsMayOwe(this.db, OWED_ACT_KINDS.pinReset)) {
      if (open.has(transactionId)) continue;
      const report = await this.unfinished(transactionId);
      if (!report) continue;
      this.log.warn(`${transactionId}: its PIN reset was not told to the host; sent again`);
      owed.push(report);
    }
    return owed;
  }

  private async unfinished(transactionId: string): Promise<OwedPinReport | undefined> {
    // only a reset the card took, neither answered nor refused: owed as retention reads it too
    const [owed] = OWED_ACT_KINDS.pinReset.owedIn(await this.journal.stepsOf(transactionId));
    if (!owed) return undefined;
    let cardNumber: string | undefined;
    try {
      ({ cardNumber } = await this.journal.personalDataOf(transactionId));
    } catch (e) {
      // left, as a PIN outcome's is: the card's other reports owed are still sent
      const code = KioskError.from(e).code;
      this.log.error(`${transactionId}: its PIN reset report's card number does not open (${code}); left`);
      return undefined;
    }
    if (!cardNumber) {
      this.log.error(`${transactionId}: its PIN reset report has no card number sealed; left`);
      return undefined;
    }
    // its place in the card's order: where its report was first journaled
    const since = owed.intent;
    const retry = resend(this.host, cardNumber, transactionId);
    return { cardNumber, transactionId, at: since.at, seq: since.seq, retry };
  }
}
