/**
 * The background tries of journaled host acts: an act on the host the host did not answer (down,
 * timed out, 5xx) is sent again, the same act under the same idempotency key, 1 s doubling to
 * 5 min, until the host answers, then journaled done (`retryLater`): a withdrawal's release by its
 * serial, the journey's reversal and confirm, a QR fee order's close, the boot's sweep of held
 * withdrawals and scan of QR fee orders. The journal gets the intent (where the caller had not
 * journaled it), the first failure, and one outcome. A restart in between leaves the act to the
 * boot's recovery, whose sweep skips what is still tried here (`owns`).
 *
 * One loop of tries per key at a time: an act handed over while its key is tried already joins
 * that loop (nothing journaled, nothing sent of its own), so the host is sent it by one loop and
 * the journal gets one outcome; the key is free again once its loop ends (done, or refused).
 */
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { outlivingItsJourney } from '../journal/late-writes.js';

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

export class JournaledHostRetries implements OnApplicationShutdown {
  protected readonly log: Logger;
  /** pauses between tries in the background: the first, doubled each time up to the last */
  retry = { firstMs: 1_000, maxMs: 300_000 };
  /** the acts the host has not answered yet, by key (a transaction serial for a withdrawal's) */
  private readonly waiting = new Map<string, Waiting>();
  private stopped = false;

  constructor(
    protected readonly journal: JournalService,
    logContext = 'JournaledHostRetries',
  ) {
    this.log = new Logger(logContext);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    for (const entry of this.waiting.values()) clearTimeout(entry.timer);
    this.waiting.clear();
  }

  /** True while this key's act (a serial's release, reversal or confirm) waits for the host here (recovery's sweep leaves it alone). */
  owns(transactionId: string): boolean {
    return this.waiting.has(transactionId);
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
        // handed over by a journey that may have ended: its transaction closed is expected
        await outlivingItsJourney(`${retry.step} handed to the background tries`, () =>
          this.journal.recordStep(transactionId, retry.step, 'intent', retry.intent),
        );
      } catch (e) {
        this.endLoop(transactionId, loop);
        throw e;
      }
    }
    this.tryAgainLater(transactionId, retry, loop);
    return true;
  }

  /** The first try of an act (its failure journaled); the host not answering: tried in the background. */
  firstTry(transactionId: string, retry: HostRetry): Promise<boolean> {
    return this.attempt(transactionId, retry, true);
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
  handOver(transactionId: string, retry: HostRetry): void {
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
      // designed to outlive its journey: what it journals into its closed transaction is expected
      void outlivingItsJourney(`a background try of ${retry.step}`, () =>
        this.attempt(transactionId, retry, false, loop),
      );
    }, pauseMs);
    loop.timer.unref();
  }
}
