/**
 * A withdrawal boot recovery left for staff only because the cash dispenser did not answer is
 * settled when the dispenser answers again (ADR 0020), not left until field staff come.
 *
 * At boot `decideWithdrawal` leaves a dispensed withdrawal the host still holds undecided while
 * the dispenser is silent (`DISPENSER_SILENT_WHY`): where the notes are is unknown. The daemon opens
 * the dispenser again by itself since ADR 0020, and then its presenter and counts are witnesses
 * again. Once it reads usable, with no session running and the kiosk held out of service by that
 * failed self test, each such withdrawal is settled by boot recovery's own rules
 * (`settleWithdrawalAtBoot`: the decision journaled first, each act journaled before it is done,
 * the reversal or confirmation once by the serial's idempotency key) and an open one is closed as
 * recovery closes it, so the supervisor's list no longer shows it. A restart in the middle is a
 * restart of recovery: the next boot carries it through from the journal as any cut-short
 * settlement. Also waiting for the dispenser: one whose recovery retract the dispenser did not
 * answer (it dropped again during the settlement). Not: one the host did not answer, a count staff
 * must make, or one with a staff verdict journaled (`resumeWithdrawalVerdict` carries those).
 */
import type { CashDispenserPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, ServiceReason, isUsable, type DeviceStatus } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import { stepDetail, type JournaledStep } from '../journal/step-detail.js';
import { RECOVERY_RETRACT_STEP } from '../journeys/recovery-retract-counts.js';
import { settleWithdrawalAtBoot, type BootSettlementDeps } from '../journeys/withdrawal-boot-settlement.js';
import { DISPENSER_SILENT_WHY } from '../journeys/withdrawal-recovery.js';
import { withdrawalVerdictOf } from '../journeys/withdrawal-staff-settlement.js';
import { deviceSelfTests } from '../devices/device-reopen.js';
import type { createKioskActor } from './kiosk-actor.js';
import type { SessionRecoveryService } from './session-recovery.service.js';

/** The codes of a dispenser that did not answer an act (its line or module gone). */
const DISPENSER_GONE: ReadonlySet<string> = new Set([ErrorCode.DEVICE_OFFLINE, ErrorCode.DEVICE_TIMEOUT]);

/** The step journaled when a withdrawal waiting for the dispenser is taken up again. */
export const DISPENSER_BACK_STEP = 'recovery.dispenserBack';

/**
 * True when the last time recovery left this withdrawal for staff, it was for the dispenser's
 * silence alone: no answer at the decision, or none to its retract.
 */
export function waitsForTheDispenser(steps: readonly JournaledStep[]): boolean {
  if (withdrawalVerdictOf(steps) !== undefined) return false;
  const at = steps.findLastIndex((s) => s.step === 'recovery.needsStaff');
  if (at < 0) return false;
  if (stepDetail(steps[at])['reason'] === DISPENSER_SILENT_WHY) return true;
  const before = steps[at - 1];
  const code = stepDetail(before)['code'];
  return (
    before?.step === RECOVERY_RETRACT_STEP &&
    before.phase === 'failed' &&
    typeof code === 'string' &&
    DISPENSER_GONE.has(code)
  );
}

export interface LateSettlement {
  /** settled at the host (or nothing held any more), an open one closed */
  readonly settled: readonly string[];
  /** undecided again (journaled `recovery.needsStaff` with the reason), still waiting for the dispenser */
  readonly stillWaiting: readonly string[];
}

/** What the last recovery left undecided (its serials), and of those what waits for the dispenser. */
export class LeftUndecided {
  #all = new Set<string>();
  #waiting: string[] = [];

  /** A recovery begins: it decides everything again. */
  forget(): void {
    this.#all.clear();
    this.#waiting = [];
  }

  /** What a recovery left undecided, read from the journal: which of it waits for the dispenser. */
  async note(journal: JournalService, undecided: readonly string[]): Promise<void> {
    this.#all = new Set(undecided);
    this.#waiting = [];
    for (const serial of this.#all)
      if (waitsForTheDispenser(await journal.stepsOf(serial))) this.#waiting.push(serial);
  }

  get waiting(): readonly string[] {
    return this.#waiting;
  }

  /** A late settlement's outcome taken in; answers how many are still undecided. */
  taken(late: LateSettlement): number {
    for (const serial of late.settled) this.#all.delete(serial);
    this.#waiting = this.#waiting.filter((serial) => late.stillWaiting.includes(serial));
    return this.#all.size;
  }
}

/**
 * Settles each of `serials` that waits for the dispenser, by boot recovery's rules; the caller
 * holds their settlement hands. A serial no longer waiting (a staff verdict since) is left alone.
 */
export async function settleWhenTheDispenserIsBack(
  deps: BootSettlementDeps,
  serials: readonly string[],
): Promise<LateSettlement> {
  const { journal } = deps;
  const open = new Set((await journal.openTransactions()).map((t) => t.id));
  const settled: string[] = [];
  const stillWaiting: string[] = [];
  // one host that did not answer is not asked again for the next serial in this turn
  const boot = { away: false };
  for (const serial of serials) {
    const steps = await journal.stepsOf(serial);
    if (!waitsForTheDispenser(steps)) continue;
    await journal.recordStep(serial, DISPENSER_BACK_STEP, 'event', {
      presenter: deps.devices.cashDispenser.presenter().state,
    });
    const result = await settleWithdrawalAtBoot(deps, serial, boot, steps);
    if (result === undefined) {
      // the dispenser dropped again (its retract unanswered): waits for it again; else for staff
      if (waitsForTheDispenser(await journal.stepsOf(serial))) stillWaiting.push(serial);
      continue;
    }
    if (open.has(serial))
      await journal.closeTransaction(serial, 'interrupted', ErrorCode.SESSION_INTERRUPTED);
    deps.log.warn(`recovery: ${serial} settled once the dispenser answered again`);
    settled.push(serial);
  }
  return { settled, stillWaiting };
}

export interface DispenserBackWatchDeps {
  readonly dispenser: Pick<CashDispenserPort, 'status' | 'onStatus'>;
  /** the kiosk is held out of service by a failed self test and no session runs: settling may begin */
  readonly maySettle: () => boolean;
  /** something the last recovery left waits for the dispenser */
  readonly waiting: () => boolean;
  /** settles what waits for the dispenser; undefined: it did not (nothing waits, or it reads down) */
  readonly settle: () => Promise<{ readonly leftForStaff: number } | undefined>;
  /** nothing is left undecided: the kiosk is placed by its devices again */
  readonly allSettled: () => void;
  readonly log: { error(message: string): void };
}

/**
 * Watches the dispenser: each time it comes back (usable after not), and when asked (`check`), with
 * settling allowed and something waiting, what waits for it is settled, one turn at a time; a check
 * asked for during a turn runs after it. A settlement the dispenser did not answer is tried again
 * when it comes back again, never in a loop while it still reads usable.
 */
export class DispenserBackWatch {
  readonly #deps: DispenserBackWatchDeps;
  #turn: Promise<void> | undefined;
  #again = false;
  #usable = false;
  #off: (() => void) | undefined;
  /** stopped (the daemon's shutdown): no turn begins, the kiosk is told nothing more */
  #stopped = false;

