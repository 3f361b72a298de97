/**
 * Field staff's supply and device work against a real journal (SQLite in a temp folder) and the
 * real in-memory cash dispenser emulator, one fault each: the wrong role, a count that does not
 * reconcile, a resident's session running, a test dispense into a full reject bin, a fault that is
 * still there; and a refill and a bin emptied that reconcile: before + refilled − used = after.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import type { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import type { MaintenanceSuppliesService } from './maintenance-supplies.service.js';
import type { MaintenanceViewService } from './maintenance-view.service.js';
import type { MaintenanceEvent, MaintenanceService } from './maintenance.service.js';
import { codeOf } from './staff-journal.spec-support.js';
import {
  cashRefill,
  staffSuppliesWorld,
  type StaffSuppliesWorld,
} from './staff-supplies-world.spec-support.js';

let w: StaffSuppliesWorld;
let journal: JournalService;
let dispenser: CashDispenserEmulator;
let sessions: StaffSuppliesWorld['sessions'];
let maintenance: MaintenanceService;
let supplies: MaintenanceSuppliesService;
let checks: MaintenanceDeviceChecksService;
let views: MaintenanceViewService;
let events: MaintenanceEvent[];

beforeEach(async () => {
  w = await staffSuppliesWorld();
  ({ journal, dispenser, sessions, maintenance, supplies, checks, views } = w);
  events = [];
  maintenance.on('action', (e) => events.push(e));
});

afterEach(() => w.close());

const logIn = (staffId: 'FS-0001' | 'FS-0002') => w.logIn(staffId);
const visitSteps = () => w.visitSteps();

const upper = () => dispenser.cassettes()[0]!.count;

describe('maintenance supply faults', () => {
  it('wrong role: an engineer loading cash is refused with STAFF_ROLE_NOT_ALLOWED, no note counted in', async () => {
    const token = await logIn('FS-0001');
    expect(await codeOf(supplies.refill(token, { ...cashRefill, added: 50 }))).toBe(
      ErrorCode.STAFF_ROLE_NOT_ALLOWED,
    );
    expect(
      await codeOf(supplies.emptyBin(token, { device: 'cashDispenser', supply: 'rejectBin', counted: 0 })),
    ).toBe(ErrorCode.STAFF_ROLE_NOT_ALLOWED);
    expect(upper()).toBe(100);
    expect((await views.view(token)).actions).not.toContain('refillCash');
  });

  it('refill with a count that does not reconcile: MAINTENANCE_COUNT_MISMATCH, journaled refused, nothing loaded', async () => {
    const token = await logIn('FS-0002');
    expect(await codeOf(supplies.refill(token, { ...cashRefill, added: 50, countedBefore: 97 }))).toBe(
      ErrorCode.MAINTENANCE_COUNT_MISMATCH,
    );
    expect(await codeOf(supplies.refill(token, { ...cashRefill, added: 50, denominationFen: 5000 }))).toBe(
      ErrorCode.MAINTENANCE_COUNT_MISMATCH,
    );
    expect(
      await codeOf(supplies.emptyBin(token, { device: 'cashDispenser', supply: 'rejectBin', counted: 4 })),
    ).toBe(ErrorCode.MAINTENANCE_COUNT_MISMATCH);
    expect(upper()).toBe(100);
    expect(await visitSteps()).toEqual([
      'maintenance.login:done',
      'maintenance.refill:failed',
      'maintenance.refill:failed',
      'maintenance.emptyBin:failed',
    ]);
    expect(events.filter((e) => e.code === ErrorCode.MAINTENANCE_COUNT_MISMATCH)).toHaveLength(3);
  });

  it('refill while a resident session runs: SESSION_BUSY, nothing journaled or loaded', async () => {
    const token = await logIn('FS-0002');
    sessions.sessionInProgress = true;
    expect(await codeOf(supplies.refill(token, { ...cashRefill, added: 50 }))).toBe(ErrorCode.SESSION_BUSY);
    expect(await codeOf(checks.testDispense(token))).toBe(ErrorCode.SESSION_BUSY);
    expect(upper()).toBe(100);
    expect(await visitSteps()).toEqual(['maintenance.login:done']);
  });

  it('test dispense when the reject bin is full: DEVICE_BIN_FULL, journaled failed, told to the fleet', async () => {
    const token = await logIn('FS-0001');
    expect(await checks.testDispense(token)).toEqual({ notes: 1 });
    expect(await checks.testDispense(token)).toEqual({ notes: 1 });
    expect(await checks.testDispense(token)).toEqual({ notes: 1 });
    expect(await codeOf(checks.testDispense(token))).toBe(ErrorCode.DEVICE_BIN_FULL);
    expect(upper()).toBe(97);
    expect((await visitSteps()).slice(-2)).toEqual([
      'maintenance.testDispense:intent',
      'maintenance.testDispense:failed',
    ]);
    expect(events.at(-1)).toMatchObject({ action: 'testDispense', code: ErrorCode.DEVICE_BIN_FULL });
  });

  it('clearing a fault that is still present: MAINTENANCE_FAULT_PERSISTS, the device stays out of service', async () => {
    const token = await logIn('FS-0001');
    dispenser.setFault('offline');
    expect(await codeOf(checks.clearFault(token, 'cashDispenser'))).toBe(
      ErrorCode.MAINTENANCE_FAULT_PERSISTS,
    );
    expect(dispenser.status().device).toBe('offline');
    dispenser.setFault(null);
    expect((await checks.clearFault(token, 'cashDispenser')).status.device).toBe('online');
    expect((await visitSteps()).slice(1)).toEqual([
      'maintenance.clearFault:intent',
      'maintenance.clearFault:failed',
      'maintenance.clearFault:intent',
      'maintenance.clearFault:done',
    ]);
  });
});

describe('maintenance supplies that reconcile', () => {
  it('count mismatches journal what staff said with the journal’s count, refill and empty bin alike', async () => {
    const token = await logIn('FS-0002');
    await codeOf(supplies.refill(token, { ...cashRefill, added: 50, countedBefore: 97 }));
    await codeOf(supplies.emptyBin(token, { device: 'cashDispenser', supply: 'rejectBin', counted: 4 }));
    await supplies.refill(token, { ...cashRefill, added: 20, countedBefore: 100 });
    const [tx] = await journal.openTransactions();
    const details = (await journal.stepsOf(tx!.id))
      .filter((s) => s.step !== 'maintenance.login')
      .map((s) => `${s.step}:${s.phase} ${s.detail ?? ''}`);
    expect(details).toEqual([
      'maintenance.refill:failed {"device":"cashDispenser","supply":"cassette:upper","added":50,"journalBefore":100,"code":"MAINTENANCE_COUNT_MISMATCH","countedBefore":97}',
      'maintenance.emptyBin:failed {"device":"cashDispenser","supply":"rejectBin","counted":4,"journalBefore":0,"code":"MAINTENANCE_COUNT_MISMATCH"}',
      'maintenance.refill:intent {"device":"cashDispenser","supply":"cassette:upper","added":20,"journalBefore":100,"countedBefore":100,"staffId":"FS-0002","quantity":20,"countedBy":"device","countedByStaff":100,"deviceBefore":100,"replaces":false,"journalAfter":null,"countsAfter":1}',
      'maintenance.refill:done {"ofAct":"maintenance.refill|cashDispenser|cassette:upper","deviceBefore":100,"deviceAfter":120}',
    ]);
  });

  it('test notes, bin emptied, cassette refilled: before + refilled − used = after, the device agreeing', async () => {
    const token = await logIn('FS-0002');
    await checks.testDispense(token);
    await checks.testDispense(token);
    expect(
      await supplies.emptyBin(token, { device: 'cashDispenser', supply: 'rejectBin', counted: 2 }),
    ).toMatchObject({
      quantity: 2,
      after: 0,
    });
    expect(await supplies.refill(token, { ...cashRefill, added: 150, countedBefore: 98 })).toMatchObject({
      journalBefore: 98,
      after: 248,
    });
    const { lines } = await views.reconciliation(token);
    expect(lines.find((l) => l.supply === 'cassette:upper')).toEqual({
      device: 'cashDispenser',
      supply: 'cassette:upper',
      role: 'stock',
      before: 100,
      byStaff: 150,
      byKiosk: 2,
      after: 248,
      deviceNow: 248,
      reconciles: true,
    });
    expect(lines.find((l) => l.supply === 'rejectBin')).toMatchObject({
      before: 0,
      byKiosk: 2,
      byStaff: 2,
      after: 0,
      reconciles: true,
    });
    expect(events.map((e) => `${e.action}:${e.count ?? ''}`)).toEqual([
      'login:',
      'testDispense:1',
      'testDispense:1',
      'emptyBin:2',
      'refill:150',
    ]);
  });

  it('notes that appear without a refill do not reconcile', async () => {
    const token = await logIn('FS-0002');
    dispenser.loadCassette('upper', 120);
    await journal.counters.recordCounters('cashDispenser', {
      cassettes: [{ cassette: 'upper', denominationFen: 10000, notes: 120 }],
      rejectBin: 0,
      retractBin: 0,
    });
    const { lines } = await views.reconciliation(token);
    expect(lines.find((l) => l.supply === 'cassette:upper')).toMatchObject({
      byStaff: 0,
      after: 120,
      reconciles: false,
    });
  });
});

describe('a withdrawal recovery left for staff', () => {
  it('listed for a supervisor, refused to an engineer (STAFF_ROLE_NOT_ALLOWED), settled by the supervisor and journaled in the visit', async () => {
    const withdrawal = await journal.openTransaction('session-1', 'withdraw');
    await journal.recordStep(withdrawal, 'recovery.needsStaff', 'event', { reason: 'presenter unknown' });
    const settled: string[] = [];
    const recovery = {
      settleByStaff: async (transactionId: string, verdict: string, staffId: string) => {
        settled.push(`${transactionId}:${verdict}:${staffId}`);
        await journal.closeTransaction(transactionId, 'reversed', null);
        return { hostStatus: 'reversed' };
      },
    } as unknown as SessionRecoveryService;
    const asSessions = sessions as unknown as SessionsService;
    const devices = { cashDispenser: dispenser } as unknown as DevicesService;
    const staffChecks = new MaintenanceDeviceChecksService(
      maintenance,
      asSessions,
      devices,
      journal,
      recovery,
    );

    const engineer = await logIn('FS-0001');
    expect(await codeOf(staffChecks.settleWithdrawal(engineer, withdrawal, 'notPaid'))).toBe(
      ErrorCode.STAFF_ROLE_NOT_ALLOWED,
    );
    expect((await views.view(engineer)).pendingSettlements).toEqual([]);
    await maintenance.logOut(engineer);

    const supervisor = await logIn('FS-0002');
    expect((await views.view(supervisor)).pendingSettlements.map((p) => p.transactionId)).toEqual([
      withdrawal,
    ]);
    expect(await staffChecks.settleWithdrawal(supervisor, withdrawal, 'notPaid')).toEqual({
      transactionId: withdrawal,
      hostStatus: 'reversed',
    });
    expect(settled).toEqual([`${withdrawal}:notPaid:FS-0002`]);
    expect(await staffChecks.pendingSettlements()).toEqual([]);
    const visit = (await journal.openTransactions()).find((t) => t.journey === 'maintenance');
    expect((await journal.stepsOf(visit!.id)).map((s) => `${s.step}:${s.phase}`)).toEqual([
      'maintenance.login:done',
      'maintenance.settleWithdrawal:intent',
      'maintenance.settleWithdrawal:done',
    ]);
    expect(events.at(-1)).toMatchObject({ action: 'settleWithdrawal', staffId: 'FS-0002' });
  });
});
