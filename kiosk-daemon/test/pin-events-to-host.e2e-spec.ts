/**
 * What the card answers to a PIN reaches the host (never the PIN), so the host's PIN-failure
 * anomaly rules see what happens at kiosks: each entry under its own idempotency key, the third
 * wrong PIN in a day flags the card. A host that does not answer never holds the resident up; the
 * outcome is journaled before it is sent, tried until the host answers, and after a restart too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { eventually } from '@kiosk/domain/testing';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { journalSteps, takeCardBack, typePin } from './pin-journeys.helpers.js';
import { UiClient } from './ui-client.js';
import { secretsShownIn } from './secrets-shown.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

/** The daemon's count of acts owed to the host (tried in the background), from its /metrics. */
async function hostActsOwed(daemonUrl: string): Promise<number> {
  const metrics = await (await fetch(`${daemonUrl}/metrics`)).text();
  const owed = /^kiosk_host_acts_owed (\d+)$/m.exec(metrics);
  if (!owed) throw new Error('no kiosk_host_acts_owed on /metrics');
  return Number(owed[1]);
}

describe('PIN outcomes told to the host', () => {
  let host: HostSimulator;
  let daemon: DaemonProcess;
  let ui: UiClient;

  const pinEvents = () =>
    host.state.audit.filter((a) => a.cardNumber === zhang.cardNumber && a.action.includes('pin-events'));
  const flags = () =>
    host.state.anomalies.filter((a) => a.cardNumber === zhang.cardNumber && a.rule === 'pinFailures');

  beforeAll(async () => {
    host = createHostSimulator({ kioskKeys: { [KIOSK_ID]: KIOSK_KEY } });
    const { url } = await host.listen(0, '127.0.0.1');
    daemon = await startDaemon([
      '--set',
      'demo.panel=true',
      '--set',
      'host.mode=external',
      '--set',
      `host.url=${url}`,
    ]);
    ui = new UiClient(daemon.url);
    await ui.connected();
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
  }, 60_000); // the daemon may take its 45 s to be ready

  afterAll(async () => {
    ui?.close();
    expect(await daemon?.stop()).toBe(0);
    await host?.close();
  });

  /** a balance session: one wrong PIN, then the right one */
  async function wrongThenRight(): Promise<void> {
    await ui.startWithCardAndPin('balance', zhang.key, '000000');
    await ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === 2);
    await typePin(ui, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'showBalance');
    await ui.emit('session.command', { command: 'finish' });
    await takeCardBack(ui);
  }

  it('each wrong and right PIN is one event at the host, and the third wrong one in a day flags the card', async () => {
    await wrongThenRight();
    await eventually(() => pinEvents().length >= 2, 'two PIN events', { withinMs: 10_000, everyMs: 50 });
    await wrongThenRight();
    expect(flags()).toEqual([]);
    await wrongThenRight();
    const flagged = await eventually(() => flags()[0], 'a pinFailures flag', {
      withinMs: 10_000,
      everyMs: 50,
    });
    expect(flagged).toMatchObject({ cardNumber: zhang.cardNumber, kioskId: KIOSK_ID });
    await eventually(() => pinEvents().length === 6, 'six PIN events', { withinMs: 10_000, everyMs: 50 });
    // nothing but the outcome went to the host: no PIN in what it recorded
    expect(secretsShownIn(JSON.stringify(host.state.audit), [zhang.cardPin])).toEqual([]);
  }, 90_000);

  it('host not answering the PIN event: the resident goes on, the outcome journaled first and told once the host is back', async () => {
    const before = pinEvents().filter((a) => a.outcome === 'ok').length;
    // the host goes away once the card is read (the card read asks it the card's state)
    expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    await ui.waitForSession((v) => v?.step === 'enterPin');
    host.faults.set({ failWith: { status: 503, code: 'HOST_UNREACHABLE' } });
    try {
      await typePin(ui, '000000');
      await ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === 2);
      await eventually(
        () => journalSteps(daemon.journalPath, 'balance').find((s) => s === 'host.pinOutcome:intent'),
        'the PIN outcome journaled',
        { withinMs: 10_000, everyMs: 50 },
      );
    } finally {
      host.faults.clear();
    }
    await typePin(ui, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'showBalance');
    await ui.emit('session.command', { command: 'finish' });
    await takeCardBack(ui);
    // the wrong PIN the host missed, in the background, and the right one
    await eventually(() => pinEvents().filter((a) => a.outcome === 'ok').length === before + 2, 'both told', {
      withinMs: 10_000,
      everyMs: 50,
    });
  }, 60_000);
});

describe('fault: pin-outcome-lost-at-restart (the daemon restarted while the host was away)', () => {
  let host: HostSimulator;
  let dir: string;

  const told = () =>
    host.state.audit.filter(
      (a) => a.cardNumber === zhang.cardNumber && a.action.includes('pin-events') && a.outcome === 'ok',
    );
  const start = (url: string) =>
    startDaemon(['--set', 'demo.panel=true', '--set', 'host.mode=external', '--set', `host.url=${url}`], {
      dir,
    });

  beforeAll(async () => {
    host = createHostSimulator({ kioskKeys: { [KIOSK_ID]: KIOSK_KEY } });
    dir = mkdtempSync(join(tmpdir(), 'kiosk-e2e-pin-outcome-'));
  });
  afterAll(async () => {
    await host?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a wrong PIN typed while the host answered 503, then a restart: told after the next boot, once', async () => {
    const { url } = await host.listen(0, '127.0.0.1');
    const first = await start(url);
    const ui = new UiClient(first.url);
    try {
      await ui.connected();
      await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
      expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
      await ui.waitForSession((v) => v?.step === 'insertCard');
      await ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
      await ui.waitForSession((v) => v?.step === 'enterPin');
      host.faults.set({ failWith: { status: 503, code: 'HOST_UNREACHABLE' } });
      await typePin(ui, '000000');
      await ui.waitForSession((v) => v?.step === 'enterPin' && v.pin?.attemptsLeft === 2);
      await ui.emit('session.command', { command: 'cancel' });
      await takeCardBack(ui);
    } finally {
      ui.close();
    }
    expect(await first.stop()).toBe(0);
    expect(told()).toEqual([]);

    host.faults.clear();
    const second = await start(url);
    try {
      await eventually(() => told().length === 1, 'the wrong PIN told after the boot', {
        withinMs: 20_000,
        everyMs: 50,
      });
      await eventually(
        () => journalSteps(second.journalPath, 'balance').includes('host.pinOutcome:done'),
        'its answer journaled',
        { withinMs: 10_000, everyMs: 50 },
      );
      // nothing owed to the host any more (nothing left to send): told once
      await eventually(async () => (await hostActsOwed(second.url)) === 0, 'no act owed to the host', {
        withinMs: 10_000,
        everyMs: 50,
      });
      expect(told()).toHaveLength(1);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  }, 120_000);
});
