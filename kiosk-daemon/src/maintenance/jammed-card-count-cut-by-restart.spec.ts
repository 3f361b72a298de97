/**
 * Fault: a restart between the journal's word of where a jammed card went and its count lost the
 * card. Staff clearing a card printer's jam said the jammed card was put in the reject bin
 * (`maintenance.jammedCard`, with the count it makes), and the count of the bin, which a printer
 * without card counters leaves to the journal, followed that step: a kiosk that died between the
 * two left the bin one card short in the journal for good (no boot caught it up), so the next
 * emptying counted one card more than the journal (MAINTENANCE_COUNT_MISMATCH) and the card blanks'
 * reconciliation showed a blank no card explained. Now boot recovery of the visit sets the count
 * from the step, once.
 *
 * The real journal (SQLite in a temp folder), staff's device checks and boot recovery; the kiosk
 * dies at the kill harness's point right after the step (`journal.crashAt`, process.kill taken
 * in-process), and the next run opens the same file. The card printer is a fake without counters.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import type { DevicesService } from '../devices/devices.service.js';
import {
  cardGoneDevices,
  hostWithoutWithdrawals,
  recoverAtBoot,
} from '../journeys/boot-recovery.spec-support.js';
import type { JournalService } from '../journal/journal.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { JAMMED_CARD_STEP } from './jammed-card-cleared.js';
import {
  jamMetByCardMaking,
  journalRejectBin,
  uncountedCardPrinter,
} from './jammed-card-printer.spec-support.js';
import { maintenanceOn, openSpecJournal, staffConfig, staffPinPad } from './staff-journal.spec-support.js';

class PowerCut extends Error {}

/** A printer without card counters, the jam cleared by staff: usable, no card inside. */
const { port: cardPrinter, status, devices } = uncountedCardPrinter(false);

let dir: string;
let config: KioskConfig;
const opened: DataSource[] = [];
const staff = staffPinPad();

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'jammed-card-cut-'));
  config = staffConfig(dir);
});

afterEach(async () => {
  jest.restoreAllMocks();
  for (const db of opened.splice(0)) if (db.isInitialized) await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** One run of the kiosk on the journal file; `crashAt`: the point it dies at. */
async function run(crashAt?: string): Promise<JournalService> {
  const runConfig = { ...config, journal: { ...config.journal, ...(crashAt && { crashAt }) } };
  const { db, journal } = await openSpecJournal(runConfig as KioskConfig);
  opened.push(db);
  return journal;
}

describe('a restart between the jammed card said in the reject bin and its count', () => {
  it('jammed-card-count-cut-by-restart: the next boot counts the card in the bin, once', async () => {
    const first = await run(`after:${JAMMED_CARD_STEP}:event`);
    await jamMetByCardMaking(first);
    const { maintenance, checks } = maintenanceOn(
      devices(staff.pinPad),
      first,
      config,
      {} as SessionRecoveryService,
    );
    const token = await staff.logIn(maintenance, 'FS-0001');
    jest.spyOn(process, 'kill').mockImplementation(() => {
      throw new PowerCut('killed');
    });
    // the power goes right after the step is on disk: its count never recorded
    await expect(checks.clearFault(token, 'cardPrinter', 'inRejectBin')).rejects.toBeInstanceOf(PowerCut);
    jest.restoreAllMocks();
    await maintenance.onApplicationShutdown();
    expect(await journalRejectBin(first)).toBe(2);

    const next = await run();
    const bootDevices = { ...cardGoneDevices(), cardPrinter, statuses: () => [status()] };
    await recoverAtBoot(next, bootDevices as unknown as DevicesService, hostWithoutWithdrawals(), {});
    expect(await journalRejectBin(next)).toBe(3);
    // a later boot (or the step read again) counts it no more
    await recoverAtBoot(next, bootDevices as unknown as DevicesService, hostWithoutWithdrawals(), {});
    expect(await journalRejectBin(next)).toBe(3);
  });
});
