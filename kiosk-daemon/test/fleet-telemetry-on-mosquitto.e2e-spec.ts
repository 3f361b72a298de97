/**
 * The kiosk and a large fleet end to end: the real daemon process reports through a real
 * Mosquitto (per-kiosk password and ACL from write-broker-files) to two real fleet-monitor
 * processes sharing the ingest and one PostgreSQL database. The status and a device fault reach
 * both monitors' API; an operator's command sent from one monitor is acknowledged and seen from the
 * other; a card left at the reader's slot raises a staff alert, behind the reader's own fault too
 * (the status lists every reason, ADR 0018); a killed daemon's last will marks it offline within
 * the heartbeat window. With CI=true a
 * missing Mosquitto or PostgreSQL fails the suite. Needs `npx tsc -b` (both apps' dist).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  createTestDatabase,
  startTestMosquitto,
  type TestDatabase,
  type TestMosquitto,
} from '@kiosk/fleet-monitor';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { describeOnExternalStack } from '../../fleet-monitor/src/testing/external-stack-suite.js';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import {
  startFleetMonitor,
  writeFleetCredentials,
  type FleetMonitorProcess,
} from './fleet-monitor-process.js';
import { UiClient } from './ui-client.js';
import { alertRaised, alertResolved, alertsAt } from './fleet-alerts.js';

const KIOSK = 'JZ-9001'; // the test profile's kiosk.id
const PASSWORD = 'kiosk-e2e-password-9001';
const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const TAKE_MS = 4_000;

describeOnExternalStack('the daemon through Mosquitto to fleet monitors on PostgreSQL', (stack) => {
  let dir: string;
  let broker: TestMosquitto;
  let db: TestDatabase;
  const monitors: FleetMonitorProcess[] = [];
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-fleet-mosquitto-'));
    const kioskDir = join(dir, 'kiosk');
    mkdirSync(kioskDir);
    writeFleetCredentials(dir, { [KIOSK]: PASSWORD });
    broker = await startTestMosquitto({
      kiosks: { [KIOSK]: PASSWORD },
      monitors: { 'fleet-monitor': 'monitor-e2e-secret' },
    });
    db = await createTestDatabase(stack.postgresUrl, 'kiosk_fleet_e2e');
    for (const name of ['a', 'b'])
      monitors.push(
        await startFleetMonitor(dir, 0, [
          '--db',
          db.url,
          '--broker',
          broker.url,
          '--broker-user',
          'fleet-monitor',
          '--broker-password-file',
          join(broker.dir, 'fleet-monitor.password'),
          '--broker-client-id',
          `fleet-monitor-e2e-${name}`,
        ]),
      );
    daemon = await startDaemon(
      [
        '--set',
        'demo.panel=true',
        '--set',
        `fleet.mqtt.url=${broker.url}`,
        '--set',
        `fleet.mqtt.password=${PASSWORD}`,
        '--set',
        'fleet.heartbeatIntervalS=1',
        // a card not taken is retracted after this (30 s in the test profile): the card left case
        '--set',
        `timeouts.cardTakeMs=${TAKE_MS}`,
      ],
      { dir: kioskDir },
    );
    ui = new UiClient(daemon.url);
    await ui.connected();
  }, 90_000);

  afterAll(async () => {
    ui?.close();
    await daemon?.stop('SIGKILL');
    for (const monitor of monitors.splice(0)) await monitor.stop();
    await db?.drop();
    await broker?.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const detailFrom = (monitor: FleetMonitorProcess) => () => monitor.api('GET', `/kiosks/${KIOSK}`);

  describe('the real daemon through Mosquitto to two fleet monitors on PostgreSQL', () => {
    it('its status reaches both monitors: online, in service, its devices', async () => {
      for (const monitor of monitors) {
        const detail = await eventually(detailFrom(monitor), 'online', {
          withinMs: 10_000,
          until: (d) => d.body?.connection === 'online',
        });
        expect(detail.body.status).toMatchObject({
          kioskId: KIOSK,
          mode: 'inService',
          heartbeatIntervalS: 1,
        });
        expect(detail.body.status.devices.length).toBeGreaterThan(0);
      }
    }, 30_000);

    it('a PIN pad fault raises one device-fault alert in the shared database, cleared with the fault', async () => {
      await ui!.emit('demo.fault', { device: 'pinPad', fault: 'offline' });
      const alerts = await eventually(() => monitors[1]!.api('GET', '/alerts'), 'the PIN pad alert', {
        withinMs: 10_000,
        until: (a) => a.body.some((x: { key: string }) => x.key === 'fault/pinPad'),
      });
      expect(alerts.body.filter((x: { key: string }) => x.key === 'fault/pinPad')).toHaveLength(1);
      await ui!.emit('demo.fault', { device: 'pinPad', fault: null });
      await eventually(() => monitors[0]!.api('GET', '/alerts'), 'the PIN pad alert cleared', {
        withinMs: 10_000,
        until: (a) => !a.body.some((x: { key: string }) => x.key === 'fault/pinPad'),
      });
      // the status clears the alert; the fault's events travel apart from it, each stored by
      // whichever monitor of the group takes it: wait for both before reading them
      const pinPadEvents = async () =>
        ((await detailFrom(monitors[0]!)()).body.events as { type: string; device?: string }[])
          .filter((e) => e.device === 'pinPad')
          .map((e) => e.type)
          .sort();
      const events = await eventually(pinPadEvents, "the fault's events stored", {
        withinMs: 10_000,
        until: (types) => types.includes('deviceFault') && types.includes('faultCleared'),
      });
      expect(events).toEqual(['deviceFault', 'faultCleared']);
    }, 30_000);

    it('out of service sent from monitor a: the kiosk acknowledges, monitor b sees the ack and the mode', async () => {
      const sent = await monitors[0]!.api('POST', `/kiosks/${KIOSK}/commands`, { type: 'outOfService' });
      expect(sent.status).toBe(202);
      await ui!.waitForKiosk((v) => v.mode === 'outOfService');
      const detail = await eventually(detailFrom(monitors[1]!), 'monitor b sees the ack and the mode', {
        withinMs: 10_000,
        until: (d) =>
          d.body.status.mode === 'outOfService' &&
          d.body.commands.some(
            (c: { id: string; result: string | null }) => c.id === sent.body.id && c.result,
          ),
      });
      expect(detail.body.commands.find((c: { id: string }) => c.id === sent.body.id)).toMatchObject({
        result: 'done',
      });
      const back = await monitors[1]!.api('POST', `/kiosks/${KIOSK}/commands`, { type: 'inService' });
      expect(back.status).toBe(202);
      await ui!.waitForKiosk((v) => v.mode === 'inService');
    }, 30_000);

    it('card-left-at-slot-raises-fleet-alert: a card a failed session left raises one staff alert, cleared once it is gone', async () => {
      const u = ui!;
      await u.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('balance'));
      expect(await u.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
      await u.waitForSession((v) => v?.step === 'insertCard');
      expect(await u.emit('demo.card', { action: 'insert', cardId: zhang.key })).toEqual({ ok: true });
      await u.waitForSession((v) => v?.step === 'enterPin');
      await u.emit('session.command', { command: 'cancel' });
      await u.waitForDemo((d) => d.cards.some((c) => c.cardId === zhang.key && c.location === 'atSlot'));
      // the reader drops offline: the session's retract of the card not taken fails, the card is left
      await u.emit('demo.fault', { device: 'cardReader', fault: 'offline' });
      expect((await u.waitForSession((v) => v?.step === 'ended', 20_000))?.cardKeptForStaff).toBe(true);
      await u.emit('demo.fault', { device: 'cardReader', fault: null });
      // the kiosk's status names the card left until the running kiosk retracts it after the take timeout
      const key = 'leftAtKiosk/CARD_LEFT_IN_READER';
      const raised = await eventually(
        () => alertsAt(monitors[1]!, 'all'),
        'the card left raised at the fleet',
        {
          withinMs: 10_000,
          until: (all) => all.some((a) => a.kioskId === KIOSK && a.key === key),
        },
      );
      expect(raised.filter((a) => a.key === key)).toEqual([
        expect.objectContaining({ kind: 'leftAtKiosk', code: 'CARD_LEFT_IN_READER' }),
      ]);
      await u.waitForDemo(
        (d) => d.cards.some((c) => c.cardId === zhang.key && c.location === 'captured'),
        15_000,
      );
      const cleared = await alertResolved(
        monitors[0]!,
        raised.find((a) => a.key === key)!,
        'the card-left alert cleared',
      );
      expect(cleared?.clearedAt).not.toBeNull();
      // one alert in the shared database, raised once
      expect((await alertsAt(monitors[0]!, 'all')).filter((a) => a.key === key)).toHaveLength(1);
    }, 40_000);

    it('card-left-hidden-behind-another-reason: the reader down with a card left at its slot, both at the fleet; the card alert cleared once it is gone', async () => {
      const u = ui!;
      await u.waitForKiosk((k) => k.mode === 'inService' && k.journeysOffered.includes('balance'));
      expect(await u.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
      await u.waitForSession((v) => v?.step === 'insertCard');
      expect(await u.emit('demo.card', { action: 'insert', cardId: li.key })).toEqual({ ok: true });
      await u.waitForSession((v) => v?.step === 'enterPin');
      await u.emit('session.command', { command: 'cancel' });
      await u.waitForDemo((d) => d.cards.some((c) => c.cardId === li.key && c.location === 'atSlot'));
      // the reader drops offline and stays so: the card is left, behind the reader's own fault
      await u.emit('demo.fault', { device: 'cardReader', fault: 'offline' });
      expect((await u.waitForSession((v) => v?.step === 'ended', 20_000))?.cardKeptForStaff).toBe(true);
      const both = ['CARD_READER_DOWN', 'CARD_LEFT_IN_READER'];
      await u.waitForKiosk((k) => k.reason === both[0] && k.reasons?.join() === both.join());
      const key = 'leftAtKiosk/CARD_LEFT_IN_READER';
      const card = await alertRaised(monitors[1]!, KIOSK, key, 'the card left raised behind the reader down');
      expect(card).toMatchObject({ kind: 'leftAtKiosk', code: 'CARD_LEFT_IN_READER' });
      expect((await detailFrom(monitors[1]!)()).body.status).toMatchObject({
        reason: both[0],
        reasons: both,
      });
      expect((await alertsAt(monitors[1]!, 'active')).map((a) => a.key)).toEqual(
        expect.arrayContaining(['fault/cardReader', key]),
      );
      // the reader back: the running kiosk retracts the card after the take timeout, its alert goes
      await u.emit('demo.fault', { device: 'cardReader', fault: null });
      await u.waitForDemo(
        (d) => d.cards.some((c) => c.cardId === li.key && c.location === 'captured'),
        20_000,
      );
      expect(
        (await alertResolved(monitors[0]!, card, 'the card-left alert cleared'))?.clearedAt,
      ).not.toBeNull();
      expect((await alertsAt(monitors[0]!, 'all')).filter((a) => a.id === card.id)).toHaveLength(1);
    }, 60_000);

    it('the daemon killed: its last will marks it offline with an alert, on both monitors', async () => {
      ui!.close();
      await daemon!.stop('SIGKILL');
      daemon = undefined;
      for (const monitor of monitors) {
        // the alert is raised after the offline status commits, so the two are waited for together
        const detail = await eventually(detailFrom(monitor), 'offline with its alert', {
          withinMs: 10_000,
          until: (d) => d.body.connection === 'offline' && d.body.alerts.length > 0,
        });
        expect(detail.body.alerts).toEqual([expect.objectContaining({ kind: 'offline', code: 'LAST_WILL' })]);
      }
      // LAST_WILL, not HEARTBEAT_MISSED: the broker fired the will on the cut socket, the monitors did
      // not wait for missed heartbeats (how soon is a matter of load, not of a wall-clock bound here)
    }, 30_000);
  });
});
