/**
 * A hold left at the host by an authorisation whose answer the kiosk could not read: it timed out,
 * or carried a status the kiosk does not know (HOST_UNKNOWN_WITHDRAWAL_STATUS, ADR 0013). The
 * kiosk dispensed nothing and does not know the authorisation id, yet the host may hold the
 * resident's money. It is released at once by the authorisation's serial (its idempotency key),
 * not at the next boot, which may be days away:
 *
 *   journal `withdrawal.release` intent → the host releases what it holds under the serial (a
 *   no-op where it holds nothing; an authorisation arriving after it holds nothing either) →
 *   journal done. The host not answering: tried again in the background with a growing pause
 *   until it answers (the first failure journaled). A restart between intent and done: recovery
 *   at boot sends the same release again (`resumeAtBoot`), which the host answers once.
 *
 * Only a withdrawal whose journal shows the authorisation asked and no dispense intent is
 * released: notes that may have moved are recovery's (`decideWithdrawal`).
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { HostService } from '../host/host.service.js';
import { JournalStep } from '../journal/journal-step.entity.js';
import { JournalService } from '../journal/journal.service.js';
import { DataSource } from '../journal/typeorm-runtime.js';

export const RELEASE_STEP = 'withdrawal.release';

type HostReason = 'cancelled' | 'timeout';

/** Failures where the host did not answer: tried again. Any other answer of the host stands. */
const NOT_ANSWERED: ReadonlySet<string> = new Set([
  ErrorCode.HOST_TIMEOUT,
  ErrorCode.HOST_UNREACHABLE,
  ErrorCode.HOST_BAD_RESPONSE,
  ErrorCode.SESSION_CANCELLED,
]);

function hostDidNotAnswer(error: KioskError): boolean {
  const status = error.details['status'];
  return NOT_ANSWERED.has(error.code) || (typeof status === 'number' && status >= 500);
}

/** The host's reason for the release, from the code the authorisation ended with. */
export function releaseReason(code: string): HostReason {
  return code === ErrorCode.HOST_TIMEOUT ? 'timeout' : 'cancelled';
}

@Injectable()
export class WithdrawalHoldRelease implements OnApplicationShutdown {
  private readonly log = new Logger('WithdrawalHoldRelease');
  /** pauses between tries in the background: the first, doubled each time up to the last */
  retry = { firstMs: 1_000, maxMs: 300_000 };
  /** releases the host has not answered yet, by transaction serial */
  private readonly waiting = new Map<string, { timer?: NodeJS.Timeout; pauseMs: number }>();
  private stopped = false;

  constructor(
    private readonly journal: JournalService,
    private readonly host: HostService,
    @Inject(DataSource) private readonly db: DataSource,
  ) {}

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const entry of this.waiting.values()) clearTimeout(entry.timer);
    this.waiting.clear();
  }

  /** True while this serial's release waits for the host here (recovery's sweep leaves it alone). */
  owns(transactionId: string): boolean {
    return this.waiting.has(transactionId);
  }

  /**
   * Releases the hold of a withdrawal whose authorisation's answer was not read (`code`: how it
   * ended). True when the host answered now; false when nothing is to be released or the host is
   * tried again in the background.
   */
  async releaseUnreadAuthorisation(transactionId: string, amountFen: number, code: string): Promise<boolean> {
    const steps = await this.journal.stepsOf(transactionId);
    const asked = steps.some((s) => s.step === 'withdrawal.authorise' && s.phase === 'intent');
    if (!asked) {
      await this.journal.recordStep(transactionId, RELEASE_STEP, 'event', {
        skipped: 'never authorised',
        amountFen,
      });
      return false;
    }
    if (steps.some((s) => s.step === 'cash.dispense' && s.phase === 'intent')) {
      // notes may have moved: the host is told only by recovery, from the dispenser's own counts
      this.log.error(`${transactionId}: a dispense was journaled, the hold is left to recovery`);
      return false;
    }
    const reason = releaseReason(code);
    await this.journal.recordStep(transactionId, RELEASE_STEP, 'intent', { amountFen, reason, code });
    return this.attempt(transactionId, reason, true);
  }

  /**
   * At boot: every release journaled but not done is sent again (the host answers a repeat
   * once); those the host does not answer go on in the background. Returns how many were done.
   */
  async resumeAtBoot(): Promise<number> {
    let done = 0;
    let hostAway = false;
    for (const transactionId of await this.pendingInJournal()) {
      if (this.waiting.has(transactionId)) continue;
      const steps = await this.journal.stepsOf(transactionId);
      const intent = [...steps].reverse().find((s) => s.step === RELEASE_STEP && s.phase === 'intent');
      const reason = intent?.detail?.includes('"reason":"timeout"') ? 'timeout' : 'cancelled';
      // a host that did not answer one is not waited for again at boot: the rest go on in the background
      if (hostAway) this.tryAgainLater(transactionId, reason);
      else if (await this.attempt(transactionId, reason, true)) done += 1;
      else hostAway = this.waiting.has(transactionId);
    }
    return done;
  }

  /** Transactions, open or closed, with a release intent and no done. */
  private async pendingInJournal(): Promise<string[]> {
    const rows = await this.db
      .getRepository(JournalStep)
      .createQueryBuilder('s')
      .select('s.transactionId', 'transactionId')
      .where('s.step = :step', { step: RELEASE_STEP })
      .groupBy('s.transactionId')
      .having(
        `SUM(CASE WHEN s.phase = 'intent' THEN 1 ELSE 0 END) > SUM(CASE WHEN s.phase = 'done' THEN 1 ELSE 0 END)`,
      )
      .orderBy('s.transactionId', 'ASC')
      .getRawMany<{ transactionId: string }>();
    return rows.map((r) => r.transactionId);
  }

  private async attempt(transactionId: string, reason: HostReason, first: boolean): Promise<boolean> {
    try {
      const [after] = await this.host.releaseWithdrawalHold(transactionId, reason);
      this.waiting.delete(transactionId);
      await this.journal.recordStep(transactionId, RELEASE_STEP, 'done', {
        hostStatus: after?.status ?? 'nothing held',
        reversedFen: after?.reversedFen ?? 0,
      });
      return true;
    } catch (e) {
      const error = KioskError.from(e);
      if (first) {
        await this.journal
          .recordStep(transactionId, RELEASE_STEP, 'failed', {
            code: error.code,
            triedAgain: hostDidNotAnswer(error),
          })
          .catch(() => undefined);
      }
      if (!hostDidNotAnswer(error)) {
        // the host answered otherwise: left to the sweep of held withdrawals at the next boot
        this.waiting.delete(transactionId);
        this.log.error(`${transactionId}: the host refused to release the hold: ${error.code}`);
        return false;
      }
      this.tryAgainLater(transactionId, reason);
      return false;
    }
  }

  private tryAgainLater(transactionId: string, reason: HostReason): void {
    if (this.stopped) return;
    const previous = this.waiting.get(transactionId);
    const pauseMs = previous ? Math.min(previous.pauseMs * 2, this.retry.maxMs) : this.retry.firstMs;
    const entry: { timer?: NodeJS.Timeout; pauseMs: number } = { pauseMs };
    this.waiting.set(transactionId, entry);
    this.log.warn(`${transactionId}: the host did not answer the release; again in ${pauseMs} ms`);
    entry.timer = setTimeout(() => {
      if (this.stopped) return;
      void this.attempt(transactionId, reason, false);
    }, pauseMs);
    entry.timer.unref();
  }
}
