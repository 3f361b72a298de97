import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { WithdrawalView } from '@kiosk/host-simulator/contract';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';
import { dispenserOnlyDevices } from './recovery-devices.spec-support.js';
import { heldWithdrawal } from './held-withdrawal.spec-support.js';

/** A host that remembers one withdrawal and settles it as the simulator does. */
function fakeHost(held: WithdrawalView | undefined, reachable = true) {
  let w = held;
  const calls: string[] = [];
  const unreachable = () => new KioskError(ErrorCode.HOST_UNREACHABLE, 'down');
  const host = {
    withdrawalByKey: async (serial: string) => {
      if (!reachable) throw unreachable();
      return w && w.transactionSerial === serial ? w : undefined;
    },
    authorisedWithdrawals: async () => {
      if (!reachable) throw unreachable();
      return w && w.heldFen > 0 ? [w] : [];
    },
    confirmWithdrawal: async () => {
      calls.push('confirm');
      w = { ...w!, status: 'confirmed', paidFen: w!.heldFen, heldFen: 0 };
      return w;
    },
    reverseWithdrawal: async (_id: string, _serial: string, r: { amountFen?: number }) => {
      calls.push(`reverse ${r.amountFen}`);
      const amount = r.amountFen ?? w!.heldFen;
      w = { ...w!, heldFen: w!.heldFen - amount, reversedFen: w!.reversedFen + amount };
      w = { ...w, status: w.heldFen > 0 ? 'authorised' : w.paidFen > 0 ? 'confirmed' : 'reversed' };
      return w;
    },
  };
  return { host: host as unknown as HostService, calls, now: () => w };
}

async function world(hostWithdrawal: (serial: string) => WithdrawalView | undefined, reachable = true) {
  const { db, journal } = await openMemoryJournal();
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const devices = dispenserOnlyDevices(dispenser);
  const tx = await journal.openTransaction('s1', 'withdraw');
  const host = fakeHost(hostWithdrawal(tx), reachable);
  const recovery = new SessionRecoveryService(devices, journal, host.host);
  return { db, journal, dispenser, tx, host, recovery };
}

