/**
 * Fault: a resident's card or notes left at a kiosk's slot (the status's reason CARD_LEFT_IN_READER,
 * NEW_CARD_LEFT_AT_SLOT or CASH_LEFT_IN_PRESENTER) showed on the kiosk on the dashboard, yet raised
 * no alert: the operators' alert list stayed silent until a later recovery left it for staff. Now a
 * status naming one raises a `leftAtKiosk` alert, cleared once a status says it is gone; one that may
 * hide it behind another reason keeps it; other reasons, and a newer kiosk's, raise none.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ServiceReason } from '@kiosk/domain';
import type { FleetStore } from '../store/fleet-store.js';
import { SqliteFleetStore } from '../store/sqlite-fleet-store.js';
import { FleetIngest, type FleetIngestEvents } from './fleet-ingest.js';
import { alertsForStatus } from './alert-rules.js';
import { STAFF_TRIP_REASONS } from './staff-trip-reasons.js';
import type { OnlineStatus } from '../contract/telemetry.contract.js';

let store: FleetStore;
let ingest: FleetIngest;
let raised: FleetIngestEvents['alertRaised'][0][];
let rejected: FleetIngestEvents['rejected'][0][];
let sent = 0;

beforeEach(() => {
  store = new SqliteFleetStore(':memory:');
  ingest = new FleetIngest(store);
  raised = [];
  rejected = [];
  sent = 0;
  ingest.on('alertRaised', (alert) => raised.push(alert));
  ingest.on('rejected', (refusal) => rejected.push(refusal));
});
afterEach(() => store.close());

/** a status of kiosk k1 as this release sends it, each one later than the one before */
function status(mode: string, reason?: string): OnlineStatus {
  return {
    connection: 'online',
    kioskId: 'k1',
    mode: mode as OnlineStatus['mode'],
    ...(reason !== undefined && { reason }),
    version: '1.0.0',
    journeysOffered: [],
    devices: [{ kind: 'cardReader', device: 'online', supplies: [] }],
    heartbeatIntervalS: 10,
    at: new Date(Date.UTC(2026, 10, 29, 9, 0, sent)).toISOString(),
  };
}

async function send(body: object): Promise<void> {
  sent++;
  await ingest.accept('kiosk/k1/status', Buffer.from(JSON.stringify({ ...body, at: status('x').at })));
}

const active = async () => (await store.activeAlerts()).map(({ kind, key, code }) => ({ kind, key, code }));

const cardLeft = {
  kind: 'leftAtKiosk',
  key: 'leftAtKiosk/CARD_LEFT_IN_READER',
  code: 'CARD_LEFT_IN_READER',
};

