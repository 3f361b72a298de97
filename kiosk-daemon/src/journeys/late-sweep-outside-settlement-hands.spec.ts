/**
 * Fault: the late sweep of held withdrawals (the host away at boot, `sweepHeldWithdrawals` in the
 * background once it answers) settled a withdrawal outside the settlement hands that staff
 * settlements, recovery and the dispenser-back settlement share (`SettlementHands`). A staff verdict
 * on a withdrawal left for staff (its session ended, the hold still at the host) could land
 * between the sweep's reads and its acts: a decision journaled against what staff counted, or the
 * hold settled twice. Now the sweep settles each serial in its hand: a verdict meanwhile is refused,
 * and the sweep waits for one under way and reads the withdrawal anew.
 *
 * The real journal (SQLite), the embedded host simulator behind the spec's link, the dispenser
 * emulator and the real recovery service; the interleaving is held by hand at the host's answers.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { setImmediate as tick } from 'node:timers/promises';
import type { HostService } from '../host/host.service.js';
import { RECOVERY_RETRACT_STEP } from './recovery-retract-counts.js';
import { SWEEP_KEY } from './withdrawal-boot-settlement.js';
import { withdrawalWorld as world } from './withdrawal-settlement.spec-support.js';

/** A gate: `wait` holds whoever calls it until `open`. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, wait: () => opened, reached: false };
}

type Gate = ReturnType<typeof gate>;

/**
 * The host as recovery reaches it, whose next answer to the list of held withdrawals or to one by
 * its key can be held at a gate: read when asked, handed over when the gate opens (a late answer).
 */
function heldAnswers(base: HostService) {
  const next: { list?: Gate; byKey?: Gate } = {};
  const held = async <T>(which: 'list' | 'byKey', ask: () => Promise<T>): Promise<T> => {
    const g = next[which];
    next[which] = undefined;
    const answer = await ask();
    if (g) {
      g.reached = true;
      await g.wait();
    }
    return answer;
  };
  const host = Object.create(base) as HostService;
  host.authorisedWithdrawals = () => held('list', () => base.authorisedWithdrawals());
  host.withdrawalByKey = (key) => held('byKey', () => base.withdrawalByKey(key));
  const hold = (which: 'list' | 'byKey') => (next[which] = gate());
  return { host, hold };
}

/** Lets the event loop turn until `done` says so, or a thousand turns went by (the other one waits). */
async function turnsUntil(done: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !done(); i += 1) await tick();
}

/**
 * A withdrawal whose notes the journey left in the presenter (its retract unanswered) and whose
 * session ended: left for staff, still held at the host. The kiosk boots with the host away: the
 * sweep goes to the background; recovery's service kept for the staff verdict.
 */
async function leftForStaffHostAwayAtBoot() {
  const w = await world();
  await w.leftInPresenter();
  w.retrier.retries.onApplicationShutdown(); // the kiosk stops
  const retrier = w.newRetrier();
  const answers = heldAnswers(w.deps.host);
  const recovery = w.recoveryThrough(answers.host, retrier);
  await expect(recovery.recoverUnfinished()).resolves.toMatchObject({ withdrawalsSettled: 0 });
  expect(retrier.retries.owns(SWEEP_KEY)).toBe(true);
  const swept = () =>
    eventually(async () => !retrier.retries.owns(SWEEP_KEY), 'the late sweep ran', { withinMs: 10_000 });
  const count = async (step: string) => (await w.steps()).filter((s) => s === step).length;
  return { w, recovery, answers, swept, count };
}

describe('the late sweep of held withdrawals beside a staff verdict on the same withdrawal', () => {
  it('fault: a staff verdict given while the late sweep settled the withdrawal was taken: the sweep then decided it on what it read before the verdict', async () => {
    const { w, recovery, answers, swept, count } = await leftForStaffHostAwayAtBoot();
    // the host back: the sweep read the steps and asked the host; its answer is late
    const late = answers.hold('byKey');
    w.link.down = false;
    await eventually(async () => late.reached, 'the sweep asked the host', { withinMs: 10_000 });

    await expect(recovery.settleByStaff(w.tx, 'notPaid', 'FS-0001')).rejects.toMatchObject({
      code: ErrorCode.MAINTENANCE_SETTLEMENT_IN_PROGRESS,
    });
    late.open();
    await swept();

    // the sweep's own decision, carried out once: the notes retracted, the hold reversed
    expect(await count(`${RECOVERY_RETRACT_STEP}:intent`)).toBe(1);
    expect(await count('recovery.withdrawal.reverse:done')).toBe(1);
    expect(await count('recovery.needsStaff:event')).toBe(0);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
    // settled: no longer left for staff
    await expect(recovery.settleByStaff(w.tx, 'notPaid', 'FS-0001')).rejects.toMatchObject({
      code: ErrorCode.SESSION_NOT_FOUND,
    });
    recovery.onApplicationShutdown();
  });

  it('fault: the late sweep settled a withdrawal while a staff verdict on it was under way: it waits for the verdict, reads it anew and settles nothing more', async () => {
    const { w, recovery, answers, swept, count } = await leftForStaffHostAwayAtBoot();
    // the sweep's list of held withdrawals answered late: staff's verdict begins meanwhile
    const list = answers.hold('list');
    w.link.down = false;
    await eventually(async () => list.reached, 'the sweep asked for the held withdrawals', {
      withinMs: 10_000,
    });
    const staffAsks = answers.hold('byKey');
    const verdict = recovery.settleByStaff(w.tx, 'notPaid', 'FS-0001');
    await eventually(async () => staffAsks.reached, 'staff retracted the notes and asked the host', {
      withinMs: 10_000,
    });

    // the sweep goes on (the withdrawal still on its list) while staff's settlement is in hand
    let sweepAsked = false;
    const byKey = answers.host.withdrawalByKey.bind(answers.host);
    answers.host.withdrawalByKey = (key) => ((sweepAsked = true), byKey(key));
    list.open();
    await turnsUntil(() => sweepAsked);
    staffAsks.open();
    await expect(verdict).resolves.toEqual({ hostStatus: 'reversed' });
    await swept();

    // staff's verdict carried out once; the sweep found it settled and did nothing more
    expect(await count(`${RECOVERY_RETRACT_STEP}:intent`)).toBe(1);
    expect(await count('recovery.withdrawal.reverse:intent')).toBe(1);
    expect(await count('recovery.needsStaff:event')).toBe(0);
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.balance()).toBe(w.before);
    recovery.onApplicationShutdown();
  });
});
