/**
 * The large-fleet specs' set-up on Mosquitto and PostgreSQL: the rule for a machine without them
 * (`describeOnExternalStack`, src/testing/external-stack-suite.ts, shared with the kiosk daemon's
 * specs), and a fleet monitor, in this process or as a process of its own, that is the broker's
 * `fleet-monitor` client with the files `startTestMosquitto` wrote.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { KioskCredentialsFileSchema } from '../src/credentials/credential-files.js';
import type { FleetMonitorConfig, TestMosquitto } from '../src/index.js';
import type { MonitorOptions } from './monitor-process.js';

export { describeOnExternalStack } from '../src/testing/external-stack-suite.js';

/** The broker's own client of the fleet monitors, in their shared group. */
function monitorsClientOf(broker: TestMosquitto): { username: string; passwordFile: string } {
  return { username: 'fleet-monitor', passwordFile: join(broker.dir, 'fleet-monitor.password') };
}

/**
 * A fleet monitor in this process on the broker and the database: the broker's kiosks (or none),
 * its `fleet-monitor` user, `clientId`, the shared group `fleet-monitor`.
 */
export function monitorConfigOn(
  broker: TestMosquitto,
  db: string,
  options: { clientId: string; sweepIntervalMs: number; withoutKiosks?: boolean },
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
      url: broker.url,
      username,
      password: readFileSync(passwordFile, 'utf8').trim(),
      clientId: options.clientId,
      shareGroup: 'fleet-monitor',
    },
    sweepIntervalMs: options.sweepIntervalMs,
  };
}

/**
 * A fleet monitor process (`startMonitor`) on the broker and the database: the broker's kiosks
 * file, its `fleet-monitor` user and password file, `clientId`, then `more` options.
 */
export function monitorProcessOn(
  broker: TestMosquitto,
  db: string,
  clientId: string,
  more: readonly string[] = [],
): MonitorOptions {
  const { username, passwordFile } = monitorsClientOf(broker);
  return {
    db,
    kiosksFile: join(broker.dir, 'kiosks.json'),
    args: [
      ...['--broker', broker.url, '--broker-user', username],
      ...['--broker-password-file', passwordFile, '--broker-client-id', clientId],
      ...more,
    ],
  };
}
