/**
 * The background tries of journaled host acts: an act on the host the host did not answer (down,
 * timed out, 5xx) is sent again, the same act under the same idempotency key, 1 s doubling to
 * 5 min, until the host answers, then journaled done (`retryLater`): a withdrawal's release by its
 * serial, the journey's reversal and confirm, a QR fee order's close, the boot's sweep of held
 * withdrawals and scan of QR fee orders, a PIN reset's report (`pin-reset-report.ts`), and
 * the PIN outcomes told for the host's anomaly rules (`pin-outcome-to-host.ts`: one key per card,
 * journaled by that module in each outcome's transaction). The journal gets the intent (where the caller had not
 * journaled it), the first failure, and one outcome (done, or failed where the host refused it). A restart in between leaves the act to the
 * boot's recovery, whose sweep skips what is still tried here (`owns`).
 *
 * One act at a time per key (a withdrawal's serial), so the host gets a key's acts one after the
 * other, never two at once:
 * - the same act (its step) handed over again while its key is tried joins that loop (nothing
 *   journaled, nothing sent of its own): one loop sends it, the journal gets one outcome;
 * - another act of the key waits in the key's queue (its intent journaled first) and is tried once
 *   the act before it ended (done, or refused by the host): not lost until the next boot;
 * - an act that settles the key's money otherwise than one tried or waiting under it (`settles`:
 *   a withdrawal's confirm after its reversal or release, or the other way round) is refused: not
 *   sent, journaled failed WITHDRAWAL_ALREADY_SETTLED (`conflictsWith`), which the boot's resumes
 *   honour (`refusedAsConflicting`). The first act handed over stands.
 * `owns` holds from the first hand-over until the key's last act ended, its outcome journaled.
 * A stop ends the tries: no try starts once stopped, and one under way is an act the journal's stop
 * waits for (`stopWaitsFor`, within its bound), so its answer is journaled before the journal
 * closes and nothing of a stopped kiosk reaches the host after its stop.
 * What an act is and how the host's answer reads: `host-retry.ts`; the keys held: `host-act-keys.ts`.
 */
import { Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { outlivingItsJourney } from '../journal/late-writes.js';
import { HostActKeys, type Waiting } from './host-act-keys.js';
import { hostDidNotAnswer, type BootHost, type HostRetry } from './host-retry.js';

export { hostDidNotAnswer, refusedAsConflicting, type BootHost, type HostRetry } from './host-retry.js';

export class JournaledHostRetries implements OnApplicationShutdown {
  protected readonly log: Logger;
  /** pauses between tries in the background: the first, doubled each time up to the last */
  retry = { firstMs: 1_000, maxMs: 300_000 };
  /** the acts the host has not answered yet, by key (a transaction serial for a withdrawal's) */
  private readonly keys = new HostActKeys();
  private stopped = false;

  constructor(
    protected readonly journal: JournalService,
    logContext = 'JournaledHostRetries',
  ) {
    this.log = new Logger(logContext);
  }

  onApplicationShutdown(): void {
    this.stopped = true;
    this.keys.stop();
  }

  /** The acts tried or waiting here, every key's (`kiosk_host_acts_owed` on `/metrics`). */
  get owedActs(): number {
    return this.keys.owedActs;
  }

  /** True while an act of this key (a serial's release, reversal or confirm) is tried or waits here (recovery's sweep leaves it alone). */
  owns(transactionId: string): boolean {
    return this.keys.loopOf(transactionId) !== undefined;
  }

  /**
   * True once no act of this key is tried or waits here (each answered or refused by the host, its
   * outcome journaled), at once when none is; false when the tries stop first (what is owed stays
   * owed, for the next boot). A withdrawal waits so for its card's PIN outcomes (`owed-pin-outcomes.ts`).
   */
  drained(transactionId: string): Promise<boolean> {
    if (this.stopped) return Promise.resolve(false);
    return this.keys.drained(transactionId);
  }

  /**
   * A reversal or confirm of the journey that failed (journaled intent, failed): when the host
   * did not answer (`error`), the same act is tried again in the background until it answers, and
   * true is returned; any other answer of the host stands (false), left to the sweep at boot. A
   * key tried here already: the same act joins its loop, another waits its turn (true); one that
   * conflicts with the key's acts is refused and journaled (false).
   */
  async retryLater(transactionId: string, error: unknown, retry: HostRetry): Promise<boolean> {
    if (this.stopped || !hostDidNotAnswer(KioskError.from(error))) return false;
    const running = this.keys.loopOf(transactionId);
    if (running) return this.besides(transactionId, running, retry);
    // the key is taken before the intent is journaled: a second hand-over meanwhile joins this loop
    const loop = this.keys.start(transactionId, retry);
    if (retry.intent) {
      try {
        // handed over by a journey that may have ended: its transaction closed is expected
        await outlivingItsJourney(`${retry.step} handed to the background tries`, () =>
          this.journal.recordStep(retry.journalAs ?? transactionId, retry.step, 'intent', retry.intent),
        );
      } catch (e) {
        this.endLoop(transactionId, loop);
        throw e;
      }
    }
    this.tryAgainLater(transactionId, retry, loop);
    return true;
  }

  /**
   * The first try of an act (its failure journaled); the host not answering: tried in the
   * background. A key tried here already: sent only in its turn (see `retryLater`), false.
   */
  async firstTry(transactionId: string, retry: HostRetry): Promise<boolean> {
    // stopped: nothing sent; still owed in the journal, for the next boot
    if (this.stopped) return false;
    const running = this.keys.loopOf(transactionId);
    if (!running) return this.attempt(transactionId, retry, true);
    await this.besides(transactionId, running, retry);
    return false;
  }

  /**
   * An act resumed at boot: tried now (see `firstTry`), or handed to the background at once when
   * the host did not answer one earlier at this boot (`boot.away`); not answered now, it marks the
   * host away for the boot's later acts. True when the host answered it now.
   */
  async tryAtBoot(transactionId: string, retry: HostRetry, boot: BootHost): Promise<boolean> {
    if (boot.away) {
      this.handOver(transactionId, retry);
      return false;
    }
    if (await this.firstTry(transactionId, retry)) return true;
    if (this.owns(transactionId)) boot.away = true;
    return false;
  }

  /**
   * An act sent now, or in its key's turn behind the acts tried there: the key is owned from this
   * first send on, so an act handed over meanwhile waits for it (a card's PIN reports, sent in the
   * order the card gave them: `pin-outcome-to-host.ts`). Not answered: tried again as `handOver`.
   */
  sendInTurn(transactionId: string, retry: HostRetry): void {
    if (this.stopped) return;
    if (this.keys.loopOf(transactionId)) {
      this.handOver(transactionId, retry);
      return;
    }
    this.tryIn(transactionId, retry, this.keys.start(transactionId, retry), 0);
  }

  /** An act the host did not answer goes to the background: its own loop, or its key's turn. */
  handOver(transactionId: string, retry: HostRetry): void {
    if (this.stopped) return;
    const running = this.keys.loopOf(transactionId);
    if (running) {
      this.besides(transactionId, running, retry).catch((e: unknown) =>
        this.log.error(`${transactionId}: ${retry.step} not queued: ${KioskError.from(e).code}`),
      );
      return;
    }
    this.tryAgainLater(transactionId, retry, this.keys.start(transactionId, retry));
  }

  /**
   * One try: the first (`first`, no `loop`: journaled failed) or one of `loop`'s in the background;
   * the journal's stop waits for it, so its answer is journaled (a stop cut it short before: the
   * host answered a stopped kiosk, its answer journaled nowhere, and the boot asked again).
   */
  private attempt(transactionId: string, retry: HostRetry, first: boolean, loop?: Waiting): Promise<boolean> {
    return this.journal.stopWaitsFor(`a try of ${retry.step}`, () =>
      this.tryOnce(transactionId, retry, first, loop),
    );
  }

  private async tryOnce(
    transactionId: string,
    retry: HostRetry,
    first: boolean,
    loop?: Waiting,
  ): Promise<boolean> {
    let detail: StepDetail;
    try {
      detail = await retry.send();
    } catch (e) {
      const error = KioskError.from(e);
      // the first failure, and a background try's outcome when the host answered it otherwise
      if ((first || !hostDidNotAnswer(error)) && !retry.unjournaled) {
        await this.journal
          .recordStep(retry.journalAs ?? transactionId, retry.step, 'failed', {
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
    try {
      if (!retry.unjournaled)
        await this.journal.recordStep(retry.journalAs ?? transactionId, retry.step, 'done', detail);
      return true;
    } catch (e) {
      // the host answered; the boot's resumes find the done missing and send it again (replayed)
      this.log.error(
        `${transactionId}: ${retry.step} answered, its done not journaled: ${KioskError.from(e).code}`,
      );
      return false;
    } finally {
      // the key's next act only once this one's outcome is journaled
      if (loop) this.endLoop(transactionId, loop);
    }
  }

  /**
   * `retry` handed over while `running` tries its key: joins it (the same act), waits its turn
   * (another act; its intent journaled first), or is refused (it settles the money otherwise).
   * True when it is or will be tried here.
   */
  private async besides(transactionId: string, running: Waiting, retry: HostRetry): Promise<boolean> {
    const acts = [running.retry, ...running.queued];
    // the same act: its step, journaled in the same transaction (a card's reports: two resets' not one)
    if (acts.some((a) => a.step === retry.step && a.journalAs === retry.journalAs)) {
      this.log.warn(`${transactionId}: ${retry.step} is tried in the background already; joined`);
      return true;
    }
    const conflicting = acts.find((a) => a.settles && retry.settles && a.settles !== retry.settles);
    if (conflicting) {
      this.log.error(
        `${transactionId}: ${retry.step} refused: ${conflicting.step} settles this key otherwise and stands`,
      );
      if (!retry.unjournaled)
        await outlivingItsJourney(`${retry.step} refused by the background tries`, () =>
          this.journal.recordStep(retry.journalAs ?? transactionId, retry.step, 'failed', {
            code: ErrorCode.WITHDRAWAL_ALREADY_SETTLED,
            conflictsWith: conflicting.step,
            triedAgain: false,
          }),
        ).catch(() => undefined);
      return false;
    }
    // queued before its intent is journaled: the same act handed over meanwhile joins it
    running.queued.push(retry);
    this.log.warn(`${transactionId}: ${retry.step} waits for ${running.retry.step} under its key`);
    if (retry.intent) {
      // journal first: a restart before its turn leaves it to the boot's resumes
      try {
        await outlivingItsJourney(`${retry.step} handed to the background tries`, () =>
          this.journal.recordStep(retry.journalAs ?? transactionId, retry.step, 'intent', retry.intent),
        );
      } catch (e) {
        const at = running.queued.indexOf(retry);
        if (at >= 0) running.queued.splice(at, 1);
        throw e;
      }
    }
    return true;
  }

  /** `loop`'s act ended: the key's next act is tried now, or the key is free again for a new loop. */
  private endLoop(transactionId: string, loop: Waiting): void {
    const next = this.keys.end(transactionId, loop, this.stopped);
    if (next) this.tryIn(transactionId, next.retry, next, 0);
  }

  private tryAgainLater(transactionId: string, retry: HostRetry, loop: Waiting): void {
    // stopped, or the loop ended meanwhile: no more tries
    if (this.stopped || !this.keys.tries(transactionId, loop)) return;
    const pauseMs = loop.pauseMs ? Math.min(loop.pauseMs * 2, this.retry.maxMs) : this.retry.firstMs;
    // said while the pause grows, not at every try once it is at its longest (an outage of hours)
    if (pauseMs !== loop.pauseMs)
      this.log.warn(`${transactionId}: the host did not answer ${retry.step}; again in ${pauseMs} ms`);
    loop.pauseMs = pauseMs;
    this.tryIn(transactionId, retry, loop, pauseMs);
  }

  /** `loop`'s next background try of `retry`, in `ms`. */
  private tryIn(transactionId: string, retry: HostRetry, loop: Waiting, ms: number): void {
    loop.timer = setTimeout(() => {
      if (this.stopped) return;
      // designed to outlive its journey: what it journals into its closed transaction is expected
      void outlivingItsJourney(`a background try of ${retry.step}`, () =>
        this.attempt(transactionId, retry, false, loop),
      );
    }, ms);
    loop.timer.unref();
  }
}
