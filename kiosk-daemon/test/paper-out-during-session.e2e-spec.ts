/**
 * RULES.md: no paper → no record printing, and warn before a withdrawal. The fault: the kiosk read
 * the printer once, as the session began; paper that ran out during the session (the session's
 * own records or an earlier receipt took the last of it) left the amount screen promising a
 * receipt. The built daemon with its emulators: a withdrawal begun with paper, the paper out
 * before the ID card is placed; the amount screen says no receipt comes, the cash is paid, and no
 * receipt is asked of the printer.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { journalSteps } from './journal-steps.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('fault: paper out during the session, the withdrawal still promises a receipt', () => {
  const suite = daemonForSuite();

  it('the amount screen warns that no receipt comes; the cash is paid without one', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
    await ui.startWithCardAndPin('withdraw', li.key, li.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    expect(await ui.emit('demo.fault', { device: 'receiptPrinter', fault: 'paperOut' })).toEqual({
      ok: true,
    });
    await ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
    const choose = await ui.waitForSession(
      (v) => v?.step === 'chooseAmount' && v.details?.kind === 'withdraw',
    );
    expect(choose?.details).toMatchObject({ kind: 'withdraw', receiptAvailable: false });

    await ui.emit('session.amount', { amountFen: 10_000 });
    await ui.waitForDemo((d) => d.cash?.atSlot === true);
    await ui.emit('demo.cash', { action: 'take' });
    await ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney');
    if (ui.session?.step === 'cashWithdrawn') await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.finishAndTakeCard();
    await ui.emit('demo.idCard', { action: 'remove' });
    expect(journalSteps(suite.daemon.journalPath, 'withdraw').filter((s) => s.startsWith('receipt'))).toEqual(
      [],
    );
  }, 60_000);
});
