/**
 * Fault: a withdrawal left for staff whose hold the host ended by itself (it expired unsettled, or
 * the back office released it). The sweep of held withdrawals lists only what the host holds, so
 * the kiosk went on counting it left (the fleet's `withdrawalsLeft` and its WITHDRAWAL_UNDECIDED
 * alert, read from the journal) and a supervisor's verdict was journaled and "settled" a hold
 * there was no more (a "paid" standing in the journal against a hold the host gave back). Now the
 * kiosk asks the host for that one hold (by its serial) after the sweep and before a first
 * verdict: settled there, it is journaled first with what the host says
 * (`recovery.withdrawal.settledByHost`), leaves the list and the fleet's count, and a verdict is
 * refused MAINTENANCE_SETTLED_BY_HOST naming it, nothing moved at the host.
 *
 * The real journal (SQLite in memory), the embedded host simulator over HTTP (its back office's
 * release: `releaseHoldAtBackOffice`), the dispenser emulator and boot recovery.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { releaseHoldAtBackOffice } from '@kiosk/host-simulator';
import { stepDetail } from '../journal/step-detail.js';
import { JournalStaffAlerts } from '../telemetry/fleet/journal-staff-alerts.js';
import { SWEEP_KEY } from './withdrawal-boot-settlement.js';
import { dispenserCounts } from './withdrawal-retract.js';
import { expectRetractedAfterHostsWord, withdrawalWorld } from './withdrawal-settlement.spec-support.js';
import { journalSettledByHost } from './withdrawal-settled-by-host.js';
import { settleWithdrawalByStaff } from './withdrawal-staff-settlement.js';

const KIOSK = 'JZ-0001';

async function leftThenReleasedAtBackOffice(how: 'open' | 'closed') {
  const w = await withdrawalWorld();
  const authorisationId = await w.presented();
  if (how === 'open') {
    // a retract cut short by a restart: boot leaves it for staff, its transaction open
    await w.retractCutShort();
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
  } else {
    // the journey left its notes in the presenter and its session ended: closed, still held
    w.dispenser.takeCash();
    await w.tools.step('cash.leftInPresenter', { forStaff: true, code: ErrorCode.DEVICE_TIMEOUT });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
  }
  // what the fleet reporter reads (read only: nothing told here)
  const publisher = {
    kioskId: KIOSK,
    publishEvent: (): never => {
      throw new Error('the spec reads the alerts, it tells none');
    },
  };
  const alerts = new JournalStaffAlerts(publisher, w.journal);
  expect((await alerts.read()).withdrawalsLeft).toEqual([w.tx]);
  // the hold expires unsettled at the host: all of it back to the resident, the kiosk told nothing
  expect(releaseHoldAtBackOffice(w.simulator.context, authorisationId)).toMatchObject({ heldFen: 0 });
  const staff = { journal: w.journal, host: w.host, dispenser: w.dispenser };
  const settledByHost = async () =>
    (await w.journal.stepsOf(w.tx)).filter((s) => s.step === 'recovery.withdrawal.settledByHost');
  const reversals = () =>
    w.simulator.state.ledger.transactions().filter((t) => t.kind === 'withdrawalReversal').length;
  return { ...w, alerts, staff, settledByHost, reversals };
}

const refusal = {
  code: ErrorCode.MAINTENANCE_SETTLED_BY_HOST,
  details: { hostStatus: 'reversed', paidFen: 0, reversedFen: 30_000 },
};

describe('fault: a withdrawal left for staff whose hold the host ended by itself', () => {
  it.each(['open', 'closed'] as const)(
    'withdrawal-left-for-staff-settled-by-host (%s): the next boot asks the host for the hold, journals what it says, counts it left no more',
    async (how) => {
      const w = await leftThenReleasedAtBackOffice(how);
      await expect(w.boot()).resolves.toBeDefined();
      expect((await w.settledByHost()).map(stepDetail)).toEqual([
        expect.objectContaining({
          hostStatus: 'reversed',
          amountFen: 30_000,
          paidFen: 0,
          reversedFen: 30_000,
        }),
      ]);
      expect(await w.journal.openTransactions()).toEqual([]);
      const read = await w.alerts.read();
      expect(read.withdrawalsLeft).toEqual([]);
      expect(read.alerts).toEqual([]);
      // a verdict given on the list as it stood is refused, naming what the host did; nothing moves
      await expect(settleWithdrawalByStaff(w.staff, w.tx, 'paid', 'FS-0002')).rejects.toMatchObject(refusal);
      expect(w.reversals()).toBe(1);
      // a boot after asks nothing more of it: journaled once
      await w.boot();
      expect(await w.settledByHost()).toHaveLength(1);
    },
  );

  it.each(['open', 'closed'] as const)(
    'withdrawal-left-for-staff-settled-by-host, a verdict before any boot (%s): refused MAINTENANCE_SETTLED_BY_HOST, journaled first, no verdict journaled',
    async (how) => {
      const w = await leftThenReleasedAtBackOffice(how);
      await expect(
        settleWithdrawalByStaff(w.staff, w.tx, { takenFen: 10_000 }, 'FS-0002'),
      ).rejects.toMatchObject(refusal);
      expect(await w.settledByHost()).toHaveLength(1);
      const steps = await w.journal.stepsOf(w.tx);
      expect(steps.filter((s) => s.step === 'recovery.staffVerdict')).toEqual([]);
      expect(await w.journal.openTransactions()).toEqual([]);
      expect((await w.alerts.read()).withdrawalsLeft).toEqual([]);
      expect(await w.host.withdrawalByKey(w.tx)).toMatchObject({
        heldFen: 0,
        paidFen: 0,
        reversedFen: 30_000,
      });
      expect(w.reversals()).toBe(1);
      // sent again: the same refusal, from the journal
      await expect(settleWithdrawalByStaff(w.staff, w.tx, 'notPaid', 'FS-0002')).rejects.toMatchObject(
        refusal,
      );
      expect(await w.settledByHost()).toHaveLength(1);
    },
  );

  it('a hold the host still holds is left for staff as it was (asked, nothing journaled)', async () => {
    const w = await withdrawalWorld();
    await w.presented();
    await w.retractCutShort();
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    await w.journal.closeTransaction(w.tx, 'failed', ErrorCode.CASH_PARTLY_TAKEN);
    await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
    const steps = await w.journal.stepsOf(w.tx);
    expect(steps.filter((s) => s.step === 'recovery.withdrawal.settledByHost')).toEqual([]);
  });

  it.each([
    ['the next boot carries it through', 'boot'],
    ['the supervisor sends it again', 'again'],
  ] as const)(
    'verdict-then-hold-ended-by-host: a verdict the host did not answer, then the hold expired; %s: what the host says is journaled, nothing sent',
    async (_how, road) => {
      const w = await withdrawalWorld();
      await w.presented();
      await w.retractCutShort();
      await expect(w.boot()).rejects.toMatchObject({ code: ErrorCode.WITHDRAWAL_UNDECIDED });
      const staff = { journal: w.journal, host: w.host, dispenser: w.dispenser };
      w.link.down = true;
      await expect(
        settleWithdrawalByStaff({ ...staff, host: w.deps.host }, w.tx, 'paid', 'FS-0002'),
      ).rejects.toMatchObject({
        code: ErrorCode.HOST_UNREACHABLE,
      });
      w.link.down = false;
      const held = await w.host.withdrawalByKey(w.tx);
      releaseHoldAtBackOffice(w.simulator.context, held!.authorisationId);

      if (road === 'boot') await expect(w.boot()).resolves.toBeDefined();
      else
        await expect(settleWithdrawalByStaff(staff, w.tx, 'paid', 'FS-0002')).resolves.toMatchObject({
          hostStatus: 'reversed',
        });
      const steps = await w.journal.stepsOf(w.tx);
      // the verdict stands; beside it, the host's word: it gave all back, nothing was paid
      expect(steps.filter((s) => s.step === 'recovery.withdrawal.settledByHost').map(stepDetail)).toEqual([
        expect.objectContaining({ hostStatus: 'reversed', paidFen: 0, reversedFen: 30_000 }),
      ]);
      expect(steps.filter((s) => s.step.startsWith('recovery.withdrawal.') && s.phase === 'intent')).toEqual(
        [],
      );
      expect(await w.journal.openTransactions()).toEqual([]);
    },
  );

  it("verdict-then-hold-ended-by-host, closed: a verdict on a withdrawal whose session ended, the host silent, then the hold expired: the next boot journals the host's word beside it, once", async () => {
    const w = await withdrawalWorld();
    await w.leftInPresenter();
    const staff = { journal: w.journal, host: w.deps.host, dispenser: w.dispenser };
    const settledByHost = async () =>
      (await w.journal.stepsOf(w.tx)).filter((s) => s.step === 'recovery.withdrawal.settledByHost');
    w.link.down = true;
    await expect(settleWithdrawalByStaff(staff, w.tx, 'paid', 'FS-0002')).rejects.toMatchObject({
      code: ErrorCode.HOST_UNREACHABLE,
    });
    w.link.down = false;
    releaseHoldAtBackOffice(w.simulator.context, (await w.host.withdrawalByKey(w.tx))!.authorisationId);
    await expect(w.boot()).resolves.toBeDefined();
    // the verdict stands; beside it, the host's word: it gave all back, nothing was paid
    expect((await settledByHost()).map(stepDetail)).toEqual([
      expect.objectContaining({ hostStatus: 'reversed', paidFen: 0, reversedFen: 30_000 }),
    ]);
    const steps = await w.steps();
    expect(steps.filter((s) => /^recovery\.withdrawal\.(confirm|reverse):/.test(s))).toEqual([]);
    await w.boot();
    expect(await settledByHost()).toHaveLength(1);
  });

  it('settled-by-host-notes-left-at-slot: a verdict refused so takes the notes still at the slot into the retract bin, as a verdict would', async () => {
    const w = await withdrawalWorld();
    // the journey's retract unanswered, its notes left in the presenter, its session ended
    await w.leftInPresenter();
    releaseHoldAtBackOffice(w.simulator.context, (await w.host.withdrawalByKey(w.tx))!.authorisationId);
    const binBefore = dispenserCounts(w.dispenser).retractBinBefore ?? 0;
    const staff = { journal: w.journal, host: w.host, dispenser: w.dispenser };
    await expect(settleWithdrawalByStaff(staff, w.tx, 'notPaid', 'FS-0002')).rejects.toMatchObject(refusal);
    expect(w.dispenser.presenter()).toMatchObject({ state: 'empty' });
    expect(dispenserCounts(w.dispenser).retractBinBefore).toBe(binBefore + 3);
    const steps = (await w.journal.stepsOf(w.tx)).map((s) => `${s.step}:${s.phase}`);
    // the host's word first, then the retract
    expect(steps.indexOf('recovery.withdrawal.settledByHost:event')).toBeLessThan(
      steps.indexOf('recovery.cash.retract:intent'),
    );
    expect(steps).toContain('recovery.cash.retract:done');
  });

  it('settled-by-host-at-boot-notes-left-at-slot: the boot that journals the host ended the hold takes the notes left at the slot into the retract bin, counted', async () => {
    const w = await withdrawalWorld();
    // the journey's retract unanswered, its notes left in the presenter, its session ended
    await w.leftInPresenter();
    releaseHoldAtBackOffice(w.simulator.context, (await w.host.withdrawalByKey(w.tx))!.authorisationId);
    const binBefore = dispenserCounts(w.dispenser).retractBinBefore ?? 0;
    await expect(w.boot()).resolves.toBeDefined();
    // CASH_LEFT_IN_PRESENTER holds withdrawals back no more
    await expectRetractedAfterHostsWord(w, binBefore);
  });

  it("settled-by-host-at-boot-notes-left-at-slot, a restart between the host's word and the retract: the next boot retracts them", async () => {
    const w = await withdrawalWorld();
    await w.leftInPresenter();
    releaseHoldAtBackOffice(w.simulator.context, (await w.host.withdrawalByKey(w.tx))!.authorisationId);
    // the host's word journaled, the kiosk stopped before the retract's intent
    await journalSettledByHost(w.journal, w.tx, (await w.host.withdrawalByKey(w.tx))!);
    await w.boot();
    expect(w.dispenser.presenter()).toMatchObject({ state: 'empty' });
    expect(await w.steps()).toContain('recovery.cash.retract:done');
  });

  it('settled-by-host-found-by-the-late-sweep: the host away at boot, the sweep in the background once it answers asks for the hold too', async () => {
    const w = await leftThenReleasedAtBackOffice('closed');
    w.retrier.retries.onApplicationShutdown(); // the kiosk stops
    const retrier = w.newRetrier();
    // the host away at boot: the kiosk goes in service, the sweep waits for the host in the background
    await expect(w.boot(retrier, true)).resolves.toBeDefined();
    expect(retrier.retries.owns(SWEEP_KEY)).toBe(true);
    expect(await w.settledByHost()).toEqual([]);
    w.link.down = false;
    await eventually(async () => (await w.settledByHost()).length === 1, 'the late sweep journaled it', {
      withinMs: 10_000,
    });
    await eventually(async () => !retrier.retries.owns(SWEEP_KEY), 'the sweep ran once', {
      withinMs: 10_000,
    });
    expect((await w.alerts.read()).withdrawalsLeft).toEqual([]);
  });

  it('settled-by-host-at-boot-notes-left-at-slot, found by the late sweep: the host away at boot, the notes go to the bin once it answers', async () => {
    const w = await withdrawalWorld();
    await w.leftInPresenter();
    releaseHoldAtBackOffice(w.simulator.context, (await w.host.withdrawalByKey(w.tx))!.authorisationId);
    w.retrier.retries.onApplicationShutdown();
    const retrier = w.newRetrier();
    w.link.down = true;
    await expect(w.boot(retrier, true)).resolves.toBeDefined();
    expect(w.dispenser.presenter()).toMatchObject({ state: 'presented' });
    w.link.down = false;
    await eventually(async () => w.steps(), 'the late sweep retracted them', {
      withinMs: 10_000,
      until: (steps) => steps.includes('recovery.cash.retract:done'),
    });
    expect(w.dispenser.presenter()).toMatchObject({ state: 'empty' });
  });
});
