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
 *
 * Its background tries are those of any journaled host act: the daemon's one `JournaledHostRetries`
 * provider, injected, so `owns` covers the releases and the journey's reversals and confirms. The
 * journeys and recovery take that provider themselves (`retryLater`, `owns`), and the daemon's
 * shutdown ends its tries (its own `onApplicationShutdown`).
 */
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { WithdrawalView } from '@kiosk/host-simulator/contract';
import { HostService } from '../host/host.service.js';
import {
  JournaledHostRetries,
  hostDidNotAnswer,
  type BootHost,
  type HostRetry,
} from '../host/journaled-host-retries.js';
import { JournalService } from '../journal/journal.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { HOST_ACT_STEPS, OWED_ACT_KINDS } from '../journal/owed-host-acts.js';
import { transactionsMayOwe } from '../journal/unfinished-acts.js';
import { unfinishedSettlements } from './withdrawal-settlement-resume.js';

export const RELEASE_STEP = HOST_ACT_STEPS.release;

type HostReason = 'cancelled' | 'timeout';

/** The host's reason for the release, from the code the authorisation ended with. */
export function releaseReason(code: string): HostReason {
  return code === ErrorCode.HOST_TIMEOUT ? 'timeout' : 'cancelled';
}

/** The background tries as the daemon provides them: their lines keep the context they had. */
export const holdReleaseRetries = (journal: JournalService): JournaledHostRetries =>
  new JournaledHostRetries(journal, 'WithdrawalHoldRelease');

/** The daemon's one provider of the background tries, injected into `WithdrawalHoldRelease`. */
export const journaledHostRetriesProvider = {
  provide: JournaledHostRetries,
  useFactory: (journal: JournalService, metrics: MetricsService): JournaledHostRetries => {
    const retries = holdReleaseRetries(journal);
    metrics.countHostActsOwed(retries);
    return retries;
  },
  inject: [JournalService, MetricsService],
};

@Injectable()
export class WithdrawalHoldRelease {
  private readonly log = new Logger('WithdrawalHoldRelease');

  constructor(
    private readonly journal: JournalService,
    private readonly host: HostService,
    @Inject(DataSource) private readonly db: DataSource,
    /** the daemon's background tries of host acts (one provider); a spec's own where none is given */
    readonly retries: JournaledHostRetries = holdReleaseRetries(journal),
  ) {}

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
    return this.retries.firstTry(transactionId, this.release(transactionId, reason));
  }

  /**
   * At boot: every release journaled but not done is sent again (the host answers a repeat
   * once); those the host does not answer go on in the background, and so do all once the host
   * did not answer one at this boot (`boot.away`, which it sets). Returns how many were done.
   */
  async resumeAtBoot(boot: BootHost = { away: false }): Promise<number> {
    let done = 0;
    for (const transactionId of await transactionsMayOwe(this.db, OWED_ACT_KINDS.release)) {
      if (this.retries.owns(transactionId)) continue;
      // owed as retention reads it too: not refused here as another act settled the serial otherwise
      const [owed] = OWED_ACT_KINDS.release.owedIn(await this.journal.stepsOf(transactionId));
      if (!owed) continue;
      const reason = owed.intent.detail?.includes('"reason":"timeout"') ? 'timeout' : 'cancelled';
      const retry = this.release(transactionId, reason);
      // a host that did not answer one is not waited for again at boot: the rest go on in the background
      if (await this.retries.tryAtBoot(transactionId, retry, boot)) done += 1;
    }
    return done;
  }

  /**
   * At boot, after the open transactions: a journey's reversal or confirm journaled but not done
   * (`unfinishedSettlements`) is sent again, the same act under the same idempotency key, where
   * the host still holds the money; where it holds nothing any more (the act reached it before
   * the restart) its state is journaled as the done. Those the host does not answer go on in the
   * background, one host timeout at boot at most, none once `boot.away`. Returns how many the
   * host settled now.
   */
  async resumeSettlementsAtBoot(boot: BootHost = { away: false }): Promise<number> {
    let settled = 0;
    for (const { transactionId, retry } of await unfinishedSettlements(this.db, this.journal, this.host)) {
      if (this.retries.owns(transactionId)) continue;
      if (boot.away) {
        this.retries.handOver(transactionId, retry);
        continue;
      }
      let held: WithdrawalView | undefined;
      try {
        held = await this.host.withdrawalByKey(transactionId);
      } catch (e) {
        const error = KioskError.from(e);
        if (!hostDidNotAnswer(error)) {
          // the host answered otherwise: left to the sweep of held withdrawals
          this.log.error(`${transactionId}: the host refused its state at boot: ${error.code}`);
          continue;
        }
        boot.away = true;
        this.retries.handOver(transactionId, retry);
        continue;
      }
      if (held?.status !== 'authorised') {
        await this.journal.recordStep(transactionId, retry.step, 'done', {
          hostStatus: held?.status ?? 'unknown to the host',
          settledBeforeRestart: true,
        });
      } else if (await this.retries.tryAtBoot(transactionId, retry, boot)) settled += 1;
    }
    return settled;
  }

  /** The release by the serial, as a host act tried until the host answers. */
  private release(transactionId: string, reason: HostReason): HostRetry {
    return {
      step: RELEASE_STEP,
      settles: 'givenBack',
      send: async () => {
        const [after] = await this.host.releaseWithdrawalHold(transactionId, reason);
        return { hostStatus: after?.status ?? 'nothing held', reversedFen: after?.reversedFen ?? 0 };
      },
    };
  }
}
