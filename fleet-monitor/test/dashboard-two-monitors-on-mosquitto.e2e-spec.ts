/**
 * Two fleet monitor processes share the ingest through Mosquitto (shared subscriptions) and one
 * PostgreSQL: events and command acks reach only one of them, yet a dashboard connected to either
 * sees them all (the gateway reads the store again for what its own ingest did not see). Spoken to
 * with a plain socket.io client. With CI=true a missing Mosquitto or PostgreSQL fails the suite.
 * Needs `npx tsc -b fleet-monitor` first.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { io, type Socket } from 'socket.io-client';
import {
  createTestDatabase,
  startTestMosquitto,
  type TestDatabase,
  type TestMosquitto,
} from '../src/index.js';
import { OPERATOR, startMonitor, type MonitorProcess } from './monitor-process.js';
import { describeOnExternalStack, monitorProcessOn } from './on-mosquitto.js';
import { TestKiosk } from './test-kiosk.js';

const KIOSK = 'hall4-k01';
const SECRETS = {
  kiosks: { [KIOSK]: 'secret-of-hall4-k01' },
  monitors: { 'fleet-monitor': 'monitor-secret' },
};

interface Alert {
  kind: string;
  code: string | null;
}

describeOnExternalStack('dashboard on two monitors', (stack) => {
  let broker: TestMosquitto;
  let db: TestDatabase;
  const monitors: MonitorProcess[] = [];
  let kiosk: TestKiosk;
  let socket: Socket;

  beforeAll(async () => {
    broker = await startTestMosquitto(SECRETS);
    db = await createTestDatabase(stack.postgresUrl, 'dashboard2');
    for (const name of ['a', 'b'])
      monitors.push(
        await startMonitor(
          SECRETS.kiosks,
          monitorProcessOn(broker, db.url, `fleet-monitor-dashboard-${name}`),
        ),
      );
    kiosk = await TestKiosk.connect(broker.url, KIOSK, SECRETS.kiosks[KIOSK], 'hall-4');
    const b = monitors[1]!;
    socket = io(b.http, {
      path: '/socket.io',
      transports: ['websocket'],
      reconnection: false,
      auth: { token: await b.logIn(OPERATOR) },
    });
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
  }, 90_000);

  afterAll(async () => {
    socket?.close();
    await kiosk?.close();
    for (const monitor of monitors) await monitor.stop();
    await db?.drop();
    await broker?.close();
  });

  describe('dashboard on two monitors', () => {
    it('events taken in by the other monitor: their alerts reach a page on this one', async () => {
      const codes = [
        'DOOR_OPENED',
        'TILT_DETECTED',
        'SAFE_OPENED',
        'COVER_OPENED',
        'POWER_DIPPED',
        'SHOCK_DETECTED',
      ];
      const all = new Promise<Alert[]>((resolve) => {
        // each push carries the kiosk's whole list of alerts
        const listener = (lists: { kioskId: string; alerts: Alert[] }[]): void => {
          const alerts = lists.find((list) => list.kioskId === KIOSK)?.alerts ?? [];
          if (
            codes.every((code) => alerts.some((alert) => alert.kind === 'anomaly' && alert.code === code))
          ) {
            socket.off('dashboard.kioskAlerts', listener);
            resolve(alerts);
          }
        };
        socket.on('dashboard.kioskAlerts', listener);
      });
      for (const code of codes) await kiosk.anomaly(code);
      expect((await all).filter((alert) => alert.kind === 'anomaly')).toHaveLength(codes.length);
    }, 30_000);

    it("commands sent from this monitor: the kiosk's acks, taken in by either, reach the page watching it", async () => {
      await socket.timeout(10_000).emitWithAck('kiosk.watch', { kioskId: KIOSK });
      const acked = new Promise<void>((resolve) => {
        const listener = (detail: { commands: { type: string; result: string | null }[] }): void => {
          if (
            detail.commands.filter((command) => command.type === 'restart' && command.result === 'done')
              .length === 4
          ) {
            socket.off('dashboard.detail', listener);
            resolve();
          }
        };
        socket.on('dashboard.detail', listener);
      });
      for (let i = 0; i < 4; i++) {
        const answer = (await socket
          .timeout(10_000)
          .emitWithAck('kiosk.command', { kioskId: KIOSK, command: { type: 'restart' } })) as { ok: boolean };
        expect(answer.ok).toBe(true);
      }
      await acked;
      expect(kiosk.commands.filter((command) => command.type === 'restart')).toHaveLength(4);
    }, 30_000);
  });
});
