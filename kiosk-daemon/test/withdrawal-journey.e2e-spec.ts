import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { journalSteps } from './journal-steps.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('withdrawal: card + PIN, ID card + face, 500 yuan in notes, receipt', () => {
  // no screen is read here: the ended screen stays 1 s (the profile's 5 s) before the next case's journey
  const suite = daemonForSuite(['--set', 'timeouts.endedViewMs=1000']);

  it('pays out exactly the amount, journals every step before it acts, and prints a masked receipt', async () => {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
    await suite.ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);

    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
    expect(await suite.ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key })).toEqual({
      ok: true,
    });

    const choose = await suite.ui.waitForSession(
      (v) => v?.step === 'chooseAmount' && v.details?.kind === 'withdraw',
    );
    const limits = choose?.details?.kind === 'withdraw' ? choose.details : undefined;
    expect(limits?.largestFen).toBe(50_000);
    expect(await suite.ui.emit('session.amount', { amountFen: 50_000 })).toEqual({ ok: true });

    await suite.ui.waitForSession((v) => v?.step === 'takeCash');
    const atSlot = await suite.ui.waitForDemo((d) => d.cash?.atSlot === true);
    expect(atSlot.cash?.amountFen).toBe(50_000);
    expect(await suite.ui.emit('demo.cash', { action: 'take' })).toEqual({ ok: true });

    const receipt = await suite.ui.waitForDemo((d) => d.receipt?.text.includes('500.00') === true);
    expect(receipt.receipt?.text).toContain('张*明');
    expect(receipt.receipt?.text).not.toContain(zhang.cardNumber);

    await suite.ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney');
    if (suite.ui.session?.step === 'cashWithdrawn') {
      await suite.ui.emit('session.command', { command: 'finish' });
      await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');
    }
    await suite.ui.finishAndTakeCard();
    await suite.ui.emit('demo.idCard', { action: 'remove' });

    const steps = journalSteps(suite.daemon.journalPath, 'withdraw');
    const at = (s: string) => steps.indexOf(s);
    for (const s of [
      'withdrawal.authorise:done',
      'cash.dispense:intent',
      'cash.present:done',
      'withdrawal.confirm:done',
    ]) {
      expect(steps).toContain(s);
    }
    // authorise → journal → dispense → present → confirm → receipt, each intent before its act
    expect(at('withdrawal.authorise:done')).toBeLessThan(at('withdrawal.authorised:event'));
    expect(at('withdrawal.authorised:event')).toBeLessThan(at('cash.dispense:intent'));
    expect(at('cash.dispense:done')).toBeLessThan(at('cash.present:intent'));
    expect(at('cash.present:done')).toBeLessThan(at('withdrawal.confirm:intent'));
    expect(at('withdrawal.confirm:done')).toBeLessThan(at('receipt.print:intent'));
    // the card's log took its one record once the host confirmed, before the receipt (ADR 0026)
    expect(steps.filter((s) => s.startsWith('card.log'))).toEqual([
      'card.logTransaction:intent',
      'card.logTransaction:done',
    ]);
    expect(at('withdrawal.confirm:done')).toBeLessThan(at('card.logTransaction:intent'));
    expect(at('card.logTransaction:done')).toBeLessThan(at('receipt.print:intent'));
    expect(steps.join(' ')).not.toContain('reverse');
  }, 90_000);

  it('pays nothing and moves no note when the amount is over the single cap', async () => {
    await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 10_000).catch(() => undefined);
    // the last screen stays 5 s: the next journey starts once the kiosk is home again
    await suite.ui.waitForSession((v) => v === null, 20_000);
    await suite.ui.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
    await suite.ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    await suite.ui.waitForSession((v) => v?.step === 'chooseAmount');
    await suite.ui.emit('session.amount', { amountFen: 60_000 });
    const refused = await suite.ui.waitForSession((v) => v?.error !== undefined);
    expect(refused?.error?.code).toBe('WITHDRAWAL_SINGLE_CAP_EXCEEDED');
    expect(suite.ui.demo?.cash?.atSlot).toBe(false);
    await suite.ui.emit('session.command', { command: 'cancel' });
    await suite.ui.emit('demo.idCard', { action: 'remove' });
  }, 60_000);
});
