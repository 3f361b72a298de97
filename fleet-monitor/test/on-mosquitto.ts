/**
 * The large-fleet specs' set-up on Mosquitto and PostgreSQL: the rule for a machine without them
 * (`describeOnExternalStack`, src/testing/external-stack-suite.ts, shared with the kiosk daemon's
 * specs), and a fleet monitor, in this process (`monitorConfigOn`, src/testing/monitor-config-on.ts,
 * also shared with them) or as a process of its own, that is the broker's `fleet-monitor` client
 * with the files `startTestMosquitto` wrote.
 */
import { join } from 'node:path';
import type { TestMosquitto } from '../src/index.js';
import { monitorsClientOf } from '../src/testing/monitor-config-on.js';
import type { MonitorOptions } from './monitor-process.js';

export { describeOnExternalStack } from '../src/testing/external-stack-suite.js';
export { monitorConfigOn } from '../src/testing/monitor-config-on.js';

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
