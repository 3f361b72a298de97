/**
 * A kiosk whose withdrawal recovery cannot decide (`undecided-withdrawal.ts`), seen from the fleet:
 * the host simulator process, a fleet monitor process on the suite's Mosquitto (`fleetBrokerForSuite`),
 * and the next boot's daemon reporting to it (a heartbeat a second), its self test failed
 * (SELF_TEST_FAILED), a UI client connected to it. The test runs with them; then the daemon is
 * stopped (its exit 0 checked), the monitor and the host, and the folder removed.
 */
import { expect } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startHostProcess, type DaemonProcess } from './daemon-process.js';
import {
  startFleetMonitor,
  writeFleetCredentials,
  type FleetBroker,
  type FleetMonitorProcess,
} from './fleet-monitor-process.js';
import { UiClient } from './ui-client.js';
import { bootAfterUndecidedWithdrawal } from './undecided-withdrawal.js';

/** The test profile's kiosk (`kiosk.id`), its key at the host and its password at the broker (none secret). */
export const TEST_KIOSK = {
  id: 'JZ-9001',
  hostKey: 'test-kiosk-key-JZ-9001-not-secret',
  brokerPassword: 'kiosk-e2e-password-9001',
} as const;

export interface UndecidedAtFleet {
  readonly daemon: DaemonProcess;
  readonly ui: UiClient;
  readonly monitor: FleetMonitorProcess;
}

/**
 * Runs `test` on the kiosk above; `monitorClientId` the monitor's broker client id, `monitorArgs`
 * added to its command line (its database).
 */
export async function atFleetAfterUndecidedWithdrawal(
  fleet: FleetBroker,
  monitorClientId: string,
  monitorArgs: readonly string[],
  test: (world: UndecidedAtFleet) => Promise<void>,
): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-undecided-at-fleet-'));
  const kioskDir = join(dir, 'kiosk');
  mkdirSync(kioskDir);
  writeFleetCredentials(dir, { [TEST_KIOSK.id]: TEST_KIOSK.brokerPassword });
  const host = await startHostProcess({ kiosks: { [TEST_KIOSK.id]: TEST_KIOSK.hostKey } });
  const args = ['--set', 'demo.panel=true', '--set', 'host.mode=external', '--set', `host.url=${host.url}`];
  const monitor = await startFleetMonitor(dir, 0, [...monitorArgs, ...fleet.monitorArgs(monitorClientId)]);
  try {
    const daemon = await bootAfterUndecidedWithdrawal(kioskDir, args, [
      ...fleet.kioskArgs(TEST_KIOSK.brokerPassword),
      ...['--set', 'fleet.heartbeatIntervalS=1'],
    ]);
    const ui = new UiClient(daemon.url);
    try {
      await ui.connected();
      await test({ daemon, ui, monitor });
    } finally {
      ui.close();
      expect(await daemon.stop()).toBe(0);
    }
  } finally {
    await monitor.stop();
    await host.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}
