/**
 * Fault: `GET /stats/daily?days=N` (and the dashboard's `stats.daily`) answered N + 1 days between
 * midnight and 08:00 in China: the monitor, not knowing the kiosks' zone, began the window N - 1 days
 * before its own UTC date while the kiosks already counted their journeys on the next day. The window
 * now follows the days counted (`lastDaysCounted`): N days ending on the kiosks' today. Through the
 * SQLite store (both stores count alike: `fleet-store-drivers`).
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { lastDaysCounted } from './days-counted.js';
import { journeyCounted } from './journey-counted.spec-support.js';
import { SqliteFleetStore } from './sqlite-fleet-store.js';

let store: SqliteFleetStore;
beforeEach(() => {
  store = new SqliteFleetStore(':memory:');
});
afterEach(() => store.close());

/** a completed balance journey of `kioskId` ended at `at`, counted on `day` (none: an older kiosk's) */
const journey = (kioskId: string, at: string, day?: string): Promise<void> =>
  journeyCounted(store, kioskId, at, day);

const daysOf = async (days: number, now: string, kioskId: string | null = null) =>
  (await lastDaysCounted(store, days, kioskId, new Date(now))).map((count) => count.day);

describe('stats-daily-one-day-more-in-china', () => {
  it("stats-daily-one-day-more-in-china: at 01:30 in China two days asked are two days, the kiosks' today the last", async () => {
    await journey('JZ-0001', '2026-11-28T02:00:00.000Z', '2026-11-28');
    await journey('JZ-0001', '2026-11-29T02:00:00.000Z', '2026-11-29');
    await journey('JZ-0001', '2026-11-29T17:30:00.000Z', '2026-11-30');
    expect(await daysOf(2, '2026-11-29T17:35:00.000Z')).toEqual(['2026-11-29', '2026-11-30']);
    expect(await daysOf(2, '2026-11-29T17:35:00.000Z', 'JZ-0001')).toEqual(['2026-11-29', '2026-11-30']);
    expect(await daysOf(1, '2026-11-29T17:35:00.000Z')).toEqual(['2026-11-30']);
  });

  it("before the kiosks' first journey of their day, or a fleet on UTC: the window ends on the UTC date", async () => {
    await journey('JZ-0001', '2026-11-28T02:00:00.000Z', '2026-11-28');
    await journey('JZ-0001', '2026-11-29T02:00:00.000Z', '2026-11-29');
    await journey('LDN-01', '2026-11-29T12:00:00.000Z');
    expect(await daysOf(2, '2026-11-29T17:35:00.000Z')).toEqual(['2026-11-28', '2026-11-29']);
  });

  it('a kiosk whose clock is days ahead does not move the window: its day is left out', async () => {
    await journey('JZ-0001', '2026-11-29T02:00:00.000Z', '2026-11-29');
    await journey('JZ-0002', '2026-11-29T03:00:00.000Z', '2027-03-01');
    // every day of the window is there (0 without journeys: stats-daily-no-today-before-first-journey)
    expect(await daysOf(2, '2026-11-29T17:35:00.000Z')).toEqual(['2026-11-28', '2026-11-29']);
  });
});
