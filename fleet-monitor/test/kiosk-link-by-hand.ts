/**
 * The embedded monitor (broker, ingest, in-memory SQLite) and kiosk k1 on a real MQTT client whose
 * every message the spec writes by hand: for the fleet link's order specs, what a broker hands the
 * monitor late (a will kept from before a lost count, a heartbeat of a connection gone) or what a
 * kiosk of a release before sends. `send` resolves once the monitor's ingest has handled the message.
 */
import { afterEach, beforeEach } from '@jest/globals';
import { connectAsync, type MqttClient } from 'mqtt';
import { eventually } from '@kiosk/domain/testing';
import { startTestFleet, type FleetMonitor } from '../src/index.js';
import { k1Online } from '../src/alerts/k1-online.spec-support.js';

export interface KioskLink {
  readonly fleet: FleetMonitor;
  readonly kiosk: MqttClient;
  /** publishes `body` on k1's `channel` (QoS 1) and waits until the monitor handled it */
  send(channel: 'status' | 'heartbeat' | 'events', body: object): Promise<void>;
  /** what the store says of k1: its connection, its status's connection, its offline alerts */
  seen(): Promise<{ connection?: string; connectionSeq?: number; offlineActive: number }>;
}

/** A fresh monitor and k1 connected to it for each case (read `link()` inside the case). */
export function kioskLinkByHand(): () => KioskLink {
  let current: KioskLink | undefined;
  beforeEach(async () => {
    const { fleet, url } = await startTestFleet({ kiosks: { k1: 'secret-1' } });
    const kiosk = await connectAsync(url, {
      clientId: 'k1',
      username: 'k1',
      password: 'secret-1',
      reconnectPeriod: 0,
    });
    let handled = 0;
    fleet.ingest.on('handled', (topic) => topic.startsWith('kiosk/k1/') && handled++);
    current = {
      fleet,
      kiosk,
      async send(channel, body) {
        const before = handled;
        await kiosk.publishAsync(`kiosk/k1/${channel}`, JSON.stringify(body), { qos: 1 });
        await eventually(() => handled > before, `the monitor handled k1's ${channel}`, { withinMs: 10_000 });
      },
      async seen() {
        const row = await fleet.store.kiosk('k1');
        const alerts = await fleet.store.activeAlerts();
        return {
          ...(row && { connection: row.connection }),
          ...(row?.status?.connectionSeq !== undefined && { connectionSeq: row.status.connectionSeq }),
          offlineActive: alerts.filter((alert) => alert.key === 'offline').length,
        };
      },
    };
  });
  afterEach(async () => {
    await current?.kiosk.endAsync(true);
    await current?.fleet.stop();
    current = undefined;
  });
  return () => current!;
}

/** k1's numbers are a fresh count's: its clock's milliseconds (ADR 0011) */
export const COUNT_BEFORE = 1_764_400_000_057;

/** k1 in service, on connection `connectionSeq` of run `runId` */
export const onlineOn = (connectionSeq: number, runId: string, seq = 0) =>
  k1Online({ id: runId, seq }, connectionSeq, new Date().toISOString());

/** the last will of connection `connectionSeq` */
export const willOf = (connectionSeq: number) => ({
  connection: 'offline',
  kioskId: 'k1',
  cause: 'lastWill',
  connectionSeq,
  at: new Date().toISOString(),
});

/** a heartbeat sent on connection `connectionSeq` (none: a kiosk of a release before the number) */
export const heartbeatOn = (connectionSeq?: number) => ({
  kioskId: 'k1',
  seq: 1,
  at: new Date().toISOString(),
  uptimeS: 60,
  queued: 0,
  ...(connectionSeq !== undefined && { connectionSeq }),
});
