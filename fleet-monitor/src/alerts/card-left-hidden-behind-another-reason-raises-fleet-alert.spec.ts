/**
 * Fault: a resident's card or notes left at a kiosk (CARD_LEFT_IN_READER, NEW_CARD_LEFT_AT_SLOT,
 * CASH_LEFT_IN_PRESENTER) behind another of its reasons (the reader down before the card left in
 * it, an operator's hold) raised no `leftAtKiosk` alert: the status carried only the first reason,
 * so staff were sent only once it came first, and the alert of one left before stayed up while a
 * reason in front of it might hide it, even after it was gone. The status now lists every reason
 * (`reasons`): any one of them raises the alert, and a status with the list clears it once the
 * list leaves it out. A status without the list (an older kiosk, one not placed) reads as before.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ServiceReason } from '@kiosk/domain';
import type { OnlineStatus } from '../contract/telemetry.contract.js';
import type { FleetStore } from '../store/fleet-store.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { kioskDetailView } from '../dashboard/dashboard-views.js';
import { alertsForStatus } from './alert-rules.js';
import { FleetIngest, type FleetIngestEvents } from './fleet-ingest.js';

const { CARD_LEFT_IN_READER, CARD_READER_DOWN, NEW_CARD_LEFT_AT_SLOT, CASH_LEFT_IN_PRESENTER } =
  ServiceReason;

let store: FleetStore;
let ingest: FleetIngest;
let raised: FleetIngestEvents['alertRaised'][0][];
let sent = 0;

beforeEach(() => {
  store = new SqliteFleetStore(':memory:');
  ingest = new FleetIngest(store);
  raised = [];
  sent = 0;
  ingest.on('alertRaised', (alert) => raised.push(alert));
});
afterEach(() => store.close());

/** a status of kiosk k1, its reasons listed (the first its reason) unless `reasons` is null */
function status(
  mode: OnlineStatus['mode'],
  reasons: readonly string[] | null,
  reason = reasons?.[0],
): Omit<OnlineStatus, 'at'> {
  return {
    connection: 'online',
    kioskId: 'k1',
    mode,
    ...(reason !== undefined && { reason }),
    ...(reasons !== null && { reasons: [...reasons] }),
    version: '1.0.0',
    journeysOffered: [],
    devices: [{ kind: 'pinPad', device: 'online', supplies: [] }],
    heartbeatIntervalS: 10,
  };
}

/** sent to the monitor, each later than the one before */
async function send(body: object): Promise<void> {
  const at = new Date(Date.UTC(2026, 10, 29, 9, 0, ++sent)).toISOString();
  await ingest.accept('kiosk/k1/status', Buffer.from(JSON.stringify({ ...body, at })));
}

const leftKeys = async () =>
  (await store.activeAlerts()).filter((a) => a.kind === 'leftAtKiosk').map((a) => a.key);

