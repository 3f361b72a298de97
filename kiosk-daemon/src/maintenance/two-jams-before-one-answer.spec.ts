/**
 * Fault: two cards jammed in the card printer before field staff said where one went were
 * answered as one. The journal met a jam (a card making's reject skipped for the card jammed
 * inside), the printer was cleared on its own and a later card making jammed too; staff clearing
 * the printer said where one card went, and the screen asked no more: it asked while any jam was
 * met after staff's last word, so one word covered both and the other card was never counted (in
 * the bin, the next emptying counted one card more than the journal; taken out, a blank no card
 * explained). Now each jam met is answered on its own: staff are asked again until every jammed
 * card has its word, across a restart too, and each word counts its own card.
 *
 * The real journal (SQLite in a temp folder, opened again for the restart) and staff's device
 * checks; the card printer is a fake without card counters, usable (the jams cleared on it).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import type { JournalService } from '../journal/journal.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { jamUnsaid } from './jammed-card-cleared.js';
import {
  jamMetByCardMaking,
  journalRejectBin,
  laterJamMet,
  uncountedCardPrinter,
} from './jammed-card-printer.spec-support.js';
import { maintenanceOn, openSpecJournal, staffConfig, staffPinPad } from './staff-journal.spec-support.js';

const { devices } = uncountedCardPrinter(false);
const staff = staffPinPad();

let dir: string;
let config: KioskConfig;
const opened: DataSource[] = [];

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'two-jams-'));
  config = staffConfig(dir);
});

afterEach(async () => {
  for (const db of opened.splice(0)) if (db.isInitialized) await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** One run of the kiosk on the journal file. */
async function run(): Promise<JournalService> {
  const { db, journal } = await openSpecJournal(config);
  opened.push(db);
  return journal;
}

/** Staff log in and clear the card printer saying where the jammed card went. */
async function answer(journal: JournalService, where: 'inRejectBin' | 'removed'): Promise<void> {
  const { maintenance, checks } = maintenanceOn(
    devices(staff.pinPad),
    journal,
    config,
    {} as SessionRecoveryService,
  );
  const token = await staff.logIn(maintenance, 'FS-0001');
  await checks.clearFault(token, 'cardPrinter', where);
  await maintenance.logOut(token);
  await maintenance.onApplicationShutdown();
}

describe('two cards jammed in the card printer before one staff answer', () => {
  it('two-jams-before-one-answer: each jammed card is asked about and counted on its own, across a restart', async () => {
    const first = await run();
    await jamMetByCardMaking(first); // the bin counted 2, then the first jam
    await laterJamMet(first);
    expect(await jamUnsaid(first)).toBe(true);

    await answer(first, 'inRejectBin');
    expect(await journalRejectBin(first)).toBe(3);
    // one card said, the other still asked about, after a restart too
    expect(await jamUnsaid(first)).toBe(true);
    await opened[0]!.destroy();
    const second = await run();
    expect(await jamUnsaid(second)).toBe(true);

    await answer(second, 'inRejectBin');
    expect(await journalRejectBin(second)).toBe(4);
    expect(await jamUnsaid(second)).toBe(false);
    // a third answer (no jam left unsaid, the printer usable) counts nothing
    await answer(second, 'inRejectBin');
    expect(await journalRejectBin(second)).toBe(4);
  });

  it('two-jams-before-one-answer: one put in the bin, one taken out: the bin counts one, the other is a card found missing', async () => {
    const journal = await run();
    await jamMetByCardMaking(journal);
    await laterJamMet(journal);
    await answer(journal, 'removed');
    expect(await journalRejectBin(journal)).toBe(2);
    expect(await jamUnsaid(journal)).toBe(true);
    await answer(journal, 'inRejectBin');
    expect(await journalRejectBin(journal)).toBe(3);
    expect(await jamUnsaid(journal)).toBe(false);
    expect(await journal.supplyLog.cardsFoundMissingSince(new Date(0).toISOString())).toBe(1);
  });
});
