/**
 * A kiosk's failed self test (`recoveryNeedsStaff`, SELF_TEST_FAILED: boot recovery left something
 * for staff) raises an alert at the fleet; it resolves by itself, as a refilled supply's or a
 * mended device's does (ADR 0004), once the kiosk's status shows it placed again with nothing of
 * the recovery left: after field staff settled it (maintenance, a self test that passed), or after
 * the late settlement when the dispenser came back (ADR 0020, RECOVERY_SETTLED). The operator's
 * acknowledgement stays in the history. Every other recovery alert resolves so too, whatever its
 * code: a self test that did not finish (SELF_TEST_TIMEOUT), a code of another release. Through a
 * real Mosquitto, the monitor on SQLite and on PostgreSQL. With CI=true a missing Mosquitto or PostgreSQL fails the suite.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connectAsync, type MqttClient } from 'mqtt';
import { eventually } from '@kiosk/domain/testing';
import {
  createTestDatabase,
  FleetMonitor,
  startTestMosquitto,
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
      await eventually(
        async () => (await fleet.store.kiosk(KIOSK))?.status?.at === sentAt,
        `status ${mode}`,
        { withinMs: 5_000 },
      );
    }

    /**
     * The kiosk's self test that failed (or, with SELF_TEST_TIMEOUT, did not finish), told as the
     * daemon tells it, or a recovery code of another release; resolves with the alert raised.
     */
    async function selfTestFailed(code = 'SELF_TEST_FAILED'): Promise<AlertRow> {
      const reason = code === 'SELF_TEST_TIMEOUT' ? code : 'SELF_TEST_FAILED';
      await status('outOfService', reason, [{ kind: 'cashDispenser', device: 'offline', supplies: [] }]);
      const event = {
        id: randomUUID(),
        kioskId: KIOSK,
        seq: ++seq,
        at: nextAt(),
        type: 'recoveryNeedsStaff',
        code,
      };
      await kiosk.publishAsync(`kiosk/${KIOSK}/events`, JSON.stringify(event), { qos: 1 });
      await eventually(async () => (await recoveryAlert(code)) !== undefined, 'the recovery alert raised', {
        withinMs: 5_000,
      });
      return (await recoveryAlert(code))!;
    }

    const recoveryAlert = async (code = 'SELF_TEST_FAILED'): Promise<AlertRow | undefined> =>
      (await fleet.store.activeAlerts()).find(
        (alert) => alert.kioskId === KIOSK && alert.key === `recovery/${code}`,
      );

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

    it.each([['SELF_TEST_TIMEOUT'], ['CARD_STATE_CONFLICT']])(
      'fault: a recovery alert of code %s stayed active once the kiosk was back in service: it resolves, acknowledged as it was',
      async (code) => {
        const raised = await selfTestFailed(code);
        expect(raised).toMatchObject({ kind: 'recoveryNeedsStaff', code });
        expect(await fleet.store.acknowledgeAlert(raised.id, 'operator-anna', nextAt())).toBe(true);
        // field staff's visit: maintenance and the self test it ends with keep it
        await status('maintenance', 'MAINTENANCE');
        await status('selfTest');
        expect(await recoveryAlert(code)).toMatchObject({ id: raised.id, clearedAt: null });

        await status('inService');
        expect(await recoveryAlert(code)).toBeUndefined();
        const history = await fleet.store.alert(raised.id);
        expect(history).toMatchObject({ key: `recovery/${code}`, code, acknowledgedBy: 'operator-anna' });
        expect(history!.clearedAt).not.toBeNull();
        expect(history!.acknowledgedAt).not.toBeNull();
      },
    );

    it('fault: a self test that timed out and then failed: back in service resolves both recovery alerts', async () => {
      const timedOut = await selfTestFailed('SELF_TEST_TIMEOUT');
      await status('maintenance', 'MAINTENANCE');
      const failed = await selfTestFailed('SELF_TEST_FAILED');
      expect(await recoveryAlert('SELF_TEST_TIMEOUT')).toMatchObject({ id: timedOut.id });
      await status('degraded', 'PAPER_EMPTY', [
        DISPENSER_BACK[0]!,
        { kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: 'empty' }] },
      ]);
      expect(await recoveryAlert('SELF_TEST_TIMEOUT')).toBeUndefined();
      expect(await recoveryAlert('SELF_TEST_FAILED')).toBeUndefined();
      expect((await fleet.store.alert(timedOut.id))?.clearedAt).not.toBeNull();
      expect((await fleet.store.alert(failed.id))?.clearedAt).not.toBeNull();
    });
  });
});
