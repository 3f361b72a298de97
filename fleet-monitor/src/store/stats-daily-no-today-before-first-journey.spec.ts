/**
 * Fault: between the kiosks' midnight and their first journey of the new day, `GET /stats/daily`
 * (and the dashboard's `stats.daily`) ended on their yesterday: the monitor, not knowing the kiosks'
 * zone, ended the window on the UTC date unless a journey was already counted on the next day, and
 * left days without journeys out, so an operator in China looking at 07:00 saw no row for today. The
 * kiosks now name their zone in their status (`timeZone`) and the window ends on their today, every
 * day of it present (0 without journeys). Through the SQLite store (the zones' query on PostgreSQL:
 * `fleet-store-drivers`).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ReceivedOnlineStatus } from '../contract/telemetry-reading.js';
import { lastDaysCounted } from './days-counted.js';
import { journeyCounted } from './journey-counted.spec-support.js';
import { SqliteFleetStore } from './sqlite-fleet-store.js';

let store: SqliteFleetStore;
beforeEach(() => {
  store = new SqliteFleetStore(':memory:');
});
afterEach(() => store.close());

/** the kiosk's status naming `timeZone` (none: a kiosk of a release before) */
async function kioskIn(kioskId: string, timeZone?: string): Promise<void> {
  const status: ReceivedOnlineStatus = {
    connection: 'online',
    kioskId,
    mode: 'inService',
    version: '1.0.0',
    journeysOffered: ['balance'],
    devices: [],
    heartbeatIntervalS: 10,
    ...(timeZone !== undefined && { timeZone }),
    at: '2026-11-29T09:00:00.000Z',
  };
  await store.saveStatus(status, status.at);
}

/** a completed balance journey of `kioskId` ended at `at`, counted on `day` (none: an older kiosk's) */
const journey = (kioskId: string, at: string, day?: string): Promise<void> =>
  journeyCounted(store, kioskId, at, day);

const window = async (days: number, now: string, kioskId: string | null = null) =>
  (await lastDaysCounted(store, days, kioskId, new Date(now))).map((count) => [count.day, count.completed]);

/** 07:00 on 2026-11-30 in China, 23:00 on the 29th UTC */
const CHINA_MORNING = '2026-11-29T23:00:00.000Z';

describe('stats-daily-no-today-before-first-journey', () => {
  it("stats-daily-no-today-before-first-journey: at 07:00 in China, before the day's first journey, today's row is there at zero", async () => {
    await kioskIn('JZ-0001', 'Asia/Shanghai');
    await journey('JZ-0001', '2026-11-29T02:00:00.000Z', '2026-11-29');
    await journey('JZ-0001', '2026-11-29T08:00:00.000Z', '2026-11-29');
    expect(await window(2, CHINA_MORNING)).toEqual([
      ['2026-11-29', 2],
      ['2026-11-30', 0],
    ]);
    expect(await window(2, CHINA_MORNING, 'JZ-0001')).toEqual([
      ['2026-11-29', 2],
      ['2026-11-30', 0],
    ]);
    expect(await window(1, CHINA_MORNING)).toEqual([['2026-11-30', 0]]);
  });

  it('every day of the window is there, a day without journeys at zero', async () => {
    await kioskIn('JZ-0001', 'Asia/Shanghai');
    await journey('JZ-0001', '2026-11-27T02:00:00.000Z', '2026-11-27');
    expect(await window(4, CHINA_MORNING)).toEqual([
      ['2026-11-27', 1],
      ['2026-11-28', 0],
      ['2026-11-29', 0],
      ['2026-11-30', 0],
    ]);
  });

  it("a fleet across zones ends on the latest kiosk's today; a kiosk behind UTC alone ends on its own", async () => {
    await kioskIn('JZ-0001', 'Asia/Shanghai');
    await kioskIn('NY-0001', 'America/New_York');
    expect((await window(1, CHINA_MORNING)).map(([day]) => day)).toEqual(['2026-11-30']);
    // 18:00 on the 29th in New York: its today, not the UTC date
    expect((await window(1, CHINA_MORNING, 'NY-0001')).map(([day]) => day)).toEqual(['2026-11-29']);
  });

  it('a kiosk of a release before (no zone), or a zone this monitor does not know: the window ends on the UTC date, as before', async () => {
    await kioskIn('OLD-0001');
    await kioskIn('XX-0001', 'Mars/Olympus_Mons');
    await journey('OLD-0001', '2026-11-29T12:00:00.000Z', '2026-11-29');
    expect(await window(1, CHINA_MORNING)).toEqual([['2026-11-29', 1]]);
    expect(await window(1, CHINA_MORNING, 'XX-0001')).toEqual([['2026-11-29', 0]]);
  });

  it('a kiosk the monitor does not know: the window ends on the UTC date, at zero', async () => {
    expect(await window(1, CHINA_MORNING, 'JZ-9999')).toEqual([['2026-11-29', 0]]);
  });
});
