/**
 * A card making recovery could not decide (a card gone from the slot during its retract, on a
 * printer that does not count its reject bin), settled by a supervisor through the maintenance
 * route, against a real journal (SQLite in a temp folder): the card found in the reject bin is
 * reported abandoned, not found is reported issued; an engineer is refused; a second settlement
 * of the same transaction is refused and tells the host nothing.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import type { CardPrinterPort } from '@kiosk/device-drivers';
import { SecurePin } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { JournalService } from '../journal/journal.service.js';
import { overwriteStepDetail } from '../journal/step-detail.spec-support.js';
import { recoverIssuance } from '../journeys/issuance-recovery.js';
import { settleIssuanceByStaff, type CardWhereabouts } from '../journeys/issuance-staff-settlement.js';
import type { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { MaintenanceService, type MaintenanceEvent } from './maintenance.service.js';
import { openSpecJournal, STAFF_PINS as PINS, staffConfig } from './staff-journal.spec-support.js';

const CARD = 'H41080000999';

let dir: string;
let db: DataSource;
let journal: JournalService;
let maintenance: MaintenanceService;
let checks: MaintenanceDeviceChecksService;
let events: MaintenanceEvent[];
let report: jest.Mock<(...args: unknown[]) => Promise<object>>;
let nextPin: string;
let cardTx: string;

// a printer that does not count its reject bin, its card gone from the slot
const printer = {
  cardPosition: () => 'none',
  ejectToRejectBin: async () => undefined,
  status: () => ({
    kind: 'cardPrinter',
    device: 'online',
    supplies: [
      { name: 'cardHopper', level: 'ok', count: 39 },
      { name: 'rejectBin', level: 'ok' },
    ],
  }),
} as unknown as CardPrinterPort;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'card-settlement-'));
  const config = staffConfig(dir);
  ({ db, journal } = await openSpecJournal(config));
  report = jest.fn(async () => ({}));
  const issuance = { reportIssuance: report } as unknown as IssuanceHostService;
  const sessions = { sessionInProgress: false, enterMaintenance: jest.fn(), exitMaintenance: jest.fn() };
  const pinPad = {
    collectPin: async () => ({
      result: 'entered' as const,
      pin: SecurePin.fromKeys([...nextPin].map(Number)),
    }),
  };
  const devices = { pinPad, cardPrinter: printer, statuses: () => [] } as unknown as DevicesService;
  maintenance = new MaintenanceService(
    sessions as unknown as SessionsService,
    devices,
    journal,
    journal.counters,
    config,
  );
  events = [];
  maintenance.on('action', (e) => events.push(e));
  const recovery = {
    settleCardMakingByStaff: (transactionId: string, card: CardWhereabouts, staffId: string) =>
      settleIssuanceByStaff({ journal, printer, issuance }, transactionId, card, staffId),
  } as unknown as SessionRecoveryService;
  checks = new MaintenanceDeviceChecksService(
    maintenance,
    sessions as unknown as SessionsService,
    devices,
    journal,
    recovery,
  );
  // the journal's last record of the printer: 40 blanks, 2 cards in the reject bin (counted by staff)
  await journal.counters.recordCounters('cardPrinter', { blanks: 40, rejectBin: 2 });
  // card making cut short while its card was being pulled back: recovery leaves it for staff
  cardTx = await journal.openTransaction('s1', 'issueCard');
  await journal.sealPersonalData(cardTx, 'cardNumber', CARD);
  await journal.recordStep(cardTx, 'issuance.order', 'event', { applicationNo: 'A0000042', attempt: 1 });
  for (const step of ['card.feed', 'card.present']) {
    await journal.recordStep(cardTx, step, 'intent');
    await journal.recordStep(cardTx, step, 'done');
  }
  await journal.recordStep(cardTx, 'card.retract', 'intent');
  expect(await recoverIssuance(journal, printer, issuance, cardTx)).toBe(false);
  expect(report).not.toHaveBeenCalled();
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

async function logIn(staffId: keyof typeof PINS): Promise<string> {
  nextPin = PINS[staffId];
  return (await maintenance.logIn(staffId)).token;
}

async function codeOf(work: Promise<unknown>): Promise<string> {
  try {
    await work;
  } catch (e) {
    return KioskError.from(e).code;
  }
  throw new Error('expected a refusal');
}

const stepsOf = async (tx: string) => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
const visitTx = async () => (await journal.openTransactions()).find((t) => t.journey === 'maintenance')!.id;

describe('a card making recovery left for staff', () => {
  it('card found in the reject bin: reported abandoned, journaled first with who settled it, the blank counted in the reject bin, closed', async () => {
    const supervisor = await logIn('FS-0002');
    expect(await checks.settleCardMaking(supervisor, cardTx, 'inRejectBin')).toEqual({
      transactionId: cardTx,
      outcome: 'abandoned',
    });
    expect(report).toHaveBeenCalledWith(
      'A0000042',
      { cardNumber: CARD, outcome: 'abandoned', reason: 'interrupted' },
      cardTx,
    );
    const steps = await journal.stepsOf(cardTx);
    const verdict = steps.find((s) => s.step === 'recovery.staffVerdict')!;
    expect(JSON.parse(verdict.detail ?? '{}')).toEqual({
      card: 'inRejectBin',
      staff: 'FS-0002',
      outcome: 'abandoned',
    });
    const named = steps.map((s) => `${s.step}:${s.phase}`);
    expect(named.indexOf('recovery.staffVerdict:event')).toBeLessThan(
      named.indexOf('recovery.host.issued:intent'),
    );
    expect(named).toContain('recovery.host.issued:done');
    expect((await journal.counters.latestCounters()).cardPrinter?.counters).toEqual({
      blanks: 39,
      rejectBin: 3,
    });
    expect((await journal.openTransactions()).map((t) => t.id)).not.toContain(cardTx);
    expect(await stepsOf(await visitTx())).toEqual([
      'maintenance.login:done',
      'maintenance.settleCardMaking:intent',
      'maintenance.settleCardMaking:done',
    ]);
    expect(events.at(-1)).toEqual({
      action: 'settleCardMaking',
      staffId: 'FS-0002',
      device: 'cardPrinter',
      supply: 'rejectBin',
      count: 1,
    });
  });

  it('card not found: taken by the resident, reported issued, the reject bin count unchanged', async () => {
    const supervisor = await logIn('FS-0002');
    expect(await checks.settleCardMaking(supervisor, cardTx, 'taken')).toEqual({
      transactionId: cardTx,
      outcome: 'issued',
    });
    expect(report).toHaveBeenCalledWith('A0000042', { cardNumber: CARD, outcome: 'issued' }, cardTx);
    expect((await journal.counters.latestCounters()).cardPrinter?.counters).toEqual({
      blanks: 39,
      rejectBin: 2,
    });
    expect((await journal.openTransactions()).map((t) => t.id)).not.toContain(cardTx);
  });

  it('an engineer: refused with STAFF_ROLE_NOT_ALLOWED, nothing journaled on the card making, the host not told', async () => {
    const before = await stepsOf(cardTx);
    const engineer = await logIn('FS-0001');
    expect(await codeOf(checks.settleCardMaking(engineer, cardTx, 'taken'))).toBe(
      ErrorCode.STAFF_ROLE_NOT_ALLOWED,
    );
    expect(await stepsOf(cardTx)).toEqual(before);
    expect(report).not.toHaveBeenCalled();
    expect((await journal.openTransactions()).map((t) => t.id)).toContain(cardTx);
  });

  it('a second settlement of the same card: refused with SESSION_NOT_FOUND, journaled failed in the visit, the host told once', async () => {
    const supervisor = await logIn('FS-0002');
    await checks.settleCardMaking(supervisor, cardTx, 'inRejectBin');
    expect(await codeOf(checks.settleCardMaking(supervisor, cardTx, 'taken'))).toBe(
      ErrorCode.SESSION_NOT_FOUND,
    );
    expect(report).toHaveBeenCalledTimes(1);
    expect((await journal.counters.latestCounters()).cardPrinter?.counters).toMatchObject({ rejectBin: 3 });
    expect((await stepsOf(await visitTx())).slice(-2)).toEqual([
      'maintenance.settleCardMaking:intent',
      'maintenance.settleCardMaking:failed',
    ]);
    expect(events.at(-1)).toMatchObject({ action: 'settleCardMaking', code: ErrorCode.SESSION_NOT_FOUND });
  });

  it('fault: the order’s detail no longer reads (a hand-edited journal): refused as with no order, no verdict journaled, the host not told', async () => {
    await overwriteStepDetail(db, cardTx, 'issuance.order', 'event', '{"applicationNo":');
    const before = await stepsOf(cardTx);
    const supervisor = await logIn('FS-0002');
    expect(await codeOf(checks.settleCardMaking(supervisor, cardTx, 'taken'))).toBe(
      ErrorCode.SESSION_NOT_FOUND,
    );
    expect(await stepsOf(cardTx)).toEqual(before);
    expect(report).not.toHaveBeenCalled();
    expect((await journal.openTransactions()).map((t) => t.id)).toContain(cardTx);
  });
});