describe('card-left-hidden-behind-another-reason-raises-fleet-alert', () => {
  it('card-left-hidden-behind-another-reason-raises-fleet-alert: the reader down before a card left in it, staff sent at once', async () => {
    await send(status('outOfService', [CARD_READER_DOWN, CARD_LEFT_IN_READER]));
    expect(await leftKeys()).toEqual(['leftAtKiosk/CARD_LEFT_IN_READER']);
    expect(raised.filter((a) => a.kind === 'leftAtKiosk')).toEqual([
      {
        kioskId: 'k1',
        kind: 'leftAtKiosk',
        key: 'leftAtKiosk/CARD_LEFT_IN_READER',
        code: CARD_LEFT_IN_READER,
      },
    ]);
  });

  it("the kiosk's detail for the dashboard carries the list; an older kiosk's, none", async () => {
    await send(status('outOfService', [CARD_READER_DOWN, CARD_LEFT_IN_READER]));
    expect(await kioskDetailView(store, 'k1')).toMatchObject({
      reason: CARD_READER_DOWN,
      reasons: [CARD_READER_DOWN, CARD_LEFT_IN_READER],
    });
    await send(status('outOfService', null, CARD_READER_DOWN));
    expect(await kioskDetailView(store, 'k1')).not.toHaveProperty('reasons');
  });

  it('each one left that the list names raises its own alert, behind a hold or a device fault', () => {
    const wanted = alertsForStatus({
      ...status('outOfService', [
        ServiceReason.REMOTE_OUT_OF_SERVICE,
        ServiceReason.CARD_PRINTER_DOWN,
        NEW_CARD_LEFT_AT_SLOT,
        CASH_LEFT_IN_PRESENTER,
        ServiceReason.PAPER_EMPTY,
      ]),
      at: '2026-11-29T09:00:00.000Z',
    });
    expect(wanted.filter((a) => a.kind === 'leftAtKiosk').map((a) => a.code)).toEqual([
      NEW_CARD_LEFT_AT_SLOT,
      CASH_LEFT_IN_PRESENTER,
    ]);
  });

  it('kept while the list holds it, raised once; cleared by a list without it, whatever stands first', async () => {
    await send(status('degraded', [CARD_LEFT_IN_READER]));
    await send(status('outOfService', [CARD_READER_DOWN, CARD_LEFT_IN_READER]));
    await send(
      status('outOfService', [ServiceReason.REMOTE_OUT_OF_SERVICE, CARD_READER_DOWN, CARD_LEFT_IN_READER]),
    );
    expect(await leftKeys()).toEqual(['leftAtKiosk/CARD_LEFT_IN_READER']);
    expect(raised.filter((a) => a.kind === 'leftAtKiosk')).toHaveLength(1);
    // the card taken while the reader is still down: the list says so, the reason alone could not
    await send(status('outOfService', [CARD_READER_DOWN]));
    expect(await leftKeys()).toEqual([]);
  });

  it('one of two left taken: only its alert clears', async () => {
    await send(
      status('degraded', [ServiceReason.CARD_PRINTER_DOWN, NEW_CARD_LEFT_AT_SLOT, CASH_LEFT_IN_PRESENTER]),
    );
    await send(status('degraded', [ServiceReason.CARD_PRINTER_DOWN, NEW_CARD_LEFT_AT_SLOT]));
    expect(await leftKeys()).toEqual(['leftAtKiosk/NEW_CARD_LEFT_AT_SLOT']);
    await send(status('inService', []));
    expect(await leftKeys()).toEqual([]);
  });

  it('a status without the list reads as before: maintenance, a self test or a reason in front keep it', async () => {
    await send(status('outOfService', [CARD_READER_DOWN, CARD_LEFT_IN_READER]));
    await send(status('maintenance', null, ServiceReason.MAINTENANCE));
    await send(status('selfTest', null));
    await send(status('outOfService', null, ServiceReason.SELF_TEST_FAILED));
    // an older kiosk's: the reader's fault could hide the card
    await send(status('outOfService', null, CARD_READER_DOWN));
    expect(await leftKeys()).toEqual(['leftAtKiosk/CARD_LEFT_IN_READER']);
    // an older kiosk in service: it would have shown
    await send(status('inService', null));
    expect(await leftKeys()).toEqual([]);
  });

  it("a newer kiosk's reason this monitor does not know, in the list, raises nothing and hides nothing", async () => {
    await send(status('degraded', ['COIN_LEFT_IN_TRAY', NEW_CARD_LEFT_AT_SLOT]));
    expect(await leftKeys()).toEqual(['leftAtKiosk/NEW_CARD_LEFT_AT_SLOT']);
    await send(status('degraded', ['COIN_LEFT_IN_TRAY']));
    expect(await leftKeys()).toEqual([]);
    expect(ingest.counters).toMatchObject({ status: 2, rejected: 0, failed: 0 });
  });
});
