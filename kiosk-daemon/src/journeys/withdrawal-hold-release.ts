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
 * The same background tries serve the journey's own reversal and confirm (`retryLater`): one the
 * host did not answer is sent again, the same act under the same idempotency key, until the host
 * answers, then journaled done. A restart in between leaves it to the boot sweep of held
 * withdrawals, which skips what is still tried here (`owns`).
 *
 * One loop of tries per key at a time: an act handed over while its key is tried already joins
 * that loop (nothing journaled, nothing sent of its own), so the host is sent it by one loop and
 * the journal gets one outcome; the key is free again once its loop ends (done, or refused).
 */
import { Inject, Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { WithdrawalView } from '@kiosk/host-simulator/contract';
import { HostService } from '../host/host.service.js';
import { JournalService, type StepDetail } from '../journal/journal.service.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { transactionsWithUnfinished } from '../journal/unfinished-acts.js';
import { unfinishedSettlements } from './withdrawal-settlement-resume.js';

export const RELEASE_STEP = 'withdrawal.release';

type HostReason = 'cancelled' | 'timeout';

/**
 * An act on the host journaled under `step` (its intent already in the journal): `send` sends it
 * again, the same act under the same idempotency key, and returns the detail of its done.
 */
export interface HostRetry {
  readonly step: string;
  readonly send: () => Promise<StepDetail>;
  /** the intent to journal before the first background try, where the journey had not journaled it */
  readonly intent?: StepDetail;
  /** an act of no transaction of its own (the boot sweep of held withdrawals): nothing journaled */
  readonly unjournaled?: boolean;
}

/**
 * The host as one boot's recovery found it: `away` once a call at boot found it not answering
 * (down, timed out, 5xx); the later boot calls then go straight to their background tries instead
 * of waiting a host timeout each, so the kiosk goes in service after one host timeout at most.
 */
export interface BootHost {
  away: boolean;
}

/** One key's loop of background tries: `pauseMs` 0 until its first pause. */
interface Waiting {
  readonly step: string;
  timer?: NodeJS.Timeout;
  pauseMs: number;
}

/** Failures where the host did not answer: tried again. Any other answer of the host stands. */
const NOT_ANSWERED: ReadonlySet<string> = new Set([
  ErrorCode.HOST_TIMEOUT,
  ErrorCode.HOST_UNREACHABLE,
  ErrorCode.HOST_BAD_RESPONSE,
  ErrorCode.SESSION_CANCELLED,
]);

export function hostDidNotAnswer(error: KioskError): boolean {
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
  /** releases, reversals and confirms the host has not answered yet, by transaction serial */
  private readonly waiting = new Map<string, Waiting>();
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

  /** True while this serial's release, reversal or confirm waits for the host here (recovery's sweep leaves it alone). */
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
    return this.attempt(transactionId, this.release(transactionId, reason), true);
  }

  /**
   * A reversal or confirm of the journey that failed (journaled intent, failed): when the host
   * did not answer (`error`), the same act is tried again in the background until it answers, and
   * true is returned; any other answer of the host stands (false), left to the sweep at boot. A
   * key tried here already: joins its loop (true), its intent not journaled again.
   */
  async retryLater(transactionId: string, error: unknown, retry: HostRetry): Promise<boolean> {
    if (this.stopped || !hostDidNotAnswer(KioskError.from(error))) return false;
    if (this.joins(transactionId, retry)) return true;
    // the key is taken before the intent is journaled: a second hand-over meanwhile joins this loop
    const loop = this.startLoop(transactionId, retry);
    if (retry.intent) {
      try {
        await this.journal.recordStep(transactionId, retry.step, 'intent', retry.intent);
      } catch (e) {
        this.endLoop(transactionId, loop);
        throw e;
      }
    }
    this.tryAgainLater(transactionId, retry, loop);
    return true;
  }

  /**
   * At boot: every release journaled but not done is sent again (the host answers a repeat
   * once); those the host does not answer go on in the background, and so do all once the host
   * did not answer one at this boot (`boot.away`, which it sets). Returns how many were done.
   */
  async resumeAtBoot(boot: BootHost = { away: false }): Promise<number> {
    let done = 0;
    for (const transactionId of await transactionsWithUnfinished(this.db, [RELEASE_STEP])) {
      if (this.waiting.has(transactionId)) continue;
      const steps = await this.journal.stepsOf(transactionId);
      const intent = [...steps].reverse().find((s) => s.step === RELEASE_STEP && s.phase === 'intent');
      const reason = intent?.detail?.includes('"reason":"timeout"') ? 'timeout' : 'cancelled';
      const retry = this.release(transactionId, reason);
      // a host that did not answer one is not waited for again at boot: the rest go on in the background
      if (boot.away) this.handOver(transactionId, retry);
      else if (await this.attempt(transactionId, retry, true)) done += 1;
      else boot.away = this.waiting.has(transactionId);
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
      if (this.waiting.has(transactionId)) continue;
      if (boot.away) {
        this.handOver(transactionId, retry);
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
        this.handOver(transactionId, retry);
        continue;
      }
      if (held?.status !== 'authorised') {
        await this.journal.recordStep(transactionId, retry.step, 'done', {
          hostStatus: held?.status ?? 'unknown to the host',
          settledBeforeRestart: true,
        });
      } else if (await this.attempt(transactionId, retry, true)) settled += 1;
      else boot.away = this.waiting.has(transactionId);
    }
    return settled;
  }

  /** The release by the serial, as a host act tried until the host answers. */
  private release(transactionId: string, reason: HostReason): HostRetry {
    return {
      step: RELEASE_STEP,
      send: async () => {
        const [after] = await this.host.releaseWithdrawalHold(transactionId, reason);
        return { hostStatus: after?.status ?? 'nothing held', reversedFen: after?.reversedFen ?? 0 };
      },
    };
  }

  /** One try: the first (`first`, no `loop`: journaled failed) or one of `loop`'s in the background. */
  private async attempt(
    transactionId: string,
    retry: HostRetry,
    first: boolean,
    loop?: Waiting,
  ): Promise<boolean> {
    try {
      const detail = await retry.send();
      if (loop) this.endLoop(transactionId, loop);
      if (!retry.unjournaled) await this.journal.recordStep(transactionId, retry.step, 'done', detail);
      return true;
    } catch (e) {
      const error = KioskError.from(e);
      if (first && !retry.unjournaled) {
        await this.journal
          .recordStep(transactionId, retry.step, 'failed', {
            code: error.code,
            triedAgain: hostDidNotAnswer(error),
          })
          .catch(() => undefined);
      }
      if (!hostDidNotAnswer(error)) {
        // the host answered otherwise: left to the sweep of held withdrawals at the next boot
        if (loop) this.endLoop(transactionId, loop);
        this.log.error(`${transactionId}: the host refused ${retry.step}: ${error.code}`);
        return false;
      }
      if (loop) this.tryAgainLater(transactionId, retry, loop);
      else this.handOver(transactionId, retry);
      return false;
    }
  }

  /** True when `transactionId` is tried here already: `retry` joins that loop, nothing of its own. */
  private joins(transactionId: string, retry: HostRetry): boolean {
    const running = this.waiting.get(transactionId);
    if (!running) return false;
    if (running.step === retry.step)
      this.log.warn(`${transactionId}: ${retry.step} is tried in the background already; joined`);
    // a caller's fault: one key, two acts; the other is left to the sweep at the next boot
    else this.log.error(`${transactionId}: ${retry.step} not tried, ${running.step} is tried under its key`);
    return true;
  }

  /** An act the host did not answer goes to the background: its own loop, or the key's loop. */
  private handOver(transactionId: string, retry: HostRetry): void {
    if (this.stopped || this.joins(transactionId, retry)) return;
    this.tryAgainLater(transactionId, retry, this.startLoop(transactionId, retry));
  }

  private startLoop(transactionId: string, retry: HostRetry): Waiting {
    const loop: Waiting = { step: retry.step, pauseMs: 0 };
    this.waiting.set(transactionId, loop);
    return loop;
  }

  /** The key is free again for a new loop (a loop ended elsewhere, at shutdown, frees nothing). */
  private endLoop(transactionId: string, loop: Waiting): void {
    clearTimeout(loop.timer);
    if (this.waiting.get(transactionId) === loop) this.waiting.delete(transactionId);
  }

  private tryAgainLater(transactionId: string, retry: HostRetry, loop: Waiting): void {
    // stopped, or the loop ended meanwhile: no more tries
    if (this.stopped || this.waiting.get(transactionId) !== loop) return;
    const pauseMs = loop.pauseMs ? Math.min(loop.pauseMs * 2, this.retry.maxMs) : this.retry.firstMs;
    // said while the pause grows, not at every try once it is at its longest (an outage of hours)
    if (pauseMs !== loop.pauseMs)
      this.log.warn(`${transactionId}: the host did not answer ${retry.step}; again in ${pauseMs} ms`);
    loop.pauseMs = pauseMs;
    loop.timer = setTimeout(() => {
      if (this.stopped) return;
      void this.attempt(transactionId, retry, false, loop);
    }, pauseMs);
    loop.timer.unref();
  }
}
