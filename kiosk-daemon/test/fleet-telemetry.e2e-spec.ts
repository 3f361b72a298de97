/**
 * The kiosk and the fleet end to end: the real fleet monitor (its own process, embedded aedes
 * broker, SQLite file) and the real daemon process pointed at it with the kiosk's own credentials.
 * Status reaches the monitor's API; a device fault from the emulator panel raises an alert there;
 * an operator's commands take the kiosk out of service and back, acknowledged and journaled; events
 * raised while the broker is down, even across a daemon restart, arrive once it is back; a restart
 * command ends the daemon with the supervisor's exit code; a killed daemon's last will marks it
 * offline. Needs `npx tsc -b` (both apps' dist).
 */
import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { fleetCommandAudits, fleetTelemetryWorld, type FleetEvent } from './fleet-telemetry.helpers.js';
import { journalOfToday } from './journal-export-client.js';

const KIOSK = 'JZ-9001';
const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const world = fleetTelemetryWorld(KIOSK, 'kiosk-e2e-password-9001');
const { kioskDetail, eventsOf, command, pinPadFault } = world;

describe('fleet telemetry from the real daemon to the real fleet monitor', () => {
  it('reports its status: mode, hall, version, journeys offered, devices with supplies', async () => {
    type Device = {
      kind: string;
      device: string;
      supplies: { name: string; level: string; count?: number }[];
    };
    /** the devices as the screen shows them: the status's supplies without their counts */
    const onScreen = (devices: Device[] | undefined) =>
      devices?.map((d) => ({ ...d, supplies: d.supplies.map(({ name, level }) => ({ name, level })) }));
    // a status goes out at each change of the screen (a device, its supply level, the mode): the
    // screen's now, once the monitor has stored it, not the one the monitor stored first
    await world.ui.waitForKiosk((k) => k.mode === 'inService', 15_000);
    const detail = await eventually(kioskDetail, 'the kiosk online with the status on its screen', {
      withinMs: 15_000,
      until: (d) =>
        d.body?.connection === 'online' &&
        isDeepStrictEqual(
          [d.body.status?.mode, onScreen(d.body.status?.devices)],
          [world.ui.kiosk?.mode, world.ui.kiosk?.devices],
        ),
    });
    expect(detail.body.status).toMatchObject({
      connection: 'online',
      kioskId: KIOSK,
      hallId: 'test-hall',
      mode: 'inService',
      version: expect.stringMatching(/^\d+\.\d+\.\d+/),
      heartbeatIntervalS: 1,
    });
    expect(detail.body.status.journeysOffered).toEqual(world.ui.kiosk?.journeysOffered);
    // the same devices and supply levels as the kiosk's own screen, with the counts field staff need
    const devices = detail.body.status.devices as Device[];
    expect(onScreen(devices)).toEqual(world.ui.kiosk?.devices);
    expect(devices.flatMap((d) => d.supplies).some((supply) => typeof supply.count === 'number')).toBe(true);
  }, 30_000);

  it('device fault on the PIN pad: the monitor raises a device-fault alert, cleared with the fault', async () => {
    await pinPadFault('offline');
    const alerts = await eventually(() => world.monitor.api('GET', '/alerts'), 'the PIN pad alert', {
      withinMs: 10_000,
      until: (a) =>
        a.body.some((x: { key: string; kioskId: string }) => x.kioskId === KIOSK && x.key === 'fault/pinPad'),
    });
    expect(alerts.body.find((x: { key: string }) => x.key === 'fault/pinPad')).toMatchObject({
      kind: 'deviceFault',
    });
    // the status raises the alert; the fault's event travels apart from it and may land a moment later
    const faulted = await eventually(eventsOf, 'the deviceFault event', {
      withinMs: 10_000,
      until: (list) => list.some((e) => e.type === 'deviceFault' && e.device === 'pinPad'),
    });
    expect(faulted).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'deviceFault', device: 'pinPad' })]),
    );

    await pinPadFault(null);
    await eventually(() => world.monitor.api('GET', '/alerts'), 'the PIN pad alert cleared', {
      withinMs: 10_000,
      until: (a) => !a.body.some((x: { key: string }) => x.key === 'fault/pinPad'),
    });
    // the event travels apart from the status that cleared the alert, so it may land a moment later
    const events = await eventually(eventsOf, 'the faultCleared event', {
      withinMs: 10_000,
      until: (list) => list.some((e) => e.type === 'faultCleared'),
    });
    expect(events).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'faultCleared', device: 'pinPad' })]),
    );
  }, 30_000);

  it('journey outcomes and a card not taken reach the fleet as codes only: no name, ID or card number', async () => {
    await world.ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    await world.ui.waitForSession((v) => v?.step === 'showBalance');
    await world.ui.emit('session.command', { command: 'finish' });
    await world.ui.waitForSession((v) => v?.step === 'takeCard');
    await world.ui.emit('demo.card', { action: 'take' });
    await world.ui.waitForSession((v) => v?.step === 'ended');
    // the second time, the resident walks away from the card: the reader pulls it in
    await world.ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    await world.ui.waitForSession((v) => v?.step === 'showBalance');
    await world.ui.emit('session.command', { command: 'finish' });
    await world.ui.waitForSession((v) => v?.step === 'ended', 15_000);

    const events = await eventually(eventsOf, 'the retract reached the monitor', {
      withinMs: 10_000,
      until: (list) => list.some((e) => e.type === 'retract'),
    });
    expect(events.filter((e) => e.type === 'journeyOutcome' || e.type === 'retract')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ type: 'journeyOutcome', journey: 'balance', outcome: 'completed' }),
        expect.objectContaining({
          type: 'journeyOutcome',
          journey: 'balance',
          outcome: 'failed',
          code: 'CARD_NOT_TAKEN_RETRACTED',
        }),
        expect.objectContaining({ type: 'retract', device: 'cardReader', item: 'card' }),
      ]),
    );
    // nothing personal anywhere in the monitor: its answers and its SQLite files
    const stored = readdirSync(world.dir)
      .filter((name) => name.startsWith('fleet-monitor.sqlite'))
      .map((name) => readFileSync(join(world.dir, name)).toString('utf8'))
      .join('');
    expect(stored).toContain(KIOSK); // the monitor's files were read: what they hold of the kiosk
    const answers = JSON.stringify([
      (await kioskDetail()).body,
      (await world.monitor.api('GET', '/kiosks')).body,
    ]);
    for (const secret of [zhang.name, zhang.idNumber, zhang.cardNumber, zhang.cardPin]) {
      expect(stored).not.toContain(secret);
      expect(answers).not.toContain(secret);
    }
  }, 60_000);

  it('operator command: out of service and back in, each acknowledged and journaled on the kiosk', async () => {
    const out = await command('outOfService');
    expect(out).toMatchObject({ result: 'done', code: null });
    await world.ui.waitForKiosk((v) => v.mode === 'outOfService' && v.reason === 'REMOTE_OUT_OF_SERVICE');
    await eventually(kioskDetail, 'the status says out of service', {
      withinMs: 10_000,
      until: (d) => d.body.status.mode === 'outOfService',
    });
    const refused = await world.ui.emit('session.start', { journey: 'balance' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'JOURNEY_NOT_OFFERED' } });

    const back = await command('inService');
    expect(back).toMatchObject({ result: 'done', code: null });
    await world.ui.waitForKiosk((v) => v.mode === 'inService');
    await eventually(kioskDetail, 'the status says in service', {
      withinMs: 10_000,
      until: (d) => d.body.status.mode === 'inService',
    });

    const exported = await journalOfToday(world.daemon.url, world.ui);
    const audits = fleetCommandAudits(exported);
    expect(audits.map((t) => [t.sessionId, t.outcome])).toEqual(
      expect.arrayContaining([
        [out.id, 'done'],
        [back.id, 'done'],
      ]),
    );
    expect(audits.find((t) => t.sessionId === out.id)?.steps.map((s) => `${s.step}:${s.phase}`)).toEqual([
      'fleet.outOfService:intent',
      'fleet.outOfService:done',
    ]);
  }, 30_000);

  it('journal extract command: the range goes to the monitor as JSON Lines, masked, before the ack', async () => {
    const from = `${new Date().toISOString().slice(0, 10)}T00:00:00Z`;
    const to = new Date(Date.now() + 60_000).toISOString();
    const upload = await command('uploadJournalExtract', { from, to });
    expect(upload).toMatchObject({ result: 'done', code: null });
    const list = await world.monitor.api('GET', `/kiosks/${KIOSK}/journal-extracts`);
    expect(list.body).toEqual([
      expect.objectContaining({ commandId: upload.id, from, to, transactions: expect.any(Number) }),
    ]);
    const extract = await world.monitor.api('GET', `/kiosks/${KIOSK}/journal-extracts/${upload.id}`);
    expect(extract.status).toBe(200);
    const text = extract.body as string;
    const journeys = text
      .trim()
      .split('\n')
      .map((line) => (JSON.parse(line) as { journey: string }).journey);
    expect(journeys.length).toBe(list.body[0].transactions);
    expect(journeys).toContain('fleetCommand');
    expect(journeys).toContain('balance');
    for (const secret of [zhang.name, zhang.idNumber, zhang.cardNumber]) expect(text).not.toContain(secret);

    // the wrong way round: refused by the monitor, nothing sent (the kiosk's own refusal of one,
    // should a monitor send it: journal-extract-range-read-whole)
    const backwards = await world.monitor.api('POST', `/kiosks/${KIOSK}/commands`, {
      type: 'uploadJournalExtract',
      from: to,
      to: from,
    });
    expect(backwards).toMatchObject({ status: 400, body: { code: 'FLEET_BAD_REQUEST' } });
  }, 30_000);

  it('broker outage: events raised while the monitor is down arrive after it restarts', async () => {
    expect(await world.monitor.stop()).toBe(0);
    const before = new Date().toISOString();
    await pinPadFault('offline');
    await pinPadFault(null);
    // both raised while the broker is down: in the kiosk's queue file (not after a fixed while, which
    // a loaded machine could outlast and raise them once the monitor is back)
    await world.queueFileHolding('"faultCleared"', 'the fault and its clearing are in the queue file');

    await world.restartMonitor();
    const arrived = await eventually(eventsOf, 'the queued events arrived', {
      withinMs: 15_000,
      until: (events) => events.some((e) => e.type === 'faultCleared' && e.at > before),
    });
    const fresh = arrived.filter((e) => e.at > before && e.device === 'pinPad');
    expect(fresh.map((e) => e.type).sort()).toEqual(['deviceFault', 'faultCleared']);
    await world.connection('online', 'the kiosk is back online');
  }, 40_000);

  it('daemon restarted during a broker outage: the queue file carries its events to the monitor', async () => {
    expect(await world.monitor.stop()).toBe(0);
    const before = new Date().toISOString();
    await pinPadFault('offline');
    await world.queueFileHolding('"deviceFault"', 'the fault is in the queue file');
    expect(await world.stopKiosk()).toBe(0);
    await world.startKiosk();

    await world.restartMonitor();
    const arrived = await eventually(eventsOf, 'the event from before the restart arrived', {
      withinMs: 15_000,
      until: (events) => events.some((e) => e.type === 'deviceFault' && e.at > before),
    });
    expect(arrived.filter((e) => e.type === 'deviceFault' && e.at > before)).toHaveLength(1);
    // the restarted kiosk's PIN pad works: the status sent after the backlog clears the replayed fault
    await eventually(() => world.monitor.api('GET', '/alerts'), 'no PIN pad alert is left active', {
      withinMs: 10_000,
      until: (a) => !a.body.some((x: { key: string }) => x.key === 'fault/pinPad'),
    });
  }, 60_000);

  it('queue file torn by a disk fault: the daemon starts all the same, sets it aside, and the fleet hears of the dropped events', async () => {
    expect(await world.monitor.stop()).toBe(0);
    await pinPadFault('offline');
    await pinPadFault(null);
    const text = await world.queueFileHolding('"faultCleared"', 'both events are in the queue file');
    expect(await world.stopKiosk()).toBe(0);
    writeFileSync(join(world.kioskDir, 'fleet-queue.json'), text.slice(0, Math.floor(text.length / 2)));

    await world.startKiosk();
    expect(readdirSync(world.kioskDir).some((f) => f.startsWith('fleet-queue.json.unreadable-'))).toBe(true);
    expect(world.daemon.output.join('\n')).toContain('the fleet event queue file did not read');

    await world.restartMonitor();
    const events = await eventually(eventsOf, 'the monitor heard of the dropped events', {
      withinMs: 15_000,
      until: (all) => all.some((e) => e.type === 'eventsDropped'),
    });
    const dropped = events.find((e) => e.type === 'eventsDropped') as FleetEvent & { count: number };
    expect(dropped.count).toBeGreaterThanOrEqual(1);
    await world.connection('online', 'the kiosk is back online');
  }, 60_000);

  it('restart command: acknowledged, then the daemon closes cleanly with exit code 75 for its supervisor', async () => {
    await world.connection('online', 'the kiosk is online');
    const exited = new Promise<number | null>((resolve) =>
      world.daemon.child.once('exit', (code) => resolve(code)),
    );
    const restart = await command('restart');
    expect(restart).toMatchObject({ result: 'done' });
    expect(await exited).toBe(75);
    const offline = await world.connection('offline', 'the kiosk is offline');
    expect(offline.body.alerts).toEqual(
      expect.arrayContaining([expect.objectContaining({ kind: 'offline', code: 'SHUTDOWN' })]),
    );
    await world.stopKiosk();
    await world.startKiosk();
  }, 60_000);

  it('daemon killed: the last will marks the kiosk offline and raises the offline alert', async () => {
    await world.connection('online', 'the kiosk is online');
    await world.stopKiosk('SIGKILL');
    const offline = await world.connection('offline', 'the will arrived');
    expect(offline.body.alerts).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kioskId: KIOSK, kind: 'offline', code: 'LAST_WILL' }),
      ]),
    );
  }, 30_000);
});
