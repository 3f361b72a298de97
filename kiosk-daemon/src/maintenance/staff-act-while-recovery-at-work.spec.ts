/**
 * The fault: field staff could act while boot recovery was still at work on the same devices. The
 * kiosk machine takes a staff log-in during the self test (and a late settlement), and every act
 * only checked for a resident's session, so a refill, a bin emptied, a test dispense or a self test
 * ran while recovery still read the journal and settled on the dispenser. Now a log-in is taken,
 * but each device act is refused MAINTENANCE_KIOSK_SETTLING, nothing journaled or moved, the staff
 * view says the kiosk is settling and leaves those acts out, and offers them again once recovery
 * has finished. Real journal (SQLite), real recovery, the in-memory cash dispenser emulator.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { codeOf } from './staff-journal.spec-support.js';
import {
  cashRefill,
  staffSuppliesWorld,
  type StaffSuppliesWorld,
} from './staff-supplies-world.spec-support.js';

let w: StaffSuppliesWorld;
beforeEach(async () => {
  w = await staffSuppliesWorld();
});
afterEach(() => w.close());

describe('staff acting while boot recovery is still at work', () => {
  it('log-in taken; refill, bin emptying, test dispense and self test refused MAINTENANCE_KIOSK_SETTLING, nothing journaled or moved; offered once recovery has finished', async () => {
    const { journal, recovery, supplies, checks, maintenance, views } = w;
    // boot recovery read the journal and is still at work (settling on the devices) until released
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const read = journal.openTransactions.bind(journal);
    jest.spyOn(journal, 'openTransactions').mockImplementationOnce(async () => {
      const open = await read();
      await held;
      return open;
    });
    const recovering = recovery.recoverUnfinished();
    expect(recovery.atWork.busy).toBe(true);

    const token = await w.logIn('FS-0002');
    expect(await codeOf(supplies.refill(token, { ...cashRefill, added: 50 }))).toBe(
      ErrorCode.MAINTENANCE_KIOSK_SETTLING,
    );
    expect(
      await codeOf(supplies.emptyBin(token, { device: 'cashDispenser', supply: 'rejectBin', counted: 0 })),
    ).toBe(ErrorCode.MAINTENANCE_KIOSK_SETTLING);
    expect(await codeOf(checks.testDispense(token))).toBe(ErrorCode.MAINTENANCE_KIOSK_SETTLING);
    expect(await codeOf(maintenance.selfTest(token))).toBe(ErrorCode.MAINTENANCE_KIOSK_SETTLING);
    expect(w.dispenser.cassettes()[0]!.count).toBe(100);
    expect(await w.visitSteps()).toEqual(['maintenance.login:done']);
    // the staff screen says so and leaves the device acts out; reading the reconciliation stays
    const settling = await views.view(token);
    expect(settling.settling).toBe(true);
    expect(settling.actions).not.toContain('refillCash');
    expect(settling.actions).not.toContain('testDispense');
    expect(settling.actions).toEqual(expect.arrayContaining(['reconciliation', 'returnToService']));
    expect(settling.supplies.every((s) => !s.allowed)).toBe(true);

    release();
    await recovering;
    expect(recovery.atWork.busy).toBe(false);
    const done = await views.view(token);
    expect(done.settling).toBeUndefined();
    expect(done.actions).toEqual(expect.arrayContaining(['refillCash', 'testDispense', 'selfTest']));
    expect(await supplies.refill(token, { ...cashRefill, added: 50, countedBefore: 100 })).toMatchObject({
      after: 150,
    });
  });
});
