import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('records journey: on screen, then printed on the ESC/POS printer emulator', () => {
  const suite = daemonForSuite();

  it('shows the last records, prints them as a masked Chinese receipt and clears the card counter', async () => {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('records'));
    await suite.ui.startWithCardAndPin('records', li.key, li.cardPin);

    const shown = await suite.ui.waitForSession(
      (v) => v?.step === 'showRecords' && v.details?.kind === 'records',
    );
    const details = shown?.details?.kind === 'records' ? shown.details : undefined;
    expect(details?.records.length).toBeGreaterThan(0);
    expect(details?.printAvailable).toBe(true);
    expect(details?.unprintedCount).toBe(1);

    expect(await suite.ui.emit('session.command', { command: 'print' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.details?.kind === 'records' && v.details.printed);
    const demo = await suite.ui.waitForDemo((d) => d.receipt !== undefined);
    const text = demo.receipt!.text;
    expect(text).toContain('李*英');
    expect(text).toContain('H41******102');
    expect(text).not.toContain(li.idNumber);
    expect(text).not.toContain(li.cardNumber);
    expect(demo.receipt!.pngDataUrl).toMatch(/^data:image\/png;base64,/);

    // done with the records: the kiosk offers another service on the same card, then returns it
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');
    await suite.ui.finishAndTakeCard();

    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      const steps = db
        .prepare(
          `SELECT s.step || ':' || s.phase AS s FROM journal_step s JOIN journal_transaction t ON t.id = s.transactionId
           WHERE t.journey = 'records' ORDER BY s.seq`,
        )
        .all()
        .map((r) => (r as { s: string }).s);
      // the counter is cleared only after the printer confirmed the receipt
      expect(steps.indexOf('receipt.print:done')).toBeLessThan(steps.indexOf('card.recordsPrinted:intent'));
      expect(steps).toContain('card.recordsPrinted:done');
    } finally {
      db.close();
    }
  }, 60_000);

  it('reads the card again with no unprinted records', async () => {
    await suite.ui.waitForSession((v) => v === null, 10_000).catch(() => undefined);
    await suite.ui.startWithCardAndPin('records', li.key, li.cardPin);
    const shown = await suite.ui.waitForSession(
      (v) => v?.step === 'showRecords' && v.details?.kind === 'records',
    );
    expect(shown?.details?.kind === 'records' && shown.details.unprintedCount).toBe(0);
    await suite.ui.emit('session.command', { command: 'cancel' });
  }, 60_000);
});
