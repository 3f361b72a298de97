import { CashDispenserEmulator } from '@kiosk/device-drivers';
import type { DeviceStatus } from '@kiosk/domain';
import { DeviceCountersFeed, type CountedDevices } from './device-counters-feed.js';
import { DeviceCountersService } from './device-counters.service.js';
import { openMemoryJournalDb } from './memory-journal.spec-support.js';

describe('device counters following the devices', () => {
  it('appends the dispenser counts after every dispense and retract, and nothing when only the state flag moves', async () => {
    const db = await openMemoryJournalDb();
    const counters = new DeviceCountersService(db);
    const dispenser = new CashDispenserEmulator();
    await dispenser.open();
    const devices: CountedDevices = {
      statuses: () => [dispenser.status()],
      onAnyStatus: (listener: (s: DeviceStatus[]) => void) =>
        dispenser.onStatus(() => listener([dispenser.status()])),
      cashDispenser: dispenser,
    };
    const errors: string[] = [];
    const feed = new DeviceCountersFeed(counters, devices, (m) => errors.push(m));
    feed.start();
    await dispenser.close();
    await dispenser.open(); // online → offline → online: counts unchanged, nothing written
    await feed.settled();
    expect(await counters.latestCounters()).toEqual({});

    await dispenser.dispense(30_000);
    await dispenser.present();
    await dispenser.retract();
    await feed.settled();
    const latest = (await counters.latestCounters()).cashDispenser?.counters;
    expect(latest?.cassettes?.find((c) => c.cassette === 'upper')?.notes).toBe(197);
    expect(latest?.retractBin).toBe(3);
    expect(latest?.rejectBin).toBe(0);
    const rows = await db.query(`SELECT counters FROM device_counters`);
    expect(rows).toHaveLength(2); // after the dispense, after the retract
    expect(errors).toEqual([]);
    feed.stop();
    await db.destroy();
  });
});
