/**
 * Maintenance mode through the real daemon process, reporting to the real fleet monitor: a field
 * engineer presents a staff card and types the PIN on the kiosk's PIN pad (the demo pad here);
 * the resident screen says "under maintenance" and the fleet sees it; self test, counters; every
 * step journaled; log-out puts the kiosk back in service. Faults: a wrong PIN, a resident in the
 * middle of a session, no log-in, an engineer asking for what only a supervisor sees.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { eventually } from '@kiosk/domain/testing';
import { journalOfToday } from './journal-export-client.js';
import { DEMO_ENGINEER, startKioskAtFleet, type KioskAtFleet } from './maintenance-client.js';

let kiosk: KioskAtFleet;

beforeAll(async () => {
  kiosk = await startKioskAtFleet();
}, 90_000);

afterAll(async () => {
  await kiosk?.close();
});

describe('maintenance mode for field staff', () => {
  it('engineer logs in with staff card and PIN: under maintenance on screen and at the fleet, audited, back in service on log-out', async () => {
    const login = await kiosk.logIn(DEMO_ENGINEER);
    expect(login).toMatchObject({ status: 200, body: { staffId: DEMO_ENGINEER.id, role: 'engineer' } });
    const token = login.body.token as string;
    expect(kiosk.ui.kiosk).toMatchObject({ mode: 'maintenance', journeysOffered: [] });
    await eventually(() => kiosk.detail(), 'the fleet sees the kiosk in maintenance', {
      withinMs: 10_000,
      until: (d) => d.body?.status?.mode === 'maintenance',
    });

    const test = await kiosk.call('POST', '/maintenance/self-test', { token });
    expect(test).toMatchObject({ status: 200, body: { passed: true } });
    expect(await kiosk.call('POST', '/maintenance/test-receipt', { token })).toMatchObject({
      status: 200,
      body: { printed: true },
    });
    await kiosk.ui.waitForDemo((d) => d.receipt?.text.includes(DEMO_ENGINEER.id) === true);
    const counters = await kiosk.call('GET', '/maintenance/counters', { token });
    expect(counters.status).toBe(200);
    expect(counters.body.devices.map((d: { kind: string }) => d.kind)).toContain('receiptPrinter');

    expect((await kiosk.call('POST', '/maintenance/logout', { token })).status).toBe(204);
    await kiosk.ui.waitForKiosk((v) => v.mode === 'inService');

    const detail = await eventually(() => kiosk.detail(), 'the fleet got the visit', {
      withinMs: 10_000,
      until: (d) => d.body.events.some((e: { type: string; action?: string }) => e.action === 'logout'),
    });
    const actions = detail.body.events
      .filter((e: { type: string }) => e.type === 'maintenance')
      .map((e: { action: string; staffId: string }) => `${e.action}:${e.staffId}`)
      .reverse();
    expect(actions).toEqual(['login:FS-0001', 'selfTest:FS-0001', 'testReceipt:FS-0001', 'logout:FS-0001']);
    await eventually(() => kiosk.detail(), 'the fleet sees the kiosk back in service', {
      withinMs: 10_000,
      until: (d) => d.body.status.mode === 'inService',
    });

    const journal = await journalOfToday(kiosk.daemon.url, kiosk.ui);
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
    expect(journal).not.toContain(DEMO_ENGINEER.pin);
  }, 60_000);

  it('wrong staff PIN: refused with STAFF_LOGIN_FAILED, audited, and the kiosk back in service', async () => {
    const login = await kiosk.logIn({ ...DEMO_ENGINEER, pin: '111111' });
    expect(login).toMatchObject({ status: 401, body: { code: 'STAFF_LOGIN_FAILED' } });
    await kiosk.ui.waitForKiosk((v) => v.mode === 'inService');
    await eventually(() => kiosk.detail(), 'the fleet got the refused log-in', {
      withinMs: 10_000,
      until: (d) => d.body.events.some((e: { action?: string }) => e.action === 'loginRefused'),
    });
  }, 30_000);

  it('no log-in: STAFF_NOT_LOGGED_IN; an engineer asking for the journal: STAFF_ROLE_NOT_ALLOWED', async () => {
    expect(await kiosk.call('POST', '/maintenance/self-test')).toMatchObject({
      status: 401,
      body: { code: 'STAFF_NOT_LOGGED_IN' },
    });
    const login = await kiosk.logIn(DEMO_ENGINEER);
    const token = login.body.token as string;
    expect(await kiosk.call('GET', '/maintenance/journal', { token })).toMatchObject({
      status: 403,
      body: { code: 'STAFF_ROLE_NOT_ALLOWED' },
    });
    await kiosk.call('POST', '/maintenance/logout', { token });
    await kiosk.ui.waitForKiosk((v) => v.mode === 'inService');
  }, 30_000);

  it('resident in the middle of a session: staff log-in refused with SESSION_BUSY', async () => {
    expect(await kiosk.ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    await kiosk.ui.waitForSession((v) => v?.step === 'insertCard');
    expect(
      await kiosk.call('POST', '/maintenance/login', { body: { staffId: DEMO_ENGINEER.id } }),
    ).toMatchObject({
      status: 409,
      body: { code: 'SESSION_BUSY' },
    });
    expect(kiosk.ui.kiosk?.mode).toBe('inService');
    await kiosk.ui.emit('session.command', { command: 'cancel' });
  }, 30_000);
});
