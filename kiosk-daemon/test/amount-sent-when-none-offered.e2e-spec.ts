/**
 * Two withdrawal refusals were checked only as "not offered": after the day's limit is paid out
 * (WITHDRAWAL_DAILY_CAP_EXCEEDED) and with less than one note left in the account
 * (INSUFFICIENT_BALANCE) the touch screen shows no amount button, and the words it shows are its
 * own reading of the amount screen's details (withdrawal-refusals.browser), never a refusal of the
 * daemon's. A client can still send an amount: a socket.io client sends `session.amount` with no
 * button shown. Here it does, and the daemon refuses it with that code on the amount screen, before
 * any hold at the back office; nothing is held or paid, and the resident can still end the visit.
 *
 * The built daemon, the back office in this process so the test can spend from the account as a
 * pharmacy does; this kiosk pays at most 500 yuan a card a day.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { daemonForSuite } from './daemon-for-suite.js';
import { journalSteps } from './journal-steps.js';

const resident = (key: string) => DEMO_RESIDENTS.find((r) => r.key === key)!;
const zhang = resident('zhang');
const li = resident('li');
// the test profile's kiosk and its key (not secret)
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

describe('an amount sent when none is offered: refused by the daemon with the code the screen shows', () => {
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
    '--set',
    'host.mode=external',
    '--set',
    `host.url=${hostUrl}`,
    '--set',
    'caps.dailyWithdrawalFen=50000',
  ]);

  const authorisations = () =>
    journalSteps(suite.daemon.journalPath, 'withdraw').filter((s) => s === 'withdrawal.authorise:intent')
      .length;
  const balanceOf = (who: typeof zhang) =>
    host.state.ledger.balanceOf(host.state.residentByIdNumber(who.idNumber)!.accountId);

  /** the card, its PIN and the ID card: the amount screen with its details */
  async function toAmounts(who: typeof zhang) {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
    await ui.startWithCardAndPin('withdraw', who.key, who.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: who.key });
    const choose = await ui.waitForSession(
      (v) =>
        v?.step === 'chooseAmount' && v.details?.kind === 'withdraw' && v.details.balanceFen !== undefined,
    );
    return choose?.details?.kind === 'withdraw' ? choose.details : undefined;
  }

  /** the amount sent with no button for it: the daemon's answer on the amount screen */
  async function sendAmount(amountFen: number) {
    const { ui } = suite;
    expect(await ui.emit('session.amount', { amountFen })).toEqual({ ok: true });
    return ui.waitForSession((v) => v?.error?.code !== undefined);
  }

  /** cancel, take the card back and lift the ID card: the visit ends */
  async function endVisit(): Promise<void> {
    const { ui } = suite;
    await ui.emit('session.command', { command: 'cancel' });
    await ui.waitForSession((v) => v?.step === 'takeCard');
    await ui.emit('demo.card', { action: 'take' });
    await ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
  }

  it('WITHDRAWAL_DAILY_CAP_EXCEEDED: 100 yuan sent after the day’s 500 were paid is refused before the host', async () => {
    const { ui } = suite;
    await toAmounts(li);
    await ui.emit('session.amount', { amountFen: 50_000 });
    await ui.waitForSession((v) => v?.step === 'takeCash');
    await ui.emit('demo.cash', { action: 'take' });
    await ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney');
    if (ui.session?.step === 'cashWithdrawn') {
      await ui.emit('session.command', { command: 'finish' });
      await ui.waitForSession((v) => v?.step === 'chooseJourney');
    }
    await ui.finishAndTakeCard();
    const paid = balanceOf(li);
    expect(authorisations()).toBe(1);

    const details = await toAmounts(li);
    expect(details?.amountsFen).toEqual([]);
    const refused = await sendAmount(10_000);
    expect(refused?.step).toBe('chooseAmount');
    expect(refused?.error?.code).toBe('WITHDRAWAL_DAILY_CAP_EXCEEDED');
    await endVisit();
    expect(authorisations()).toBe(1);
    expect(balanceOf(li)).toBe(paid);
  }, 90_000);

  it('INSUFFICIENT_BALANCE: 100 yuan sent with 30 yuan left in the account is refused before the host', async () => {
    // a pharmacy spends the account down to 30 yuan, less than one note
    const accountId = host.state.residentByIdNumber(zhang.idNumber)!.accountId;
    host.context.store.ledger.transfer({
      from: accountId,
      to: 'settlement:medical',
      amountFen: balanceOf(zhang) - 3_000,
      at: new Date().toISOString(),
      kind: 'medicalPayment',
      description: 'pharmacy',
    });
    const before = authorisations();

    const details = await toAmounts(zhang);
    expect(details?.balanceFen).toBe(3_000);
    expect(details?.amountsFen).toEqual([]);
    const refused = await sendAmount(10_000);
    expect(refused?.step).toBe('chooseAmount');
    expect(refused?.error?.code).toBe('INSUFFICIENT_BALANCE');
    await endVisit();
    expect(authorisations()).toBe(before);
    expect(balanceOf(zhang)).toBe(3_000);
  }, 90_000);
});
