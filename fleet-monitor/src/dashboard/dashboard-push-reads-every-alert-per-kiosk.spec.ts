/**
 * A push to the dashboards read every active alert of the fleet once per kiosk that changed (its
 * row's alert count), and once more per watched kiosk: a fleet of 1,000 kiosks whose statuses come
 * back together (a broker restarted, every retained status delivered again) read a million alert
 * rows for one push, the dashboards frozen meanwhile. The push's views (`changedViews`) now read
 * the active alerts once and count each kiosk's from them. The ingest of each of those statuses,
 * before the push, read the fleet's active alerts too, to clear those of its kiosk the status
 * resolves: it now reads its kiosk's own (`activeAlertsOf`), so 1,000 statuses read 1,000 kiosks'
 * few rows, not a million.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FleetIngest } from '../alerts/fleet-ingest.js';
import { statusInService } from '../contract/release-before.spec-support.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { changedViews, kioskDetailView } from './dashboard-views.js';

const FLEET = 1000;
const kioskId = (n: number): string => `JZ-${String(n).padStart(4, '0')}`;
const ids = Array.from({ length: FLEET }, (_, n) => kioskId(n + 1));

const status = (kioskId: string, paper: 'low' | 'ok' = 'low', at = '2026-11-28T06:00:00.000Z'): Buffer =>
  Buffer.from(
    JSON.stringify(
      statusInService({
        kioskId,
        at,
        devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: paper }] }],
      }),
    ),
  );

/** the store, counting the reads of the fleet's active alerts and of one kiosk's */
class CountingStore extends SqliteFleetStore {
  alertReads = 0;
  kioskAlertReads: string[] = [];
  override activeAlerts(): ReturnType<SqliteFleetStore['activeAlerts']> {
    this.alertReads++;
    return super.activeAlerts();
  }
  override activeAlertsOf(kioskId: string): ReturnType<SqliteFleetStore['activeAlertsOf']> {
    this.kioskAlertReads.push(kioskId);
    return super.activeAlertsOf(kioskId);
  }
}

describe('dashboard push reads every alert per kiosk', () => {
  let store: CountingStore;
  let ingest: FleetIngest;

  beforeEach(async () => {
    store = new CountingStore(':memory:');
    ingest = new FleetIngest(store);
    for (const id of ids) await ingest.accept(`kiosk/${id}/status`, status(id));
  });
  afterEach(async () => {
    await store.close();
  });

  it("a whole fleet's statuses ingested read each kiosk's own alerts, never the fleet's; a refill clears its kiosk's alone", async () => {
    expect(store.alertReads).toBe(0);
    expect(store.kioskAlertReads).toEqual(ids);

    store.kioskAlertReads = [];
    await ingest.accept('kiosk/JZ-0007/status', status('JZ-0007', 'ok', '2026-11-28T06:01:00.000Z'));

    expect(store.alertReads).toBe(0);
    expect(store.kioskAlertReads).toEqual(['JZ-0007']);
    const active = await store.activeAlerts();
    expect(active).toHaveLength(FLEET - 1);
    expect(active.some((alert) => alert.kioskId === 'JZ-0007')).toBe(false);
    expect(await store.activeAlertsOf('JZ-0008')).toEqual([
      expect.objectContaining({ kioskId: 'JZ-0008', key: 'supply/receiptPrinter/paper/low' }),
    ]);
  });

  it("a kiosk's detail opened alone reads its own alerts, never the fleet's", async () => {
    store.kioskAlertReads = [];

    const detail = await kioskDetailView(store, 'JZ-0007');

    expect(store.alertReads).toBe(0);
    expect(store.kioskAlertReads).toEqual(['JZ-0007']);
    expect(detail!.alerts).toEqual([
      expect.objectContaining({ kioskId: 'JZ-0007', key: 'supply/receiptPrinter/paper/low' }),
    ]);
    expect(detail!.kiosk.activeAlerts).toBe(1);
  });

  it('a push of a whole fleet changed at once reads the active alerts once, each row counting its own', async () => {
    store.alertReads = 0;

    const views = await changedViews(
      store,
      [...ids, 'JZ-9999'],
      (id) => id === 'JZ-0007' || id === 'JZ-0500',
    );

    expect(store.alertReads).toBe(1);
    expect(views.alerts).toHaveLength(FLEET);
    expect(views.rows).toHaveLength(FLEET); // a kiosk the store does not know has no row
    expect(views.rows.every((row) => row.activeAlerts === 1)).toBe(true);
    expect(views.details.map((detail) => detail.kiosk.kioskId)).toEqual(['JZ-0007', 'JZ-0500']);
    expect(views.details[0]!.alerts).toEqual([
      expect.objectContaining({ kioskId: 'JZ-0007', key: 'supply/receiptPrinter/paper/low' }),
    ]);
  });
});
