/**
 * Maintenance mode through the real daemon process, reporting to the real fleet monitor: a field
 * engineer presents a staff card and types the PIN on the kiosk's PIN pad (the demo pad here);
 * the resident screen says "under maintenance" and the fleet sees it; self test, counters; every
 * step journaled; log-out puts the kiosk back in service. Faults: a wrong PIN, a resident in the
 * middle of a session, no log-in, an engineer asking for what only a supervisor sees.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { maintenanceCall, staffLogIn, type MaintenanceCallOptions } from './maintenance-client.js';
import {
  eventually,
  startFleetMonitor,
  writeFleetCredentials,
  type FleetMonitorProcess,
} from './fleet-monitor-process.js';
import { UiClient } from './ui-client.js';

const KIOSK = 'JZ-9001';
const PASSWORD = 'kiosk-e2e-password-9001';
/** the test profile's demo staff: FS-0001 engineer, FS-0002 supervisor */
const ENGINEER = { id: 'FS-0001', pin: '246810' };

let dir: string;
let monitor: FleetMonitorProcess;
let daemon: DaemonProcess;
let ui: UiClient;

const call = (method: string, path: string, options?: MaintenanceCallOptions) =>
  maintenanceCall(daemon.url, method, path, options);
const logIn = (staffId: string, pin: string) => staffLogIn(daemon.url, ui, { id: staffId, pin });

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-maintenance-e2e-'));
  mkdirSync(join(dir, 'kiosk'));
  writeFleetCredentials(dir, { [KIOSK]: PASSWORD });
  monitor = await startFleetMonitor(dir);
  daemon = await startDaemon(
    [
      '--set',
      'demo.panel=true',
      '--set',
      `fleet.mqtt.url=${monitor.mqtt}`,
      '--set',
      `fleet.mqtt.password=${PASSWORD}`,
      '--set',
      'fleet.heartbeatIntervalS=1',
    ],
    { dir: join(dir, 'kiosk') },
  );
  ui = new UiClient(daemon.url);
  await ui.connected();
  await ui.waitForKiosk((v) => v.mode === 'inService');
}, 60_000);

afterAll(async () => {
  ui?.close();
  await daemon?.stop();
  await monitor?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('maintenance mode for field staff', () => {
  it('engineer logs in with staff card and PIN: under maintenance on screen and at the fleet, audited, back in service on log-out', async () => {
    const login = await logIn(ENGINEER.id, ENGINEER.pin);
    expect(login).toMatchObject({ status: 200, body: { staffId: ENGINEER.id, role: 'engineer' } });
    const token = login.body.token as string;
    expect(ui.kiosk).toMatchObject({ mode: 'maintenance', journeysOffered: [] });
    await eventually(
      () => monitor.api('GET', `/kiosks/${KIOSK}`),
      (d) => d.body?.status?.mode === 'maintenance',
      'the fleet sees the kiosk in maintenance',
    );

    const test = await call('POST', '/maintenance/self-test', { token });
    expect(test).toMatchObject({ status: 200, body: { passed: true } });
    expect(await call('POST', '/maintenance/test-receipt', { token })).toMatchObject({
      status: 200,
      body: { printed: true },
    });
    await ui.waitForDemo((d) => d.receipt?.text.includes(ENGINEER.id) === true);
    const counters = await call('GET', '/maintenance/counters', { token });
    expect(counters.status).toBe(200);
    expect(counters.body.devices.map((d: { kind: string }) => d.kind)).toContain('receiptPrinter');

    expect((await call('POST', '/maintenance/logout', { token })).status).toBe(204);
    await ui.waitForKiosk((v) => v.mode === 'inService');

    const detail = await eventually(
      () => monitor.api('GET', `/kiosks/${KIOSK}`),
      (d) => d.body.events.some((e: { type: string; action?: string }) => e.action === 'logout'),
      'the fleet got the visit',
    );
    const actions = detail.body.events
      .filter((e: { type: string }) => e.type === 'maintenance')
      .map((e: { action: string; staffId: string }) => `${e.action}:${e.staffId}`)
      .reverse();
    expect(actions).toEqual(['login:FS-0001', 'selfTest:FS-0001', 'testReceipt:FS-0001', 'logout:FS-0001']);
    await eventually(
      () => monitor.api('GET', `/kiosks/${KIOSK}`),
      (d) => d.body.status.mode === 'inService',
      'the fleet sees the kiosk back in service',
    );

    const day = new Date().toISOString().slice(0, 10);
    const journal = await (await fetch(`${daemon.url}/journal/export?from=${day}&to=${day}`)).text();
    const visit = journal
      .trim()
      .split('\n')
      .map(
        (line) =>
          JSON.parse(line) as { journey: string; outcome: string; steps: { step: string; phase: string }[] },
      )
      .find((t) => t.journey === 'maintenance' && t.outcome === 'done');
    expect(visit?.steps.map((s) => `${s.step}:${s.phase}`)).toEqual([
      'maintenance.login:done',
      'maintenance.selfTest:done',
      'maintenance.testReceipt:intent',
      'maintenance.testReceipt:done',
      'maintenance.logout:done',
    ]);
    expect(journal).not.toContain(ENGINEER.pin);
  }, 60_000);

  it('wrong staff PIN: refused with STAFF_LOGIN_FAILED, audited, and the kiosk back in service', async () => {
    const login = await logIn(ENGINEER.id, '111111');
    expect(login).toMatchObject({ status: 401, body: { code: 'STAFF_LOGIN_FAILED' } });
    await ui.waitForKiosk((v) => v.mode === 'inService');
    await eventually(
      () => monitor.api('GET', `/kiosks/${KIOSK}`),
      (d) => d.body.events.some((e: { action?: string }) => e.action === 'loginRefused'),
      'the fleet got the refused log-in',
    );
  }, 30_000);

  it('no log-in: STAFF_NOT_LOGGED_IN; an engineer asking for the journal: STAFF_ROLE_NOT_ALLOWED', async () => {
    expect(await call('POST', '/maintenance/self-test')).toMatchObject({
      status: 401,
      body: { code: 'STAFF_NOT_LOGGED_IN' },
    });
    const login = await logIn(ENGINEER.id, ENGINEER.pin);
    const token = login.body.token as string;
    expect(await call('GET', '/maintenance/journal', { token })).toMatchObject({
      status: 403,
      body: { code: 'STAFF_ROLE_NOT_ALLOWED' },
    });
    await call('POST', '/maintenance/logout', { token });
    await ui.waitForKiosk((v) => v.mode === 'inService');
  }, 30_000);

  it('resident in the middle of a session: staff log-in refused with SESSION_BUSY', async () => {
    expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    expect(await call('POST', '/maintenance/login', { body: { staffId: ENGINEER.id } })).toMatchObject({
      status: 409,
      body: { code: 'SESSION_BUSY' },
    });
    expect(ui.kiosk?.mode).toBe('inService');
    await ui.emit('session.command', { command: 'cancel' });
  }, 30_000);
});
