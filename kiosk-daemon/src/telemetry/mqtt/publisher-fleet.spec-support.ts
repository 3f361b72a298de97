/**
 * The world of the FleetPublisher specs that meet a fleet monitor (fleet-publisher,
 * files-of-a-newer-release, and the staff alert specs through `staffAlertFleet`): the monitor's
 * embedded broker started before each test (in process, ephemeral port, in-memory store) with the
 * kiosks given, a folder of the test's own, and the test's publishers stopped after it; what the
 * monitor stored for k1 and the broker's stop.
 */
import { afterEach, beforeEach } from '@jest/globals';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import { startTestFleet, type FleetMonitor } from '@kiosk/fleet-monitor';
import { FleetPublisher, type FleetPublisherOptions } from './fleet-publisher.js';

export interface PublisherFleet {
  /** the monitor of the running test */
  readonly fleet: FleetMonitor;
  /** the folder of the running test */
  readonly dir: string;
  /** a publisher of kiosk k1 (secret-1) on the test's broker, asking again every 50 ms, not started */
  publisher(options?: Partial<FleetPublisherOptions>): FleetPublisher;
  /** the events the monitor stored for k1 */
  storedEvents(): Promise<{ seq: number; type: string; id: string }[]>;
  /** answers once the monitor recorded `result` for k1's newest command */
  commandResult(result: string, what: string): Promise<void>;
  /** stops the test's broker; answers once `kiosk` has seen its link go */
  brokerDown(kiosk: FleetPublisher): Promise<void>;
}

/** `kiosks`: the kiosks the broker lets in, id to password; `folder`: the test folder's prefix. */
export function publisherFleet(kiosks: Record<string, string>, folder: string): PublisherFleet {
  let fleet: FleetMonitor | undefined;
  let url = '';
  let dir = '';
  const publishers: FleetPublisher[] = [];
  beforeEach(async () => {
    ({ fleet, url } = await startTestFleet({ kiosks }));
    dir = mkdtempSync(join(tmpdir(), folder));
  });
  afterEach(async () => {
    for (const publisher of publishers.splice(0)) await publisher.stop();
    await fleet?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  const world: PublisherFleet = {
    get fleet() {
      if (!fleet) throw new Error('the test fleet has not started');
      return fleet;
    },
    get dir() {
      return dir;
    },
    publisher(options = {}) {
      const created = new FleetPublisher({
        url,
        kioskId: 'k1',
        password: 'secret-1',
        version: '0.1.0-test',
        onCommand: () => ({ result: 'done' }),
        reconnectPeriodMs: 50,
        ...options,
      });
      publishers.push(created);
      return created;
    },
    storedEvents: async () =>
      (await world.fleet.store.recentEvents('k1', 1000)) as { seq: number; type: string; id: string }[],
    async commandResult(result, what) {
      await eventually(async () => (await world.fleet.store.commands('k1'))[0]?.result === result, what, {
        withinMs: 5_000,
      });
    },
    async brokerDown(kiosk) {
      const disconnected = once(kiosk, 'disconnected');
      await world.fleet.broker.stop();
      await disconnected;
    },
  };
  return world;
}

/** `created` started; answers once it is connected. */
export async function started(created: FleetPublisher): Promise<FleetPublisher> {
  const connected = once(created, 'connected');
  created.start();
  await connected;
  return created;
}
