/**
 * Fault: a jam cleared by field staff on a card printer without card counters left the card that
 * jammed uncounted. The journal keeps that printer's reject bin count (the printer has none) and
 * the clear said nothing of the card: put in the reject bin, the next emptying of the bin counted
 * one card more than the journal (MAINTENANCE_COUNT_MISMATCH) and the card blanks' reconciliation
 * showed a blank no card explained; taken out, nothing said so either. Now staff clearing the jam
 * say where the jammed card went (`jammedCard`): journaled in the visit (`maintenance.jammedCard`),
 * then one more card in the journal's count of the bin, or, taken out, counted with the blanks
 * staff found missing. Nothing is counted while the printer still holds it jammed.
 *
 * The real journal (SQLite in a temp folder) and staff's device checks; the card printer is a fake
 * whose status has no reject-bin count and whose self test reads the jam as field staff left it
 * (cleared before they press "clear": the printer reads usable, the journal's jam is unsaid).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { ErrorCode } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import type { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { JAMMED_CARD_STEP } from './jammed-card-cleared.js';
import {
  jamMetByCardMaking,
  journalRejectBin,
  laterJamMet,
  uncountedCardPrinter,
} from './jammed-card-printer.spec-support.js';
import type { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import type { MaintenanceService } from './maintenance.service.js';
import { MaintenanceViewService } from './maintenance-view.service.js';
import {
  codeOf,
  maintenanceOn,
  openSpecJournal,
  staffConfig,
  staffPinPad,
} from './staff-journal.spec-support.js';

/** The printer as field staff find and leave it: `jammed` until they clear it. */
const { state: printer, devices: devicesWith } = uncountedCardPrinter(true);

let dir: string;
let db: DataSource;
let journal: JournalService;
let maintenance: MaintenanceService;
let checks: MaintenanceDeviceChecksService;
let devices: DevicesService;
const staff = staffPinPad();

beforeEach(async () => {
  printer.jammed = true;
  dir = mkdtempSync(join(tmpdir(), 'jam-cleared-'));
  const config = staffConfig(dir);
  ({ db, journal } = await openSpecJournal(config));
  devices = devicesWith(staff.pinPad);
  ({ maintenance, checks } = maintenanceOn(devices, journal, config, {} as SessionRecoveryService));
  await jamMetByCardMaking(journal);
});

afterEach(async () => {
  await maintenance.onApplicationShutdown();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const journalBin = () => journalRejectBin(journal);

/** The staff view over the journal and this printer (the other devices with nothing to refill). */
function staffViews(): MaintenanceViewService {
  const nothingToRefill = { status: () => ({ supplies: [] }), replenishableSupplies: () => [] };
  return new MaintenanceViewService(
    maintenance,
    {
      ...devices,
      cardPrinter: nothingToRefill,
      receiptPrinter: nothingToRefill,
      cashDispenser: nothingToRefill,
      cardReader: { ...nothingToRefill, cardPosition: () => 'none' },
    } as unknown as DevicesService,
    journal.counters,
    new MaintenanceSupplyLog(db),
    checks,
    journal,
  );
}
const jammedCardSteps = async () =>
  (await db.query(`SELECT "detail" FROM "journal_step" WHERE "step" = ?`, [JAMMED_CARD_STEP])) as {
    detail: string;
  }[];

describe('a jam cleared on a card printer without card counters', () => {
  it("jam-cleared-uncounted-bin: the jammed card put in the reject bin is one more in the journal's count", async () => {
    const token = await staff.logIn(maintenance, 'FS-0001');
    printer.jammed = false; // staff open the printer and put the jammed card in the reject bin
    const cleared = await checks.clearFault(token, 'cardPrinter', 'inRejectBin');
    expect(cleared.status.device).toBe('online');
    expect(await journalBin()).toBe(3);
    expect((await jammedCardSteps()).map((s) => JSON.parse(s.detail) as object)).toEqual([
      expect.objectContaining({ where: 'inRejectBin', rejectBin: 3 }),
    ]);
    // said once: a later clear counts nothing more
    await checks.clearFault(token, 'cardPrinter', 'inRejectBin');
    expect(await journalBin()).toBe(3);
    expect(await jammedCardSteps()).toHaveLength(1);
  });

  it('jam-cleared-uncounted-bin: the jammed card taken out is counted with the blanks staff found missing', async () => {
    const since = new Date(Date.now() - 60_000).toISOString();
    const token = await staff.logIn(maintenance, 'FS-0001');
    printer.jammed = false;
    await checks.clearFault(token, 'cardPrinter', 'removed');
    expect(await journalBin()).toBe(2);
    expect(await new MaintenanceSupplyLog(db).cardsFoundMissingSince(since)).toBe(1);
  });

  it("jam-cleared-uncounted-bin: the staff view asks for the jammed card's whereabouts until they are said", async () => {
    const token = await staff.logIn(maintenance, 'FS-0001');
    printer.jammed = false; // cleared before staff say: the printer reads usable
    const views = staffViews();
    expect((await views.view(token)).jammedCardUnsaid).toBe(true);
    await checks.clearFault(token, 'cardPrinter', 'inRejectBin');
    expect((await views.view(token)).jammedCardUnsaid).toBeUndefined();
  });

  it('jammed-cards-unsaid-count: two jammed cards unsaid: the staff view says two, then one after the first word, then none', async () => {
    const token = await staff.logIn(maintenance, 'FS-0001');
    printer.jammed = false;
    await laterJamMet(journal);
    const views = staffViews();
    expect(await views.view(token)).toMatchObject({ jammedCardUnsaid: true, jammedCardsUnsaid: 2 });
    await checks.clearFault(token, 'cardPrinter', 'inRejectBin');
    expect(await views.view(token)).toMatchObject({ jammedCardUnsaid: true, jammedCardsUnsaid: 1 });
    await checks.clearFault(token, 'cardPrinter', 'removed');
    const after = await views.view(token);
    expect([after.jammedCardUnsaid, after.jammedCardsUnsaid]).toEqual([undefined, undefined]);
    expect(await journalBin()).toBe(3);
  });

  it('the jam not cleared: the fault persists and nothing is counted', async () => {
    const token = await staff.logIn(maintenance, 'FS-0001');
    expect(await codeOf(checks.clearFault(token, 'cardPrinter', 'inRejectBin'))).toBe(
      ErrorCode.MAINTENANCE_FAULT_PERSISTS,
    );
    expect(await journalBin()).toBe(2);
    expect(await jammedCardSteps()).toEqual([]);
  });
});
