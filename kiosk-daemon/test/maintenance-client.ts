/**
 * Field staff on the maintenance route of a running daemon, for specs: its JSON calls (with a
 * visit's bearer token), the log-in with the staff card presented and the PIN typed on the demo
 * PIN pad, and the kiosk the maintenance specs visit: a daemon reporting to a real fleet monitor.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import {
  startFleetMonitor,
  writeFleetCredentials,
  type FleetMonitorProcess,
} from './fleet-monitor-process.js';
import { UiClient } from './ui-client.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- JSON answers, checked by each test
export type MaintenanceAnswer = { status: number; body: any };

export interface MaintenanceCallOptions {
  readonly token?: string | undefined;
  readonly body?: unknown;
}

export async function maintenanceCall(
  baseUrl: string,
  method: string,
  path: string,
  options: MaintenanceCallOptions = {},
): Promise<MaintenanceAnswer> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
    },
    ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined };
}

/** Presents the staff card, waits for the PIN pad to ask, types the PIN on it; the log-in's answer. */
export async function staffLogIn(
  baseUrl: string,
  ui: UiClient,
  staff: { readonly id: string; readonly pin: string },
): Promise<MaintenanceAnswer> {
  const answer = maintenanceCall(baseUrl, 'POST', '/maintenance/login', { body: { staffId: staff.id } });
  await ui.waitForKiosk((v) => v.mode === 'maintenance');
  await typeStaffPinOnPad(ui, staff.pin);
  return answer;
}

/**
 * Types a staff PIN on the kiosk's demo PIN pad, then enter. The pad takes keys only once it
 * collects (the staff card given): the first key is tried again until it does.
 */
export async function typeStaffPinOnPad(
  ui: UiClient,
  pin: string,
  asked = 'the PIN pad asks for the staff PIN',
): Promise<void> {
  await eventually(() => ui.emit('demo.pinpad', { key: pin[0] }), asked, {
    withinMs: 10_000,
    until: (ack) => ack.ok,
  });
  for (const key of pin.slice(1)) await ui.emit('demo.pinpad', { key });
  await ui.emit('demo.pinpad', { key: 'enter' });
}

/** The test profile's demo staff (its staff list): an engineer and a supervisor. */
export const DEMO_ENGINEER = { id: 'FS-0001', pin: '246810' };
export const DEMO_SUPERVISOR = { id: 'FS-0002', pin: '135790' };
/** the test profile's kiosk.id, and the password the fleet knows it by in these specs */
export const MAINTENANCE_KIOSK = 'JZ-9001';
const KIOSK_PASSWORD = 'kiosk-e2e-password-9001';

/** A daemon (demo panel on) reporting to a real fleet monitor process, in service, for staff visits. */
export interface KioskAtFleet {
  readonly monitor: FleetMonitorProcess;
  readonly daemon: DaemonProcess;
  readonly ui: UiClient;
  /** a maintenance API call on the daemon */
  call(method: string, path: string, options?: MaintenanceCallOptions): Promise<MaintenanceAnswer>;
  /** `staffLogIn` on this daemon */
  logIn(staff: { readonly id: string; readonly pin: string }): Promise<MaintenanceAnswer>;
  /** the kiosk as the fleet monitor's API shows it (status and events) */
  detail(): Promise<MaintenanceAnswer>;
  /** stops the daemon and the monitor, removes their files */
  close(): Promise<void>;
}

/** Starts the fleet monitor, then the daemon pointed at it (heartbeat each second), both in one temp dir. */
export async function startKioskAtFleet(): Promise<KioskAtFleet> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-maintenance-e2e-'));
  mkdirSync(join(dir, 'kiosk'));
  writeFleetCredentials(dir, { [MAINTENANCE_KIOSK]: KIOSK_PASSWORD });
  let monitor: FleetMonitorProcess | undefined;
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;
  const close = async (): Promise<void> => {
    ui?.close();
    await daemon?.stop();
    await monitor?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    monitor = await startFleetMonitor(dir);
    daemon = await startDaemon(
      [
        '--set',
        'demo.panel=true',
        '--set',
        `fleet.mqtt.url=${monitor.mqtt}`,
        '--set',
        `fleet.mqtt.password=${KIOSK_PASSWORD}`,
        '--set',
        'fleet.heartbeatIntervalS=1',
      ],
      { dir: join(dir, 'kiosk'), readyTimeoutMs: 45_000 },
    );
    ui = new UiClient(daemon.url);
    await ui.connected();
    await ui.waitForKiosk((v) => v.mode === 'inService');
  } catch (error) {
    await close();
    throw error;
  }
  const [started, running, client] = [monitor, daemon, ui];
  return {
    monitor: started,
    daemon: running,
    ui: client,
    call: (method, path, options) => maintenanceCall(running.url, method, path, options),
    logIn: (staff) => staffLogIn(running.url, client, staff),
    detail: () => started.api('GET', `/kiosks/${MAINTENANCE_KIOSK}`),
    close,
  };
}
