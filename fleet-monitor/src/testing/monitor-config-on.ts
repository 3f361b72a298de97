/**
 * A fleet monitor's configuration on a test Mosquitto (`startTestMosquitto`) and a test database,
 * as the broker's `fleet-monitor` client with the files the broker wrote. Shared by this room's
 * large-fleet specs (`test/on-mosquitto.ts`) and the kiosk daemon's, which import this file by
 * path.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KioskCredentialsFileSchema } from '../credentials/credential-files.js';
import type { FleetMonitorConfig } from '../fleet-monitor.js';
import type { TestMosquitto } from './test-mosquitto.js';

/** The broker's own client of the fleet monitors, in their shared group. */
export function monitorsClientOf(broker: TestMosquitto): { username: string; passwordFile: string } {
  return { username: 'fleet-monitor', passwordFile: join(broker.dir, 'fleet-monitor.password') };
}

/**
 * A fleet monitor in this process on the broker and the database: the broker's kiosks (or none),
 * its `fleet-monitor` user, `clientId`, the shared group `fleet-monitor`; reached at `url` (a gate
 * in front of the broker) instead of the broker's own, reconnecting every `reconnectPeriodMs`
 * when given.
 */
export function monitorConfigOn(
  broker: TestMosquitto,
  db: string,
  options: {
    clientId: string;
    sweepIntervalMs: number;
    withoutKiosks?: boolean;
    url?: string;
    reconnectPeriodMs?: number;
  },
): FleetMonitorConfig {
  const { username, passwordFile } = monitorsClientOf(broker);
  return {
    mqttHost: '127.0.0.1',
    mqttPort: 0,
    db,
    kiosks: options.withoutKiosks
      ? { kiosks: {} }
      : KioskCredentialsFileSchema.parse(JSON.parse(readFileSync(join(broker.dir, 'kiosks.json'), 'utf8'))),
    operators: { users: [] },
    broker: {
      url: options.url ?? broker.url,
      username,
      password: readFileSync(passwordFile, 'utf8').trim(),
      clientId: options.clientId,
      shareGroup: 'fleet-monitor',
      ...(options.reconnectPeriodMs === undefined ? {} : { reconnectPeriodMs: options.reconnectPeriodMs }),
    },
    sweepIntervalMs: options.sweepIntervalMs,
  };
}
