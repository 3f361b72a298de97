/**
 * Fault: recovery at boot asks the host for a withdrawal a crash cut short, and the host answers
 * with a status this kiosk does not know (HOST_UNKNOWN_WITHDRAWAL_STATUS from the host client,
 * ADR 0013). The status is neither paid nor not paid: recovery confirms nothing and reverses
 * nothing, retracts no note, and journals the withdrawal for field staff (`recovery.needsStaff`).
 * The sweep of the host's held withdrawals that cannot be read leaves the money held at the host.
 */
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { settleWithdrawalAtBoot, withdrawalsHeldAtHost } from './withdrawal-boot-settlement.js';

const unknownStatus = () =>
  new KioskError(
    ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS,
    'The back office answered with a state this kiosk does not know.',
  );

async function world() {
  const { db, journal } = await openMemoryJournal();
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const calls: string[] = [];
  const host = {
    withdrawalByKey: async () => {
      throw unknownStatus();
    },
    authorisedWithdrawals: async () => {
      throw unknownStatus();
    },
    confirmWithdrawal: async () => {
      calls.push('confirm');
      throw new Error('never');
    },
    reverseWithdrawal: async () => {
      calls.push('reverse');
      throw new Error('never');
    },
  } as unknown as HostService;
  const logged: string[] = [];
  const log = { warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) };
  const deps = { journal, host, devices: { cashDispenser: dispenser }, log };
  const tx = await journal.openTransaction('s1', 'withdraw');
  return { deps, journal, dispenser, calls, logged, tx, close: () => db.destroy() };
}

describe('unknown withdrawal status at boot', () => {
  it('neither confirms nor reverses a withdrawal whose host status it does not know: staff settle it', async () => {
    const w = await world();
    const counts = w.dispenser
      .cassettes()
      .map((c) => `${c.id}=${c.count}`)
      .join(',');
    await w.journal.recordStep(w.tx, 'withdrawal.authorise', 'intent', { amountFen: 30_000 });
    await w.journal.recordStep(w.tx, 'withdrawal.authorise', 'done');
    await w.journal.recordStep(w.tx, 'withdrawal.authorised', 'event', { authorisationId: 'W00000001' });
    await w.journal.recordStep(w.tx, 'cash.dispense', 'intent', {
      amountFen: 30_000,
      cassettesBefore: counts,
      retractBinBefore: 0,
    });
    // the crash: no outcome of the dispense journaled

    await expect(settleWithdrawalAtBoot(w.deps, w.tx)).resolves.toBeUndefined();
    expect(w.calls).toEqual([]);
    const steps = await w.journal.stepsOf(w.tx);
    const staff = steps.find((s) => s.step === 'recovery.needsStaff');
    expect(staff?.detail).toContain(ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS);
    expect(steps.map((s) => s.step)).not.toContain('recovery.withdrawal.reverse');
    expect(steps.map((s) => s.step)).not.toContain('recovery.cash.retract');
    await w.close();
  });

  it('leaves the money held at the host when the list of held withdrawals cannot be read', async () => {
    const w = await world();
    await expect(withdrawalsHeldAtHost(w.deps)).resolves.toEqual([]);
    expect(w.calls).toEqual([]);
    expect(w.logged.join('\n')).toContain(ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS);
    await w.close();
  });
});
