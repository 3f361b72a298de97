/**
 * RULES.md: caps are checked by the kiosk and again by the host; the host's answer wins and the
 * kiosk never relaxes it. A kiosk configured for a region's 1000-yuan single cap, in front of a
 * back office that pays at most 500 yuan at once (the simulator's default, as an external host: the
 * embedded one takes the profile's caps): the amount screen offers no more than 500 yuan, and
 * 1000 yuan is refused on the kiosk before any hold at the host.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { daemonForSuite } from './daemon-for-suite.js';
import { journalSteps } from './journal-steps.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
// the test profile's kiosk and its key (not secret)
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

describe('withdrawal caps: the host stricter than the kiosk', () => {
  let host: HostSimulator;
  let hostUrl = '';
  beforeAll(async () => {
    host = createHostSimulator({ kioskKeys: { [KIOSK_ID]: KIOSK_KEY } });
    hostUrl = (await host.listen(0, '127.0.0.1')).url;
  });
  afterAll(async () => {
    await host?.close();
  });
  const suite = daemonForSuite(() => [
    ...['--set', 'host.mode=external', '--set', `host.url=${hostUrl}`],
    ...['--set', 'caps.singleWithdrawalFen=100000', '--set', 'caps.dailyWithdrawalFen=200000'],
  ]);

  it('WITHDRAWAL_SINGLE_CAP_EXCEEDED: offers at most the host’s 500 yuan and refuses 1000 before the host', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
    await ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    const choose = await ui.waitForSession(
      (v) => v?.step === 'chooseAmount' && v.details?.kind === 'withdraw',
    );
    const details = choose?.details?.kind === 'withdraw' ? choose.details : undefined;
    expect(details?.largestFen).toBe(50_000);
    expect(details?.singleMaxFen).toBe(50_000);

    await ui.emit('session.amount', { amountFen: 100_000 });
    const refused = await ui.waitForSession((v) => v?.error?.code !== undefined);
    expect(refused?.step).toBe('chooseAmount');
    expect(refused?.error?.code).toBe('WITHDRAWAL_SINGLE_CAP_EXCEEDED');

    await ui.emit('session.command', { command: 'cancel' });
    await ui.waitForSession((v) => v?.step === 'takeCard');
    await ui.emit('demo.card', { action: 'take' });
    await ui.emit('demo.idCard', { action: 'remove' });
    await ui.waitForSession((v) => v?.step === 'ended' || v === null);
    expect(
      journalSteps(suite.daemon.journalPath, 'withdraw').some((s) => s.startsWith('withdrawal.authorise')),
    ).toBe(false);
  }, 60_000);
});
