/**
 * The fault: a card left in the card reader for staff (a card move the reader did not answer, or a
 * card boot recovery could not capture: the kiosk's CARD_LEFT_IN_READER) held the card journeys
 * back, and the fleet named the reason, but the engineer logged in at the kiosk was shown nothing:
 * the maintenance menu listed the card reader as working (a maintenance visit replaces the kiosk's
 * reason with MAINTENANCE). The staff view says a card is left while the reader holds one, with the
 * emulated reader: no session runs in a visit, so any card in the reader is one left for staff.
 * Fault: a reader that has not said yet whether it holds a card (a motorless presence reader before
 * pcscd's first status, or gone with pcscd: position 'unknown') was shown as holding one; now the
 * view says a card may be inside (`cardLeft` 'maybe'), `cardLeftInReader` false.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EmulatedCardReader } from '@kiosk/device-drivers';
import type { DevicesService } from '../devices/devices.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import type { JournalService } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import type { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { MaintenanceService } from './maintenance.service.js';
import { MaintenanceViewService } from './maintenance-view.service.js';
import { maintenanceOn, openSpecJournal, staffConfig, staffPinPad } from './staff-journal.spec-support.js';

let dir: string;
let db: DataSource;
let journal: JournalService;
let reader: EmulatedCardReader;
let maintenance: MaintenanceService;
let views: MaintenanceViewService;
const staff = staffPinPad();

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'card-left-staff-view-'));
  const config = staffConfig(dir);
  ({ db, journal } = await openSpecJournal(config));
  reader = new EmulatedCardReader({ today: new Date('2026-11-27') });
  await reader.open();
  const nothingToRefill = { status: () => ({ supplies: [] }), replenishableSupplies: () => [] };
  const devices = {
    pinPad: staff.pinPad,
    cardReader: reader,
    receiptPrinter: nothingToRefill,
    cardPrinter: nothingToRefill,
    cashDispenser: nothingToRefill,
    statuses: () => [reader.status()],
    emulators: {},
  } as unknown as DevicesService;
  const made = maintenanceOn(devices, journal, config, {} as SessionRecoveryService);
  maintenance = made.maintenance;
  views = new MaintenanceViewService(
    maintenance,
    devices,
    journal.counters,
    new MaintenanceSupplyLog(db),
    made.checks,
    journal,
  );
});

afterEach(async () => {
  await maintenance.onApplicationShutdown();
  await reader.close();
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('a card left in the reader, as field staff see it', () => {
  it('card left in the reader for staff: the staff view says so, inside or at the slot, until it is taken', async () => {
    const token = await staff.logIn(maintenance, 'FS-0001');
    expect((await views.view(token)).cardLeftInReader).toBe(false);
    await reader.insertCard('zhang'); // the card a session or boot recovery left inside
    const inside = await views.view(token);
    expect(inside.cardLeftInReader).toBe(true);
    // the card reader itself works: its row alone would not tell staff
    expect(inside.devices.find((d) => d.kind === 'cardReader')).toMatchObject({
      state: 'online',
      fault: null,
    });
    expect(inside.cardLeft).toBe('inside');
    await reader.eject();
    expect(await views.view(token)).toMatchObject({ cardLeftInReader: true, cardLeft: 'atSlot' });
    await reader.takeCard();
    const none = await views.view(token);
    expect(none.cardLeftInReader).toBe(false);
    expect(none.cardLeft).toBeUndefined();
  });

  it('card-may-be-in-reader: the reader has not said (unknown): not shown holding a card, staff told one may be inside', async () => {
    const token = await staff.logIn(maintenance, 'FS-0001');
    reader.cardPosition = () => 'unknown'; // a presence reader before pcscd's first status of it
    expect(await views.view(token)).toMatchObject({ cardLeftInReader: false, cardLeft: 'maybe' });
  });
});
