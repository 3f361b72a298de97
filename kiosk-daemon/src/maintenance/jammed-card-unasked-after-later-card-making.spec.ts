/**
 * Fault: a card jammed in the card printer was no longer asked about once a later card making
 * rejected a blank of its own. The staff screen asks where a jammed card went while the journal met
 * a jam not said since; it read only the latest step of each kind that meets one, so a jam cleared
 * on the printer (the kiosk in service again) and then a card making whose reject filed its spoiled
 * blank in the bin as usual hid the jam: staff were not asked, the clear counted nothing, and the
 * jammed card stayed unaccounted for (put in the bin, the next emptying counted one card more than
 * the journal; taken out, a blank no card explained). Now any jam met since staff last said is
 * asked about until they answer.
 *
 * The real journal (SQLite in a temp folder) and staff's device checks; the card printer is a fake
 * without card counters, usable (the jam cleared on the printer before staff press "clear").
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { jamUnsaid } from './jammed-card-cleared.js';
import {
  jamMetByCardMaking,
  journalRejectBin,
  uncountedCardPrinter,
} from './jammed-card-printer.spec-support.js';
import type { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import type { MaintenanceService } from './maintenance.service.js';
import { maintenanceOn, openSpecJournal, staffConfig, staffPinPad } from './staff-journal.spec-support.js';

const { devices } = uncountedCardPrinter(false);

let dir: string;
let db: DataSource;
let journal: JournalService;
let maintenance: MaintenanceService;
let checks: MaintenanceDeviceChecksService;
const staff = staffPinPad();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'jam-unasked-'));
  const config = staffConfig(dir);
  ({ db, journal } = await openSpecJournal(config));
  ({ maintenance, checks } = maintenanceOn(
    devices(staff.pinPad),
    journal,
    config,
    {} as SessionRecoveryService,
  ));
  await jamMetByCardMaking(journal);
  // the jam cleared on the printer; a later card making's spoiled blank filed in the bin as usual
  const later = await journal.openTransaction('s-2', 'issueCard');
  await journal.recordStep(later, 'card.reject', 'intent', {
    attempt: 1,
    reason: 'chipFailed',
    journalBin: 3,
  });
  await journal.recordStep(later, 'card.reject', 'done', { attempt: 1 });
  await journal.counters.recordCounters('cardPrinter', { blanks: 36, rejectBin: 3 });
  await journal.closeTransaction(later, 'done', null);
});

afterEach(async () => {
  await maintenance.onApplicationShutdown();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const journalBin = () => journalRejectBin(journal);

describe('a jam cleared on the printer, then a later card making, before staff said where its card went', () => {
  it('jammed-card-unasked-after-later-card-making: staff are still asked, and the card is counted when they answer', async () => {
    expect(await jamUnsaid(journal)).toBe(true);
    const token = await staff.logIn(maintenance, 'FS-0001');
    await checks.clearFault(token, 'cardPrinter', 'inRejectBin');
    expect(await journalBin()).toBe(4);
    // answered: asked no more
    expect(await jamUnsaid(journal)).toBe(false);
  });

  it('jammed-card-unasked-after-later-card-making: a jam field staff met with the test card, then a card making, stays asked', async () => {
    const token = await staff.logIn(maintenance, 'FS-0001');
    await checks.clearFault(token, 'cardPrinter', 'inRejectBin');
    expect(await jamUnsaid(journal)).toBe(false);
    // the test card jams; the jam cleared on the printer, a card making rejects a blank as usual
    const visit = await journal.openTransaction('v-2', 'maintenance');
    await journal.recordStep(visit, 'maintenance.testCard', 'failed', { code: ErrorCode.CARD_PRINTER_JAM });
    await journal.closeTransaction(visit, 'completed', null);
    const later = await journal.openTransaction('s-3', 'issueCard');
    await journal.recordStep(later, 'card.reject', 'event', { attempt: 1, reason: 'chipFailed', done: true });
    await journal.closeTransaction(later, 'done', null);
    expect(await jamUnsaid(journal)).toBe(true);
  });
});
