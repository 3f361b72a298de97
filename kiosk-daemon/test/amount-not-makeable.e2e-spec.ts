/**
 * The kiosk never offers an amount its notes cannot pay. The demo dispenser emulator holds three
 * 100-yuan notes (300 yuan) and no 50s: the amount screen offers 100, 200 and 300 yuan only, and
 * 500 yuan is refused on the kiosk before any hold at the host. Paying the 300 empties the
 * cassettes, and the kiosk then no longer offers a withdrawal at all.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { journalSteps } from './journal-steps.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('CASH_AMOUNT_NOT_PAYABLE: the amount is not makeable with the notes left', () => {
  const suite = daemonForSuite([
    '--set',
    'devices.cashDispenser.cassettes=[{denominationFen: 10000, count: 3}, {denominationFen: 5000, count: 0}]',
  ]);

  it('offers only what 300 yuan in notes makes, refuses 500 before the host, then stops offering cash', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
    await ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    const choose = await ui.waitForSession(
      (v) => v?.step === 'chooseAmount' && v.details?.kind === 'withdraw',
    );
    const details = choose?.details?.kind === 'withdraw' ? choose.details : undefined;
    expect(details?.largestFen).toBe(30_000);
    expect(details?.amountsFen).toEqual([10_000, 20_000, 30_000]);
    expect(details?.noteFen).toBe(10_000);

    await ui.emit('session.amount', { amountFen: 50_000 });
    const refused = await ui.waitForSession((v) => v?.error?.code !== undefined);
    expect(refused?.step).toBe('chooseAmount');
    expect(refused?.error?.code).toBe('CASH_AMOUNT_NOT_PAYABLE');
    expect(
      journalSteps(suite.daemon.journalPath, 'withdraw').some((s) => s.startsWith('withdrawal.authorise')),
    ).toBe(false);

    // the largest amount offered is paid in full
    await ui.emit('session.amount', { amountFen: 30_000 });
    await ui.waitForSession((v) => v?.step === 'takeCash');
    const atSlot = await ui.waitForDemo((d) => d.cash?.atSlot === true);
    expect(atSlot.cash?.amountFen).toBe(30_000);
    await ui.emit('demo.cash', { action: 'take' });
    await ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney');
    if (ui.session?.step === 'cashWithdrawn') {
      await ui.emit('session.command', { command: 'finish' });
      await ui.waitForSession((v) => v?.step === 'chooseJourney');
    }
    await ui.finishAndTakeCard();
    await ui.emit('demo.idCard', { action: 'remove' });

    // cassettes that make no amount: no withdrawal offered
    const kiosk = await ui.waitForKiosk((k) => !k.journeysOffered.includes('withdraw'));
    expect(kiosk.journeysOffered).toContain('balance');
  }, 90_000);
});