describe('recovery at boot', () => {
  it('confirms at the next boot a withdrawal whose session ended with the confirm failing (cash taken)', async () => {
    const w = await world(heldWithdrawal);
    const { journal, dispenser, tx } = w;
    await journal.recordStep(tx, 'withdrawal.authorise', 'intent', { amountFen: 20_000 });
    await journal.recordStep(tx, 'withdrawal.authorise', 'done');
    await journal.recordStep(tx, 'cash.dispense', 'intent', {
      amountFen: 20_000,
      cassettesBefore: 'upper=200,lower=200',
      retractBinBefore: 0,
    });
    await dispenser.dispense(20_000);
    await dispenser.present();
    dispenser.takeCash();
    await journal.recordStep(tx, 'cash.taken', 'event', { paidFen: 20_000 });
    await journal.recordStep(tx, 'withdrawal.confirm', 'failed', { code: 'HOST_TIMEOUT' });
    await journal.closeTransaction(tx, 'completed', null);

    const report = await w.recovery.recoverUnfinished();
    expect(w.host.calls).toEqual(['confirm']);
    expect(w.host.now()?.status).toBe('confirmed');
    expect(report).toMatchObject({ recovered: 0, withdrawalsSettled: 1 });
    const steps = (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
    expect(steps.slice(-3)).toEqual([
      'recovery.withdrawal:event',
      'recovery.withdrawal.confirm:intent',
      'recovery.withdrawal.confirm:done',
    ]);
    w.recovery.onApplicationShutdown();
    await w.db.destroy();
  });

  it('closes a withdrawal cut short before it asked for money without asking the host (host down at boot)', async () => {
    const w = await world(() => undefined, false);
    await w.journal.recordStep(w.tx, 'card.read', 'event', { card: 'H41******102' });
    const report = await w.recovery.recoverUnfinished();
    expect(report.recovered).toBe(1);
    expect(await w.journal.openTransactions()).toEqual([]);
    w.recovery.onApplicationShutdown();
    await w.db.destroy();
  });

  it('keeps a withdrawal that asked for money open and fails the self test when the host does not answer', async () => {
    const w = await world(heldWithdrawal, false);
    await w.journal.recordStep(w.tx, 'withdrawal.authorise', 'intent', { amountFen: 20_000 });
    await expect(w.recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.WITHDRAWAL_UNDECIDED,
    });
    expect((await w.journal.openTransactions()).map((t) => t.id)).toEqual([w.tx]);
    const last = (await w.journal.stepsOf(w.tx)).at(-1);
    expect(last?.step).toBe('recovery.needsStaff');
    expect(JSON.parse(last!.detail!)).toEqual({ reason: 'the host did not answer: HOST_UNREACHABLE' });
    w.recovery.onApplicationShutdown();
    await w.db.destroy();
  });

  it('records what the dispenser holds at boot when it differs from the journal (notes moved during a crash)', async () => {
    const w = await world(() => undefined);
    await w.journal.counters.recordCounters('cashDispenser', {
      cassettes: [
        { cassette: 'upper', denominationFen: 10_000, notes: 200 },
        { cassette: 'lower', denominationFen: 5_000, notes: 200 },
      ],
      rejectBin: 0,
      retractBin: 0,
    });
    w.dispenser.loadCassette('upper', 190);
    const report = await w.recovery.recoverUnfinished();
    expect(report.counterDifferences).toEqual(['cashDispenser.cassette:upper: 200 → 190']);
    const latest = await w.journal.counters.latestCounters();
    expect(latest.cashDispenser?.counters.cassettes?.[0]?.notes).toBe(190);
    w.recovery.onApplicationShutdown();
    await w.db.destroy();
  });

  it('fails the self test when the host holds money under a serial the journal does not know (journal file replaced)', async () => {
    const w = await world(() => heldWithdrawal('JZ-0001-000099'));
    await w.journal.closeTransaction(w.tx, 'cancelled', null);
    await expect(w.recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.WITHDRAWAL_UNDECIDED,
      details: { transactions: 'JZ-0001-000099' },
    });
    expect(w.host.calls).toEqual([]);
    w.recovery.onApplicationShutdown();
    await w.db.destroy();
  });

  it('settles an undecided withdrawal as field staff counted it: not paid → reversed and closed', async () => {
    const w = await world(heldWithdrawal);
    await w.journal.recordStep(w.tx, 'withdrawal.authorise', 'intent', { amountFen: 20_000 });
    await w.journal.recordStep(w.tx, 'cash.dispense', 'intent', {
      amountFen: 20_000,
      cassettesBefore: 'upper=200',
    });
    w.dispenser.loadCassette('upper', 198); // two notes gone, nobody knows where
    await expect(w.recovery.recoverUnfinished()).rejects.toMatchObject({
      code: ErrorCode.WITHDRAWAL_UNDECIDED,
    });

    expect(await w.recovery.settleByStaff(w.tx, 'notPaid', 'E001')).toEqual({ hostStatus: 'reversed' });
    expect(w.host.calls).toEqual(['reverse 20000']);
    expect(await w.journal.openTransactions()).toEqual([]);
    const steps = (await w.journal.stepsOf(w.tx)).map((s) => `${s.step}:${s.phase}`);
    expect(steps).toContain('recovery.staffVerdict:event');
    // and the next boot has nothing left to decide
    await expect(w.recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 0 });
    // settled already: its verdict stands (ADR 0010)
    await expect(w.recovery.settleByStaff(w.tx, 'paid', 'E001')).rejects.toMatchObject({
      code: ErrorCode.MAINTENANCE_ALREADY_SETTLED,
    });
    w.recovery.onApplicationShutdown();
    await w.db.destroy();
  });
});
