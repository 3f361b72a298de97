/**
 * A push to the dashboards read every active alert of the fleet once per kiosk that changed (its
 * row's alert count), and once more per watched kiosk: a fleet of 1,000 kiosks whose statuses come
 * back together (a broker restarted, every retained status delivered again) read a million alert
 * rows for one push, the dashboards frozen meanwhile. The push's views (`changedViews`) now read
 * the active alerts once and count each kiosk's from them.
 */
import { describe, expect, it } from '@jest/globals';
import { FleetIngest } from '../alerts/fleet-ingest.js';
import { statusInService } from '../contract/release-before.spec-support.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { changedViews } from './dashboard-views.js';

const FLEET = 1000;
const kioskId = (n: number): string => `JZ-${String(n).padStart(4, '0')}`;

const status = (kioskId: string): Buffer =>
  Buffer.from(
    JSON.stringify(
      statusInService({
        kioskId,
        devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'low' }] }],
      }),
    ),
  );

/** the store, counting how often the whole list of active alerts is read */
class CountingStore extends SqliteFleetStore {
  alertReads = 0;
  override activeAlerts(): ReturnType<SqliteFleetStore['activeAlerts']> {
    this.alertReads++;
    return super.activeAlerts();
  }
}

describe('dashboard push reads every alert per kiosk', () => {
  it('a push of a whole fleet changed at once reads the active alerts once, each row counting its own', async () => {
    const store = new CountingStore(':memory:');
    const ingest = new FleetIngest(store);
    const ids = Array.from({ length: FLEET }, (_, n) => kioskId(n + 1));
    for (const id of ids) await ingest.accept(`kiosk/${id}/status`, status(id));
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
    await store.close();
  });
});