  constructor(deps: DispenserBackWatchDeps) {
    this.#deps = deps;
  }

  start(): () => void {
    this.#stopped = false;
    this.#usable = isUsable(this.#deps.dispenser.status());
    this.#off ??= this.#deps.dispenser.onStatus((status) => {
      const back = isUsable(status) && !this.#usable;
      this.#usable = isUsable(status);
      if (back) void this.check();
    });
    void this.check();
    return () => this.stop();
  }

  /** A turn under way ends as it ends (journaled act by act); none begins after, a check asked for included. */
  stop(): void {
    this.#stopped = true;
    this.#again = false;
    this.#off?.();
    this.#off = undefined;
  }

  /** Resolves once no settlement runs (one asked for during a turn included). */
  async idle(): Promise<void> {
    while (this.#turn) await this.#turn;
  }

  /** Settles what waits for the dispenser if it answers now; resolves when that turn is over. */
  check(): Promise<void> {
    if (this.#turn) {
      this.#again = true;
      return this.#turn;
    }
    const { dispenser, maySettle, waiting } = this.#deps;
    if (this.#stopped) return Promise.resolve();
    if (!isUsable(dispenser.status()) || !maySettle() || !waiting()) return Promise.resolve();
    this.#turn = this.#settle().finally(() => {
      this.#turn = undefined;
      if (this.#again) {
        this.#again = false;
        void this.check();
      }
    });
    return this.#turn;
  }

  async #settle(): Promise<void> {
    try {
      const done = await this.#deps.settle();
      if (done?.leftForStaff === 0 && !this.#stopped) this.#deps.allSettled();
    } catch (e) {
      // journal or host faults: the withdrawal stays where the journal says, the next check or boot goes on
      this.#deps.log.error(
        `recovery: settling once the dispenser answered failed: ${KioskError.from(e).code}`,
      );
    }
  }
}

type KioskActor = ReturnType<typeof createKioskActor>;

/** The longest the dispenser's own self test may take before a late settlement. */
const SELF_TEST_BOUND_MS = 30_000;

/**
 * The watch wired to the kiosk: settling may begin while the kiosk is held out of service by a
 * failed self test (recovery left something undecided) and no session runs; it is checked when the
 * dispenser comes back and when the kiosk lands in that state (the dispenser came back during the
 * self test). Each settlement runs in the dispenser's turn (`deviceSelfTests`, beside no reopen or
 * staff self test of it) after its own self test, so the presenter and counts it decides on are
 * read now, not remembered from before it dropped; a dispenser not usable then is left waiting.
 * Once nothing is left undecided the kiosk is placed by its devices (RECOVERY_SETTLED).
 */
export function watchDispenserBack(
  kiosk: KioskActor,
  deps: {
    readonly dispenser: CashDispenserPort;
    readonly recovery: Pick<SessionRecoveryService, 'waitsForTheDispenser' | 'settleWhenTheDispenserIsBack'>;
    readonly sessionRuns: () => boolean;
    readonly statuses: () => DeviceStatus[];
    readonly log: { error(message: string): void };
  },
): () => void {
  const { dispenser, recovery } = deps;
  const heldByRecovery = () => {
    const s = kiosk.getSnapshot();
    return s.matches('outOfService') && s.context.reason === ServiceReason.SELF_TEST_FAILED;
  };
  const watch = new DispenserBackWatch({
    dispenser,
    log: deps.log,
    maySettle: () => heldByRecovery() && !deps.sessionRuns(),
    waiting: () => recovery.waitsForTheDispenser,
    settle: () =>
      deviceSelfTests.run(dispenser, async () => {
        await dispenser.selfTest?.(AbortSignal.timeout(SELF_TEST_BOUND_MS));
        if (!isUsable(dispenser.status()) || !heldByRecovery() || deps.sessionRuns()) return undefined;
        return recovery.settleWhenTheDispenserIsBack();
      }),
    allSettled: () => kiosk.send({ type: 'RECOVERY_SETTLED', statuses: deps.statuses() }),
  });
  let held = heldByRecovery();
  const sub = kiosk.subscribe(() => {
    const now = heldByRecovery();
    if (now && !held) void watch.check();
    held = now;
  });
  const stop = watch.start();
  return () => {
    stop();
    sub.unsubscribe();
  };
}
