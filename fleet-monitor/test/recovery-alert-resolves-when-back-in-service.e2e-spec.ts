/**
 * A kiosk's failed self test (`recoveryNeedsStaff`, SELF_TEST_FAILED: boot recovery left something
 * for staff) raises an alert at the fleet; it resolves by itself, as a refilled supply's or a
 * mended device's does (ADR 0004), once the kiosk's status shows it placed again with nothing of
 * the recovery left: after field staff settled it (maintenance, a self test that passed), or after
 * the late settlement when the dispenser came back (ADR 0020, RECOVERY_SETTLED). The operator's
 * acknowledgement stays in the history. Through a real Mosquitto, the monitor on SQLite and on
 * PostgreSQL. With CI=true a missing Mosquitto or PostgreSQL fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import {
  createTestDatabase,
  FleetMonitor,
  startTestMosquitto,
  waitUntil,
  type AlertRow,
  type TestDatabase,
  type TestMosquitto,
} from '../src/index.js';
import { describeOnExternalStack, monitorConfigOn } from './on-mosquitto.js';

const KIOSK = 'JZ-0031';
const KEY = 'recovery/SELF_TEST_FAILED';
const DISPENSER_BACK = [
  { kind: 'cashDispenser', device: 'online', supplies: [] },
  { kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'ok' }] },
];

describeOnExternalStack('recovery alert resolves when the kiosk is back in service', (stack) => {
  jest.setTimeout(30_000);
  let broker: TestMosquitto;
  let dir: string;

  beforeAll(async () => {
    broker = await startTestMosquitto({
      kiosks: { [KIOSK]: 'secret-of-jz31' },
      monitors: { 'fleet-monitor': 'monitor-secret' },
    });
    dir = mkdtempSync(join(tmpdir(), 'fleet-recovery-alert-'));
  });
  afterAll(async () => {
    await broker?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe.each([['SQLite'], ['PostgreSQL']])('the monitor on %s', (driver) => {
    let db: TestDatabase | undefined;
    let fleet: FleetMonitor;
    let kiosk: MqttClient;
    let seq = 0;
    let at = Date.now();

    beforeAll(async () => {
      let url = join(dir, 'fleet.sqlite');
      if (driver === 'PostgreSQL') {
        db = await createTestDatabase(stack.postgresUrl, 'fleet_recovery_alert');
        url = db.url;
      }
      fleet = new FleetMonitor(
        monitorConfigOn(broker, url, {
          clientId: `fleet-monitor-recovery-${driver}`,
          sweepIntervalMs: 60_000,
        }),
      );
      await fleet.start();
      kiosk = await connectAsync(broker.url, {
        clientId: KIOSK,
        username: KIOSK,
        password: 'secret-of-jz31',
        protocolVersion: 5,
        reconnectPeriod: 0,
      });
    });
    afterAll(async () => {
      if (kiosk) {
        await kiosk
          .publishAsync(`kiosk/${KIOSK}/status`, '', { qos: 1, retain: true })
          .catch(() => undefined);
        await kiosk.endAsync(true);
      }
      await fleet?.stop();
      await db?.drop();
    });

    /** each status a millisecond after the one before (the store keeps the newest by `at`) */
    const nextAt = (): string => new Date(++at).toISOString();

    /** Publishes the kiosk's status and waits until the monitor stored it (its clears with it). */
    async function status(mode: string, reason?: string, devices = DISPENSER_BACK): Promise<void> {
      const sentAt = nextAt();
      const body = {
        connection: 'online',
        kioskId: KIOSK,
        mode,
        ...(reason !== undefined && { reason }),
        version: '1.0.0',
        journeysOffered: mode === 'inService' || mode === 'degraded' ? ['balance'] : [],
        devices,
        heartbeatIntervalS: 10,
        at: sentAt,
      };
      await kiosk.publishAsync(`kiosk/${KIOSK}/status`, JSON.stringify(body), { qos: 1, retain: true });
      await waitUntil(async () => (await fleet.store.kiosk(KIOSK))?.status?.at === sentAt, `status ${mode}`);
    }

    /** The kiosk's failed self test, told as the daemon tells it; resolves with the alert raised. */
    async function selfTestFailed(): Promise<AlertRow> {
      await status('outOfService', 'SELF_TEST_FAILED', [
        { kind: 'cashDispenser', device: 'offline', supplies: [] },
      ]);
      const event = {
        id: randomUUID(),
        kioskId: KIOSK,
        seq: ++seq,
        at: nextAt(),
        type: 'recoveryNeedsStaff',
        code: 'SELF_TEST_FAILED',
      };
      await kiosk.publishAsync(`kiosk/${KIOSK}/events`, JSON.stringify(event), { qos: 1 });
      await waitUntil(async () => (await recoveryAlert()) !== undefined, 'the recovery alert raised');
      return (await recoveryAlert())!;
    }

    const recoveryAlert = async (): Promise<AlertRow | undefined> =>
      (await fleet.store.activeAlerts()).find((alert) => alert.kioskId === KIOSK && alert.key === KEY);

    it('fault: staff settled what boot recovery left: maintenance and its self test keep the alert, back in service resolves it, acknowledged as it was', async () => {
      const raised = await selfTestFailed();
      expect(await fleet.store.acknowledgeAlert(raised.id, 'operator-anna', nextAt())).toBe(true);
      // devices coming and going, an operator's hold: the kiosk still reads held by its self test
      await status('outOfService', 'SELF_TEST_FAILED');
      await status('maintenance', 'MAINTENANCE');
      await status('selfTest');
      expect(await recoveryAlert()).toMatchObject({ id: raised.id, clearedAt: null });

      await status('inService');
      expect(await recoveryAlert()).toBeUndefined();
      const history = await fleet.store.alert(raised.id);
      expect(history).toMatchObject({
        kind: 'recoveryNeedsStaff',
        key: KEY,
        code: 'SELF_TEST_FAILED',
        raisedAt: raised.raisedAt,
        acknowledgedBy: 'operator-anna',
      });
      expect(history!.clearedAt).not.toBeNull();
      expect(history!.acknowledgedAt).not.toBeNull();
    });

    it('fault: the dispenser came back and the late settlement placed the kiosk: the alert resolves; a later failed self test raises a new one', async () => {
      const raised = await selfTestFailed();
      // a self test that timed out has not settled anything yet
      await status('outOfService', 'SELF_TEST_TIMEOUT');
      expect(await recoveryAlert()).toMatchObject({ id: raised.id });

      // RECOVERY_SETTLED: placed by its devices, here degraded (the receipt printer out of paper)
      await status('degraded', 'PAPER_EMPTY', [
        DISPENSER_BACK[0]!,
        { kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'empty' }] },
      ]);
      expect(await recoveryAlert()).toBeUndefined();
      expect((await fleet.store.alert(raised.id))?.clearedAt).not.toBeNull();

      const again = await selfTestFailed();
      expect(again.id).not.toBe(raised.id);
      expect(again).toMatchObject({ clearedAt: null, acknowledgedAt: null });
    });
  });
});
