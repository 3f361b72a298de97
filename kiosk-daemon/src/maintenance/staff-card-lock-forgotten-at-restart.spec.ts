/**
 * The fault: a staff card's wrong PINs in a row and its lock lived in the daemon's memory only, so a
 * restart (a power cut, the fleet's restart command) gave whoever held a found staff card three
 * fresh tries each time: the lock after wrong PINs did not hold. Now the first log-in of a card
 * after a start reads its count and lock back from the journal's log-in steps (`StaffCardLockouts.
 * recall`), with the times they were journaled: a lock older than its time has lapsed as it would
 * have in memory, and a right PIN since clears the count. A real journal (SQLite), a fake PIN pad.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { SecurePin } from '@kiosk/device-drivers';
import type { DevicesService } from '../devices/devices.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { JournalService } from '../journal/journal.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MaintenanceService } from './maintenance.service.js';
import { LOCK_MS, LOGIN_STEP, MAX_FAILED_LOGINS } from './staff-login.js';
import { openSpecJournal, STAFF_PINS, staffConfig } from './staff-journal.spec-support.js';

const RIGHT = STAFF_PINS['FS-0001'];
const WRONG = '111111';

let dir: string;
let config: KioskConfig;
let db: DataSource;
let journal: JournalService;
let asked: number;
let nextPin: string;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'staff-lock-'));
  config = staffConfig(dir);
  ({ db, journal } = await openSpecJournal(config));
  asked = 0;
  nextPin = RIGHT;
});
afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** The maintenance service as a daemon (re)started on the same journal has it. */
function started(): MaintenanceService {
  const pinPad = {
    collectPin: () => {
      asked += 1;
      return Promise.resolve({
        result: 'entered' as const,
        pin: SecurePin.fromKeys([...nextPin].map(Number)),
      });
    },
  };
  const sessions = { sessionInProgress: false, enterMaintenance: jest.fn(), exitMaintenance: jest.fn() };
  return new MaintenanceService(
    sessions as unknown as SessionsService,
    { pinPad, statuses: () => [] } as unknown as DevicesService,
    journal,
    journal.counters,
    config,
  );
}

async function wrongPins(maintenance: MaintenanceService, times: number): Promise<void> {
  nextPin = WRONG;
  for (let i = 0; i < times; i += 1)
    await expect(maintenance.logIn('FS-0001')).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
  nextPin = RIGHT;
}

/** A visit of FS-0001 journaled `minutesAgo`: its log-in refused for a wrong PIN. */
async function wrongPinJournaled(minutesAgo: number): Promise<void> {
  const at = new Date(Date.now() - minutesAgo * 60_000);
  const tx = await journal.openTransaction(`old-${minutesAgo}`, 'maintenance', at);
  await journal.recordStep(tx, LOGIN_STEP, 'failed', { staffId: 'FS-0001', code: 'STAFF_LOGIN_FAILED' }, at);
  await journal.closeTransaction(tx, 'rejected', 'STAFF_LOGIN_FAILED');
}

describe('a staff card’s lock after wrong PINs across a restart', () => {
  it(`locked by ${MAX_FAILED_LOGINS} wrong PINs, then a restart: still refused, even the right PIN, no PIN asked`, async () => {
    await wrongPins(started(), MAX_FAILED_LOGINS);
    const restarted = started();
    const before = asked;
    await expect(restarted.logIn('FS-0001')).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
    expect(asked).toBe(before);
  });

  it('wrong PINs before a restart count towards the lock after it', async () => {
    await wrongPins(started(), MAX_FAILED_LOGINS - 1);
    const restarted = started();
    await wrongPins(restarted, 1);
    await expect(restarted.logIn('FS-0001')).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
    await expect(started().logIn('FS-0001')).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
  });

  it('a right PIN before the restart cleared the count: the card is not locked by one more wrong PIN', async () => {
    const first = started();
    await wrongPins(first, MAX_FAILED_LOGINS - 1);
    await first.logOut((await first.logIn('FS-0001')).token);
    const restarted = started();
    await wrongPins(restarted, 1);
    const visit = await restarted.logIn('FS-0001');
    expect(restarted.visitOf(visit.token)).toMatchObject({ staffId: 'FS-0001' });
  });

  it('a lock whose time has passed (journaled that long ago) has lapsed after a restart', async () => {
    const longAgo = LOCK_MS / 60_000 + 5;
    for (let i = 0; i < MAX_FAILED_LOGINS; i += 1) await wrongPinJournaled(longAgo);
    const visit = await started().logIn('FS-0001');
    expect(visit).toMatchObject({ staffId: 'FS-0001' });
  });

  it('another card’s wrong PINs lock only that card', async () => {
    const first = started();
    nextPin = WRONG;
    for (let i = 0; i < MAX_FAILED_LOGINS; i += 1)
      await expect(first.logIn('FS-0002')).rejects.toMatchObject({ code: 'STAFF_LOGIN_FAILED' });
    nextPin = RIGHT;
    expect(await started().logIn('FS-0001')).toMatchObject({ staffId: 'FS-0001' });
  });
});
