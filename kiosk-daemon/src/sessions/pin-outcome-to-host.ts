/**
 * Tells the host what the card answered to a PIN (never the PIN), for its anomaly rules (RULES.md:
 * repeated PIN failures are flagged to the host and the fleet). The card has decided already, so
 * the resident never waits for the host; only for the journal.
 *
 * Journal first: the card's verdict (`pin.verify`) and the outcome owed to the host
 * (`host.pinOutcome` intent: the outcome, the entry's number in the session, the card masked) are
 * one commit, with the card number sealed in the transaction, before anything is sent. The host's
 * answer is journaled `host.pinOutcome` done; a refusal, failed with its code (`triedAgain: false`),
 * stands. A host that does not answer (down, timed out, 5xx) has the first failure journaled
 * (`triedAgain: true`) and the same event, under the same idempotency key (the kiosk, the
 * transaction, the entry, the outcome), tried again in the background (`JournaledHostRetries`,
 * 1 s doubling to 5 min) until it answers. A restart meanwhile ends the tries: the next boot sends
 * the outcomes journaled and not answered again (`resumeAtBoot`), under their same keys, which the
 * host answers once. A journal that refuses the commit (a full disk, its link down) does not keep
 * the outcome from the host, whose count of wrong PINs is the point: it is sent all the same, and
 * journaled owed before each of its tries until the journal takes it (from then on a restart
 * resends it); the host's answer is journaled only once the intent is (ADR 0006).
 *
 * One card's outcomes reach the host in the order the card gave them (its count of wrong PINs
 * flags, then blocks, and a reset clears it): they go one after the other under one key of the
 * background tries per card (`pinReportsKey`: the card masked and tagged, two cards masked alike
 * have their own), owned from an outcome's first send on, so none is sent while one before it is
 * still owed, and a PIN reset's report waits for them too (`pin-reset-report.ts`).
 */
import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { KioskError, maskCardNumber } from '@kiosk/domain';
import { HostService } from '../host/host.service.js';
import {
  JournaledHostRetries,
  hostDidNotAnswer,
  type BootHost,
  type HostRetry,
} from '../host/journaled-host-retries.js';
import { JournalService, type StepDetail } from '../journal/journal.service.js';
import { outlivingItsJourney } from '../journal/late-writes.js';
import { stepDetail } from '../journal/step-detail.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { HOST_ACT_STEPS, OWED_ACT_KINDS } from '../journal/owed-host-acts.js';
import { transactionsMayOwe } from '../journal/unfinished-acts.js';
import type { JourneyTools } from '../journeys/journey-tools.js';
import { pinReportsKey, sendPinReportsAtBoot, type OwedPinReport } from '../journeys/pin-reports-key.js';
import type { PinResetReports } from '../journeys/pin-reset-report.js';

export const PIN_OUTCOME_STEP = HOST_ACT_STEPS.pinOutcome;

type Outcome = 'verified' | 'wrong' | 'blocked';

/** One PIN entry's outcome owed to the host. */
interface OwedOutcome {
  readonly transactionId: string;
  readonly attempt: number;
  readonly outcome: Outcome;
  readonly cardNumber: string;
}

/** The card's verdict on a PIN entry, as `pin.verify` journals it. */
export interface PinVerdict {
  readonly result: 'ok' | 'wrong' | 'blocked';
  readonly attemptsLeft?: number;
}

/** The key of a card's PIN reports in the background tries (its outcomes and resets). */
const keyOf = pinReportsKey;

@Injectable()
export class PinOutcomeReports {
  private readonly log = new Logger('PinOutcomeReports');

  constructor(
    private readonly journal: JournalService,
    private readonly host: HostService,
    private readonly retries: JournaledHostRetries,
    // the journal's database, for the boot's read of what is owed (absent in unit specs of sessions)
    @Optional() @Inject(DataSource) private readonly db?: DataSource,
  ) {}

