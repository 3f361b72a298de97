/**
 * The fault: a supply act left for staff during a visit (its device did not answer in time, ADR
 * 0022) was never told to the fleet as an event: acts left for staff were read only when the kiosk
 * left its self test, so a monitor of the release before (which reads the acts from events only,
 * not from the status's `supplyActsLeft`) raised no alert for it. Now the acts are read again after
 * each thing field staff do, each one still told once.
 *
 * supply-act-alert-stored-twice-across-restart: each daemon start told an act under a new event id,
 * so a restart during a broker outage queued it again beside the one waiting, and a restart after
 * a monitor stored it made the monitor store it again. Now it carries the same id at every start
 * (`staffAlertEventId`, the road of a host act given up): queued once, stored once.
 *
 * The real journal (SQLite in a temp folder) and the real maintenance services, the dispenser a
 * stand-in that never answers; the publisher a fake that keeps the events (and their ids).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as tick } from 'node:timers/promises';
import type { DataSource } from 'typeorm';
import type { JournalService } from '../../journal/journal.service.js';
import { openSpecJournal, staffConfig } from '../../maintenance/staff-journal.spec-support.js';
import { kiosk, SilentDispenser } from '../../maintenance/supply-act-cut-off.spec-support.js';
import { keptEvents, reporterOn } from './fleet-reporter.spec-support.js';

let dir: string;
let db: DataSource;
let journal: JournalService;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'supply-act-left-in-visit-'));
  ({ db, journal } = await openSpecJournal(staffConfig(dir)));
  await journal.counters.recordCounters('cashDispenser', {
    cassettes: [{ cassette: 'upper', denominationFen: 10_000, notes: 100 }],
  });
});

afterEach(async () => {
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('a supply act left for staff during a visit, at the fleet', () => {
  it('fault: told by no event, so a monitor of the release before raised no alert', async () => {
    const world = kiosk({ journal, dir }, new SilentDispenser(true), 50);
    const { publisher, staffAlerts } = keptEvents();
    const fleet = reporterOn({ publisher, journal, mode: 'maintenance', maintenance: world.maintenance });
    const told = () => staffAlerts().map((e) => e.event);
    const settled = async (until: () => boolean) => {
      for (let i = 0; i < 1000 && !until(); i += 1) await tick();
    };

    const token = await world.logIn('FS-0002');
    const refill = {
      device: 'cashDispenser',
      supply: 'cassette:upper',
      added: 20,
      denominationFen: 10_000,
    } as const;
    await expect(world.supplies.refill(token, refill)).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_ACT_TIMEOUT',
    });
    await settled(() => told().length > 0);
    expect(told()).toEqual([
      {
        type: 'recoveryNeedsStaff',
        code: 'MAINTENANCE_SUPPLY_UNSETTLED',
        device: 'cashDispenser',
        supply: 'cassette:upper',
      },
    ]);

    // more of the visit (a refused refill of it, the log-out): still told once
    await expect(world.supplies.refill(token, refill)).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_UNSETTLED',
    });
    await world.maintenance.logOut(token);
    await fleet.reporter.readJournalCounts();
    expect(told()).toHaveLength(1);
    await fleet.stop();
  });
});

describe('supply-act-alert-stored-twice-across-restart', () => {
  it('fault: told again at the next start under a new id; now under the same id, so the queue and the monitor keep it once', async () => {
    const world = kiosk({ journal, dir }, new SilentDispenser(true), 50);
    const token = await world.logIn('FS-0002');
    const refill = { device: 'cashDispenser', supply: 'cassette:upper', added: 20, denominationFen: 10_000 };
    await expect(world.supplies.refill(token, refill as never)).rejects.toMatchObject({
      code: 'MAINTENANCE_SUPPLY_ACT_TIMEOUT',
    });
    await world.maintenance.logOut(token);

    /** One daemon start's link: the ids it told the act's alert under. */
    const start = async (): Promise<string[]> => {
      const { publisher, staffAlerts } = keptEvents();
      const fleet = reporterOn({ publisher, journal, maintenance: world.maintenance });
      for (let i = 0; i < 1000 && staffAlerts().length === 0; i += 1) await tick();
      await fleet.stop();
      return staffAlerts().map((e) => e.id);
    };
    const first = await start();
    expect(first).toHaveLength(1);
    expect(await start()).toEqual(first);
  });
});
