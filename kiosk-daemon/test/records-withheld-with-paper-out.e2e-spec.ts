/**
 * Fault: with the receipt printer out of paper or offline the records journey was not offered at
 * all, so a resident could not even see the balance and the last records on screen (RULES.md: no
 * paper → no record printing, the rest stays up). The built daemon with its emulators: the printer's
 * cover open before the session, the records are offered and shown with printing withheld; the
 * cover closed while they are on screen offers printing again, and it prints; the paper running out
 * then withholds it again, the records still on screen. And the print head overheated (the printer
 * busy, DEVICE_BUSY, until it cools): the print asked is refused with nothing printed, the records
 * stay on screen and the card's unprinted count is kept; once cooled, printing is offered again.
 */
import { DEMO_RESIDENTS, type KioskView } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const printerState = (k: KioskView) => k.devices.find((d) => d.kind === 'receiptPrinter')?.device;

describe('fault: records not offered with the receipt printer unable to print', () => {
  const suite = daemonForSuite();

  // first: the case below leaves the printer without paper
  it('records-print-refused-printer-busy: the print head cooling refuses the print busy, the records and the card’s count kept; it prints once cooled', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('records'));
    await ui.startWithCardAndPin('records', li.key, li.cardPin);
    const shown = await ui.waitForSession((v) => v?.step === 'showRecords' && v.details?.kind === 'records');
    const unprinted = shown?.details?.kind === 'records' ? shown.details.unprintedCount : -1;
    // the demo panel's word, passed to the emulator as it is
    expect(await ui.emit('demo.fault', { device: 'receiptPrinter', fault: 'headOverheat' })).toEqual({
      ok: true,
    });
    const busy = await ui.waitForKiosk((k) => printerState(k) === 'busy');
    expect(busy.journeysOffered).toContain('records'); // it clears by itself: not degraded
    expect(await ui.emit('session.command', { command: 'print' })).toEqual({ ok: true });
    const refused = await ui.waitForSession((v) => v?.error?.code === 'DEVICE_BUSY');
    expect(refused).toMatchObject({
      step: 'showRecords',
      details: { kind: 'records', printed: false, printAvailable: false, unprintedCount: unprinted },
    });

    // cooled: printing is offered again, and it prints
    expect(await ui.emit('demo.fault', { device: 'receiptPrinter', fault: null })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.details?.kind === 'records' && v.details.printAvailable);
    expect(await ui.emit('session.command', { command: 'print' })).toEqual({ ok: true });
    const printed = await ui.waitForSession((v) => v?.details?.kind === 'records' && v.details.printed);
    expect(printed?.error).toBeUndefined();
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.finishAndTakeCard();
  }, 60_000);

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