  /**
   * Journals the card's verdict and, with a card number, the outcome owed to the host (one
   * commit), then sends it in its card's turn without waiting for it. Never throws for the host;
   * a journal that refuses the commit throws as `tools.step` did; the outcome is sent all the same,
   * and journaled owed before each of its tries until the journal takes it (ADR 0006).
   */
  async tell(
    tools: Pick<JourneyTools, 'transactionId'>,
    cardNumber: string | undefined,
    verdict: PinVerdict,
    attempt: number,
  ): Promise<void> {
    const tx = tools.transactionId;
    const detail = {
      result: verdict.result,
      ...(verdict.attemptsLeft !== undefined && { attemptsLeft: verdict.attemptsLeft }),
    };
    if (!cardNumber) {
      await this.journal.recordStep(tx, 'pin.verify', 'event', detail);
      return;
    }
    const withNext = { withNextWrite: true };
    const owed: OwedOutcome = { transactionId: tx, attempt, outcome: outcomeOf(verdict.result), cardNumber };
    try {
      await this.journal.recordStep(tx, 'pin.verify', 'event', detail, undefined, withNext);
      await this.journalOwed(owed);
    } catch (e) {
      // the verdict stands on the card and the host must count it: told anyway, and journaled owed
      // before each try until the journal takes it (from then on a restart resends it at boot);
      // the session ends on the journal's refusal as it did when the verdict was its own commit
      this.log.error(
        `${tx}: PIN outcome ${attempt} not journaled (${KioskError.from(e).code}); told anyway, journaled again before each try`,
      );
      this.inTurn(owed, false);
      throw e;
    }
    this.inTurn(owed, true);
  }

  /**
   * The outcome owed to the host, journaled: the card number sealed with its transaction (a boot
   * after a restart sends the outcome again from it) and the intent, one commit with what waits
   * for it (the verdict). Into the session's transaction closed meanwhile too (a try's, late).
   */
  private async journalOwed(owed: OwedOutcome): Promise<void> {
    const { transactionId: tx, attempt, outcome, cardNumber } = owed;
    await this.journal.sealPersonalData(tx, 'cardNumber', cardNumber, { withNextWrite: true });
    await this.journal.recordStep(tx, PIN_OUTCOME_STEP, 'intent', {
      outcome,
      attempt,
      card: maskCardNumber(cardNumber),
    });
  }

  /**
   * The outcomes journaled and not answered (a restart cut their tries short), sent again in each
   * card's order, with the PIN resets' reports owed (`resets`) in the same order: a wrong PIN typed
   * after a reset whose report was owed goes after it (the host away at this boot: to the
   * background at once); returns how many the host answered now.
   */
  async resumeAtBoot(boot: BootHost, resets?: Pick<PinResetReports, 'owedAtBoot'>): Promise<number> {
    const owed: OwedPinReport[] = [];
    // a refusal of the host is final: its transaction is not read again (`refusalSettles`)
    const unfinished = this.db ? await transactionsMayOwe(this.db, OWED_ACT_KINDS.pinOutcome) : [];
    for (const tx of unfinished) {
      for (const o of await this.owedIn(tx)) {
        this.log.warn(`${o.transactionId}: PIN outcome ${o.attempt} was not told to the host; sent again`);
        owed.push({
          cardNumber: o.cardNumber,
          transactionId: tx,
          at: o.at,
          seq: o.seq,
          retry: this.resend(o),
        });
      }
    }
    if (resets) owed.push(...(await resets.owedAtBoot()));
    return sendPinReportsAtBoot(this.retries, owed, boot);
  }

  /**
   * `owed` sent after the card's outcomes before it: at once, or behind them in the background
   * (the card's key owned from its first send on, so a PIN reset's report waits for it too).
   */
  private inTurn(owed: OwedOutcome, journaled: boolean): void {
    this.retries.sendInTurn(keyOf(owed.cardNumber), this.resend(owed, journaled));
  }

