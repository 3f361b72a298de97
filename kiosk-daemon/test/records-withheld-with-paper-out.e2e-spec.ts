/**
 * Fault: with the receipt printer out of paper or offline the records journey was not offered at
 * all, so a resident could not even see the balance and the last records on screen (RULES.md: no
 * paper → no record printing, the rest stays up). The built daemon with its emulators: the printer's
 * cover open before the session, the records are offered and shown with printing withheld; the
 * cover closed while they are on screen offers printing again, and it prints; the paper running out
 * then withholds it again, the records still on screen.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('fault: records not offered with the receipt printer unable to print', () => {
  const suite = daemonForSuite();

  it('offers the records on screen, printing follows the printer mid-session', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('records'));
    expect(await ui.emit('demo.fault', { device: 'receiptPrinter', fault: 'coverOpen' })).toEqual({
      ok: true,
    });
    const degraded = await ui.waitForKiosk((k) => k.reason === 'RECEIPT_PRINTER_DOWN');
    expect(degraded).toMatchObject({ mode: 'degraded' });
    expect(degraded.journeysOffered).toContain('records');

    await ui.startWithCardAndPin('records', li.key, li.cardPin);
    const shown = await ui.waitForSession((v) => v?.step === 'showRecords' && v.details?.kind === 'records');
    expect(shown?.details).toMatchObject({ kind: 'records', printAvailable: false });

    // the cover closed while the records are on screen: printing is offered again
    expect(await ui.emit('demo.fault', { device: 'receiptPrinter', fault: null })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.details?.kind === 'records' && v.details.printAvailable);
    expect(await ui.emit('session.command', { command: 'print' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.details?.kind === 'records' && v.details.printed);
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');

    // the paper out during a second look at the records: printing withheld, the records stay
    expect(await ui.emit('session.start', { journey: 'records' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'showRecords' && v.details?.kind === 'records');
    expect(await ui.emit('demo.fault', { device: 'receiptPrinter', fault: 'paperOut' })).toEqual({
      ok: true,
    });
    const withheld = await ui.waitForSession(
      (v) => v?.details?.kind === 'records' && !v.details.printAvailable,
    );
    expect(withheld?.step).toBe('showRecords');
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.finishAndTakeCard();
  }, 60_000);
});
