/**
 * Fault: a withdrawal hold left at the host until the next boot, through the real daemon and a
 * host simulator in the test process. The host answers the authorisation later than the kiosk
 * waits (HOST_TIMEOUT): the kiosk dispenses nothing and ends the journey, while the host holds the
 * resident's money. The kiosk releases it by the authorisation's serial at once; the first tries
 * time out and the host is then down for a while, so the release goes on in the background until
 * the host answers. The balance is as before without restarting the daemon, given back once.
 * Then a confirm the host does not answer (down when the resident takes the notes) is sent again
 * in the background until the host answers: paid out once, never reversed, no restart.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventually } from '@kiosk/domain/testing';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { journalSteps } from './journal-steps.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';
/**
 * how long the kiosk waits for the host (the profile's 5 s): the first case waits it out four times
 * (the authorisation, the first releases), so half of it; the host answers from this process in
 * milliseconds, and every other call of the journey is answered well within it on a loaded
 * machine, as in the withdrawal-refusals browser spec, whose host is in its Jest worker too
 */
const HOST_TIMEOUT_MS = 2_500;
const RELEASE = /^\/v1\/withdrawals\/release$/;
const CONFIRM = /^\/v1\/withdrawals\/[^/]+\/confirm$/;

describe('withdrawal hold released without a restart', () => {
  let host: HostSimulator;
  let daemon: DaemonProcess;
  let ui: UiClient;

  beforeAll(async () => {
    host = createHostSimulator({ kioskKeys: { [KIOSK_ID]: KIOSK_KEY } });
    const { url } = await host.listen(0, '127.0.0.1');
    daemon = await startDaemon([
      ...['--set', 'demo.panel=true'],
      ...['--set', 'host.mode=external', '--set', `host.url=${url}`],
      ...['--set', `host.timeoutMs=${HOST_TIMEOUT_MS}`],
      // no screen is read here: the ended screen stays 1 s (the profile's 5 s) before the next journey
      ...['--set', 'timeouts.endedViewMs=1000'],
    ]);
    ui = new UiClient(daemon.url);
    await ui.connected();
  }, 60_000);

  afterAll(async () => {
    ui?.close();
    expect(await daemon?.stop()).toBe(0);
    await host?.close();
  });

  /** the host's answers as they left it: the path asked, its status, when the request arrived */
  const answered: { path: string; status: number; arrivedAt: number }[] = [];
  /** how many `path` requests arriving from `since` on the host answered `status` */
  const answers = (path: RegExp, status: number, since: number) =>
    answered.filter((a) => path.test(a.path) && a.status === status && a.arrivedAt >= since).length;
  beforeAll(() => {
    host.app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      const arrivedAt = Date.now();
      res.on('finish', () => answered.push({ path: req.url ?? '', status: res.statusCode, arrivedAt }));
    });
  });

  const balance = () => host.state.balanceOfCard(zhang.cardNumber)!;
  const movements = (kind: string) => host.state.ledger.transactions().filter((t) => t.kind === kind).length;

  it('authorisation timed out: the hold the host made is given back while the kiosk runs on, after the host was down', async () => {
    const before = balance();
    const holds = movements('withdrawal');
    const reversals = movements('withdrawalReversal');
    await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'), 15_000);
    await ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    await ui.waitForSession((v) => v?.step === 'chooseAmount', 20_000);

    // the host answers three times later than the kiosk waits: it holds the money all the same
    host.faults.set({ delayMs: HOST_TIMEOUT_MS * 3 });
    try {
      expect(await ui.emit('session.amount', { amountFen: 10_000 })).toEqual({ ok: true });
      const refused = await ui.waitForSession((v) => v?.error !== undefined, 20_000);
      expect(refused?.error?.code).toBe('HOST_TIMEOUT');
      expect(ui.demo?.cash?.atSlot ?? false).toBe(false);
      await eventually(() => movements('withdrawal') === holds + 1, 'the hold at the host', {
        withinMs: 30_000,
        everyMs: 100,
      });
      // then the host is down for a while: the kiosk keeps trying in the background, refused (a
      // try begun before, held by the delay, is not counted)
      const down = Date.now();
      host.faults.set({ delayMs: 0, failWith: { status: 503, code: 'HOST_UNREACHABLE' } });
      await eventually(() => answers(RELEASE, 503, down) >= 1, 'a release refused while the host is down', {
        withinMs: 30_000,
        everyMs: 100,
      });
    } finally {
      host.faults.clear();
    }

    await eventually(
      () => journalSteps(daemon.journalPath, 'withdraw').includes('withdrawal.release:done'),
      'the release journaled done',
      { withinMs: 30_000, everyMs: 100 },
    );
    expect(balance()).toBe(before);
    expect(movements('withdrawalReversal')).toBe(reversals + 1);
    expect(host.state.ledger.isBalanced()).toBe(true);
    const steps = journalSteps(daemon.journalPath, 'withdraw');
    expect(steps).not.toContain('cash.dispense:intent');
    expect(steps.filter((s) => s.startsWith('withdrawal.release:'))).toEqual([
      'withdrawal.release:intent',
      'withdrawal.release:failed',
      'withdrawal.release:done',
    ]);
    expect(daemon.child.exitCode).toBeNull(); // the same daemon, never restarted

    await ui.waitForSession((v) => v?.step === 'takeCard' || v === null, 30_000).catch(() => undefined);
    if (ui.session?.step === 'takeCard') await ui.emit('demo.card', { action: 'take' });
    await ui.emit('demo.idCard', { action: 'remove' });
  }, 120_000);

  it('confirm with the host down after the notes were taken: the host learns it was paid while the kiosk runs on, once', async () => {
    await ui.waitForSession((v) => v === null || v.step === 'ended', 30_000).catch(() => undefined);
    // the last screen stays 1 s: the next journey starts once the kiosk is home again
    await ui.waitForSession((v) => v === null, 20_000);
    const earlier = journalSteps(daemon.journalPath, 'withdraw').length;
    const before = balance();
    const paid = movements('withdrawalPaid');
    const reversals = movements('withdrawalReversal');
    await ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    await ui.waitForSession((v) => v?.step === 'chooseAmount', 20_000);
    expect(await ui.emit('session.amount', { amountFen: 10_000 })).toEqual({ ok: true });
    await ui.waitForDemo((d) => d.cash?.atSlot === true, 20_000);

    const steps = () => journalSteps(daemon.journalPath, 'withdraw').slice(earlier);
    const down = Date.now();
    host.faults.set({ failWith: { status: 503, code: 'HOST_UNREACHABLE' } });
    try {
      expect(await ui.emit('demo.cash', { action: 'take' })).toEqual({ ok: true });
      await eventually(() => steps().includes('withdrawal.confirm:failed'), 'the confirm failed', {
        withinMs: 30_000,
        everyMs: 100,
      });
      // the first try and a background try refused while the host is down: nothing paid yet
      await eventually(() => answers(CONFIRM, 503, down) >= 2, 'a background confirm refused', {
        withinMs: 30_000,
        everyMs: 100,
      });
      expect(movements('withdrawalPaid')).toBe(paid);
    } finally {
      host.faults.clear();
    }

    await eventually(() => steps().includes('withdrawal.confirm:done'), 'the confirm journaled done', {
      withinMs: 30_000,
      everyMs: 100,
    });
    expect(movements('withdrawalPaid')).toBe(paid + 1);
    expect(movements('withdrawalReversal')).toBe(reversals);
    expect(balance()).toBe(before - 10_000);
    expect(host.state.ledger.isBalanced()).toBe(true);
    expect(steps().filter((s) => s.startsWith('withdrawal.confirm:'))).toEqual([
      'withdrawal.confirm:intent',
      'withdrawal.confirm:failed',
      'withdrawal.confirm:done',
    ]);
    expect(daemon.child.exitCode).toBeNull();

    await ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney', 30_000);
    if (ui.session?.step === 'cashWithdrawn') {
      await ui.emit('session.command', { command: 'finish' });
      await ui.waitForSession((v) => v?.step === 'chooseJourney');
    }
    await ui.finishAndTakeCard();
    await ui.emit('demo.idCard', { action: 'remove' });
  }, 120_000);
});