  /**
   * The act the background tries send: one per outcome (never joined with another of its card).
   * Not `journaled` (the journal refused its commit): journaled owed first at each try until the
   * journal takes it; the host's answer is journaled only once its intent is.
   */
  private resend(owed: OwedOutcome, journaled = true): HostRetry {
    const { transactionId, attempt, outcome, cardNumber } = owed;
    let failureJournaled = false;
    return {
      step: `${PIN_OUTCOME_STEP} ${transactionId}#${attempt}`,
      // journaled here, in the outcome's own transaction, not under the card's key
      unjournaled: true,
      send: async () => {
        if (!journaled) journaled = await this.journaledLate(owed);
        try {
          // the session's transaction and the entry: the same key on each send
          await this.host.reportPinEvent(cardNumber, outcome, `${transactionId}:${attempt}`);
        } catch (e) {
          const error = KioskError.from(e);
          const triedAgain = hostDidNotAnswer(error);
          // the first failure, and a refusal, which stands
          if (journaled && (!triedAgain || !failureJournaled)) {
            failureJournaled = true;
            await this.settle(owed, 'failed', { outcome, attempt, code: error.code, triedAgain });
          }
          throw e;
        }
        if (journaled) await this.settle(owed, 'done', { outcome, attempt });
        else this.log.warn(`${transactionId}: PIN outcome ${attempt} answered by the host, never journaled`);
        return { outcome, attempt };
      },
    };
  }

  /**
   * True once the journal took the outcome owed that it had refused (written before its try). A
   * refusal may have been ambiguous (the store committed, the kiosk heard an error): an intent of
   * this entry found is that commit, not written again (two would be read at every boot).
   */
  private async journaledLate(owed: OwedOutcome): Promise<boolean> {
    try {
      if (await this.intentJournaled(owed)) return true;
      await outlivingItsJourney(`a PIN outcome the journal had refused`, () => this.journalOwed(owed));
      this.log.warn(`${owed.transactionId}: PIN outcome ${owed.attempt} journaled owed at last`);
      return true;
    } catch (e) {
      this.log.warn(
        `${owed.transactionId}: PIN outcome ${owed.attempt} still not journaled (${KioskError.from(e).code}); sent`,
      );
      return false;
    }
  }

  /** The entry's outcome owed is journaled already (with its card number, one commit). */
  private async intentJournaled({ transactionId, attempt }: OwedOutcome): Promise<boolean> {
    const steps = await this.journal.stepsOf(transactionId);
    return steps.some(
      (s) => s.step === PIN_OUTCOME_STEP && s.phase === 'intent' && stepDetail(s)['attempt'] === attempt,
    );
  }

  /**
   * The host's answer journaled: with the transaction's next write while it is open (lost with a
   * crash before it, the outcome is sent again at boot and the host answers it once).
   */
  private async settle(owed: OwedOutcome, phase: 'done' | 'failed', detail: StepDetail): Promise<void> {
    try {
      // designed to outlive the session: written after its close, as late writes are
      await outlivingItsJourney(`the host's answer to a PIN outcome`, () =>
        this.journal.recordStep(owed.transactionId, PIN_OUTCOME_STEP, phase, detail, undefined, {
          withNextWrite: true,
        }),
      );
    } catch (e) {
      // the kiosk stopping, or the journal refusing: owed still, so sent again at the next boot
      const code = KioskError.from(e).code;
      this.log.warn(
        `${owed.transactionId}: PIN outcome ${owed.attempt} ${phase} not journaled (${code}); sent again at the next boot`,
      );
    }
  }

  /** The outcomes of `transactionId` journaled and neither answered nor refused. */
  private async owedIn(transactionId: string): Promise<(OwedOutcome & { at: string; seq: number })[]> {
    // owed as retention reads it too (`owed-host-acts.ts`): one per entry, neither answered nor refused
    const intents = OWED_ACT_KINDS.pinOutcome.owedIn(await this.journal.stepsOf(transactionId));
    if (intents.length === 0) return [];
    let cardNumber: string | undefined;
    try {
      ({ cardNumber } = await this.journal.personalDataOf(transactionId));
    } catch (e) {
      this.log.error(
        `${transactionId}: its PIN outcomes' card number does not open (${KioskError.from(e).code}); left`,
      );
      return [];
    }
    if (!cardNumber) {
      this.log.error(`${transactionId}: its PIN outcomes have no card number sealed; left`);
      return [];
    }
    const owed: (OwedOutcome & { at: string; seq: number })[] = [];
    for (const { attempt, intent: s } of intents) {
      const outcome = stepDetail(s)['outcome'] as Outcome;
      owed.push({ transactionId, attempt: attempt!, outcome, cardNumber, at: s.at, seq: s.seq });
    }
    return owed;
  }
}

function outcomeOf(result: PinVerdict['result']): Outcome {
  return result === 'ok' ? 'verified' : result;
}
