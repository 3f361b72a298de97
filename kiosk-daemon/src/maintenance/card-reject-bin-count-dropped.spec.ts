/**
 * Fault: on a card printer that does not count its reject bin, the journal's own count of the bin
 * (staff counted it, card-making settlements add to it) disappeared whenever the device's counts
 * were recorded: boot's reconcile, the counters feed and the journeys' own records wrote the
 * printer's counts without it, so the staff screen showed "journal: not counted" and
 * reconciliation missed those blanks. The journal's count is now carried forward where the device
 * reports none, and set to 0 when staff empty the bin.
 *
 * The real journal (SQLite in a temp folder), the real reconcile, feed and staff supplies service;
 * the printer is a fake whose status has no reject-bin count (as a printer without the counter).
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { SecurePin } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { recordDeviceCounters } from '../journeys/journey-tools.js';
import { DeviceCountersFeed } from '../journal/device-counters-feed.js';
import { reconcileDeviceCounters } from '../journal/device-counters-reconcile.js';
import { DeviceCountersService } from '../journal/device-counters.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MaintenanceSuppliesService } from './maintenance-supplies.service.js';
import { MaintenanceService } from './maintenance.service.js';
import { openSpecJournal, STAFF_PINS, staffConfig } from './staff-journal.spec-support.js';

let dir: string;
let db: DataSource;
let journal: JournalService;
let maintenance: MaintenanceService | undefined;

/** A card printer's status; `rejectBin` undefined: a printer that does not count its bin. */
const printer = { blanks: 39, rejectBin: undefined as number | undefined };
const printerStatus = (): DeviceStatus =>
  ({
    driver: 'fake',
    updatedAt: new Date(0).toISOString(),
    kind: 'cardPrinter',
    device: 'online',
    supplies: [
      { name: 'cardHopper', level: 'ok', count: printer.blanks },
      {
        name: 'rejectBin',
        level: 'ok',
        ...(printer.rejectBin === undefined ? {} : { count: printer.rejectBin }),
      },
    ],
  }) as DeviceStatus;

let listeners: ((statuses: DeviceStatus[]) => void)[];
const devices = () =>
  ({
    cardPrinter: {
      status: printerStatus,
      // as the printer's driver lists them: its bin counted by staff, it has no counter
      replenishableSupplies: () => [{ supply: 'rejectBin', role: 'bin', unit: 'cards', countedBy: 'staff' }],
      // a printer without the counter: the bin is emptied, nothing counted before or after
      emptySupplyBin: async () => ({ supply: 'rejectBin', before: null, after: null }),
    },
    cashDispenser: { cassettes: () => [] },
    emulators: {},
    statuses: () => [printerStatus()],
    onAnyStatus: (listener: (statuses: DeviceStatus[]) => void) => {
      listeners.push(listener);
      return () => undefined;
    },
  }) as unknown as DevicesService;

const journaled = async () => (await journal.counters.latestCounters()).cardPrinter?.counters;
const quiet = { log: () => undefined, warn: () => undefined };

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'card-reject-bin-'));
  ({ db, journal } = await openSpecJournal(staffConfig(dir)));
  printer.blanks = 39;
  printer.rejectBin = undefined;
  listeners = [];
  // the journal's last record of the printer: 40 blanks, 2 cards in the reject bin (counted by staff)
  await journal.counters.recordCounters('cardPrinter', { blanks: 40, rejectBin: 2 });
});

afterEach(async () => {
  await maintenance?.onApplicationShutdown();
  maintenance = undefined;
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('the journal’s reject-bin count on a card printer that does not count its bin', () => {
  it('fault: boot’s reconcile records the printer’s counts: the journal’s count is kept, not reported as moved', async () => {
    const differences = await reconcileDeviceCounters(journal.counters, devices(), quiet);
    expect(differences).toEqual(['cardPrinter.blanks: 40 → 39']);
    expect(await journaled()).toEqual({ blanks: 39, rejectBin: 2 });
  });

  it('fault: the counters feed records a blank taken: the journal’s count is kept', async () => {
    const feed = new DeviceCountersFeed(journal.counters, devices(), () => undefined);
    feed.start();
    printer.blanks = 38;
    for (const listener of listeners) listener([printerStatus()]);
    await feed.settled();
    feed.stop();
    expect(await journaled()).toEqual({ blanks: 38, rejectBin: 2 });
  });

  it('fault: a journey records the printer’s counts after its act: the journal’s count is kept', async () => {
    await recordDeviceCounters(journal, printerStatus());
    expect(await journaled()).toEqual({ blanks: 39, rejectBin: 2 });
    // and again: carried from record to record
    printer.blanks = 37;
    await recordDeviceCounters(journal, printerStatus());
    expect(await journaled()).toEqual({ blanks: 37, rejectBin: 2 });
  });

  it('fault: a count carried forward while staff record a new one: the older carried count never lands over it', async () => {
    // the feed's record (carrying 2) and a settlement's (one found in the bin: 3), at once, on two
    // services over the same store (the journal's and the one injected into the staff screens)
    await Promise.all([
      journal.counters.recordCounters('cardPrinter', { blanks: 39 }),
      new DeviceCountersService(db).recordCounters('cardPrinter', { blanks: 39, rejectBin: 3 }),
    ]);
    expect(await journaled()).toEqual({ blanks: 39, rejectBin: 3 });
  });

  it('a printer that counts its bin: its own count is recorded', async () => {
    printer.rejectBin = 5;
    await recordDeviceCounters(journal, printerStatus());
    expect(await journaled()).toEqual({ blanks: 39, rejectBin: 5 });
  });

  it('no count in the journal either: none is made up', async () => {
    // a journal that never counted the bin (the seeded record gone)
    await db.query('DELETE FROM device_counters');
    await journal.counters.recordCounters('cardPrinter', { blanks: 40 });
    await recordDeviceCounters(journal, printerStatus());
    expect(await journaled()).toEqual({ blanks: 39 });
  });

  it('staff empty the bin the printer does not count: the journal’s count is 0, not carried on', async () => {
    const config = staffConfig(dir);
    const sessions = { sessionInProgress: false, enterMaintenance: jest.fn(), exitMaintenance: jest.fn() };
    const pinPad = {
      collectPin: async () => ({
        result: 'entered' as const,
        pin: SecurePin.fromKeys([...STAFF_PINS['FS-0001']].map(Number)),
      }),
    };
    const kiosk = { ...devices(), pinPad } as unknown as DevicesService;
    const asSessions = sessions as unknown as SessionsService;
    maintenance = new MaintenanceService(asSessions, kiosk, journal, journal.counters, config);
    const supplies = new MaintenanceSuppliesService(
      maintenance,
      asSessions,
      kiosk,
      journal,
      journal.counters,
      new MaintenanceSupplyLog(db),
    );
    const { token } = await maintenance.logIn('FS-0001');
    // staff take out the 2 cards the journal counts
    await supplies.emptyBin(token, { device: 'cardPrinter', supply: 'rejectBin', counted: 2 });
    expect(await journaled()).toEqual({ blanks: 39, rejectBin: 0 });
    await recordDeviceCounters(journal, printerStatus());
    expect(await journaled()).toEqual({ blanks: 39, rejectBin: 0 });
  });
});
