/**
 * A fleet monitor for tests (this room's and the kiosk daemon's): in-memory SQLite, broker on an
 * ephemeral port of 127.0.0.1, kiosk and operator secrets given in plain text and hashed here.
 */
import { FleetMonitor } from '../fleet-monitor.js';
import { hashSecret } from '../credentials/scrypt-secret.js';
import type { OperatorRole } from '../credentials/credential-files.js';

export interface TestFleetOptions {
  /** kiosk id → password */
  readonly kiosks: Readonly<Record<string, string>>;
  readonly operators?: readonly { username: string; role: OperatorRole; password: string }[];
  readonly sweepIntervalMs?: number;
  /** how long a command waits for its kiosk (the monitor's default when absent) */
  readonly commandExpiryS?: number;
}

export async function startTestFleet(
  options: TestFleetOptions,
): Promise<{ fleet: FleetMonitor; url: string }> {
  const fleet = new FleetMonitor({
    mqttHost: '127.0.0.1',
    mqttPort: 0,
    db: ':memory:',
    kiosks: {
      kiosks: Object.fromEntries(
        Object.entries(options.kiosks).map(([id, secret]) => [id, hashSecret(secret)]),
      ),
    },
    operators: {
      users: (options.operators ?? []).map((user) => ({ ...user, password: hashSecret(user.password) })),
    },
    ...(options.sweepIntervalMs !== undefined && { sweepIntervalMs: options.sweepIntervalMs }),
    ...(options.commandExpiryS !== undefined && { commandExpiryS: options.commandExpiryS }),
  });
  const { host, port } = await fleet.start();
  return { fleet, url: `mqtt://${host}:${port}` };
}