describe('card-left-at-slot-raises-fleet-alert', () => {
  it('card-left-at-slot-raises-fleet-alert: a card left in the reader raises one alert for staff, told once', async () => {
    await send(status('degraded', ServiceReason.CARD_LEFT_IN_READER));
    await send(status('degraded', ServiceReason.CARD_LEFT_IN_READER));
    expect(await active()).toEqual([cardLeft]);
    expect(raised).toEqual([{ kioskId: 'k1', ...cardLeft }]);
  });

  it('each reason that sends staff raises its own alert, the reason as its code', () => {
    for (const reason of [
      ServiceReason.CARD_LEFT_IN_READER,
      ServiceReason.NEW_CARD_LEFT_AT_SLOT,
      ServiceReason.CASH_LEFT_IN_PRESENTER,
    ])
      expect(alertsForStatus(status('degraded', reason))).toEqual([
        { kind: 'leftAtKiosk', key: `leftAtKiosk/${reason}`, code: reason },
      ]);
    expect(Object.keys(STAFF_TRIP_REASONS).sort()).toEqual([
      'CARD_LEFT_IN_READER',
      'CASH_LEFT_IN_PRESENTER',
      'NEW_CARD_LEFT_AT_SLOT',
    ]);
  });

  it('not every reason is a staff trip: a hold, a self test, maintenance, a device or a supply raise none of it', () => {
    for (const reason of [
      ServiceReason.REMOTE_OUT_OF_SERVICE,
      ServiceReason.SELF_TEST_FAILED,
      ServiceReason.MAINTENANCE,
      ServiceReason.CARD_READER_DOWN,
      ServiceReason.CARD_CAPTURE_BIN_FULL,
      ServiceReason.PAPER_EMPTY,
    ])
      expect(alertsForStatus(status('outOfService', reason)).filter((a) => a.kind === 'leftAtKiosk')).toEqual(
        [],
      );
  });

  it('cleared by the next status without it: the kiosk in service, or a reason that stands behind it', async () => {
    await send(status('degraded', ServiceReason.CARD_LEFT_IN_READER));
    await send(status('inService'));
    expect(await active()).toEqual([]);
    await send(status('degraded', ServiceReason.CASH_LEFT_IN_PRESENTER));
    // paper out stands after notes left in the presenter: had they still been there, the status said so
    await send(status('degraded', ServiceReason.PAPER_EMPTY));
    expect(await active()).toEqual([]);
    expect((await store.alertHistory()).map((a) => [a.key, a.clearedAt !== null])).toEqual([
      ['leftAtKiosk/CASH_LEFT_IN_PRESENTER', true],
      ['leftAtKiosk/CARD_LEFT_IN_READER', true],
    ]);
  });

  it('kept while a status may hide it behind another reason, cleared once one could show it', async () => {
    await send(status('degraded', ServiceReason.CARD_LEFT_IN_READER));
    for (const [mode, reason] of [
      ['outOfService', ServiceReason.CARD_READER_DOWN], // the reader's fault stands before it
      ['outOfService', ServiceReason.REMOTE_OUT_OF_SERVICE], // an operator's hold stands first
      ['maintenance', ServiceReason.MAINTENANCE],
      ['selfTest', undefined],
      ['outOfService', ServiceReason.SELF_TEST_FAILED],
    ] as const) {
      await send(status(mode, reason));
      expect(await active()).toEqual([cardLeft]);
    }
    expect(raised).toHaveLength(1);
    await send(status('degraded', ServiceReason.PAPER_EMPTY));
    expect(await active()).toEqual([]);
  });

  it("an older kiosk's status, without the fields later releases added, raises it and clears it alike", async () => {
    // as a release before `cause`, `hallId`, `supplyActsLeft` and the printer's `issued` sent it
    const older = (reason?: string) => {
      const { connection, kioskId, mode, version, devices, heartbeatIntervalS } = status('degraded');
      return {
        connection,
        kioskId,
        mode: reason === undefined ? 'inService' : mode,
        ...(reason !== undefined && { reason }),
        version,
        journeysOffered: ['balance'],
        devices,
        heartbeatIntervalS,
      };
    };
    await send(older(ServiceReason.CASH_LEFT_IN_PRESENTER));
    expect(await active()).toEqual([
      { kind: 'leftAtKiosk', key: 'leftAtKiosk/CASH_LEFT_IN_PRESENTER', code: 'CASH_LEFT_IN_PRESENTER' },
    ]);
    await send(older());
    expect(await active()).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it("a newer kiosk's unknown reason is stored and raises nothing; a left alert stays behind it", async () => {
    await send(status('degraded', 'COIN_LEFT_IN_TRAY'));
    expect(await active()).toEqual([]);
    expect((await store.kiosk('k1'))?.status?.reason).toBe('COIN_LEFT_IN_TRAY');
    await send(status('degraded', ServiceReason.NEW_CARD_LEFT_AT_SLOT));
    // a reason this monitor cannot place in the kiosk's order may stand in front of the card left
    await send(status('degraded', 'COIN_LEFT_IN_TRAY'));
    expect(await active()).toEqual([
      { kind: 'leftAtKiosk', key: 'leftAtKiosk/NEW_CARD_LEFT_AT_SLOT', code: 'NEW_CARD_LEFT_AT_SLOT' },
    ]);
    expect(rejected).toEqual([]);
    expect(ingest.counters).toMatchObject({ status: 3, rejected: 0, failed: 0 });
  });
});
