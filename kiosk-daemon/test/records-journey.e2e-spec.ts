import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { UiClient } from './ui-client.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('records journey: on screen, then printed on the ESC/POS printer emulator', () => {
  let daemon: DaemonProcess;
  let ui: UiClient;

  beforeAll(async () => {
    daemon = await startDaemon(['--set', 'demo.panel=true']);
    ui = new UiClient(daemon.url);
    await ui.connected();
  }, 30_000);

  afterAll(async () => {
    ui?.close();
    expect(await daemon?.stop()).toBe(0);
  });

  it('shows the last records, prints them as a masked Chinese receipt and clears the card counter', async () => {
    await ui.waitForKiosk((k) => k.journeysOffered.includes('records'));
    await ui.startWithCardAndPin('records', li.key, li.cardPin);

    const shown = await ui.waitForSession((v) => v?.step === 'showRecords' && v.details?.kind === 'records');
    const details = shown?.details?.kind === 'records' ? shown.details : undefined;
    expect(details?.records.length).toBeGreaterThan(0);
    expect(details?.printAvailable).toBe(true);
    expect(details?.unprintedCount).toBe(1);

    expect(await ui.emit('session.command', { command: 'print' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.details?.kind === 'records' && v.details.printed);
    const demo = await ui.waitForDemo((d) => d.receipt !== undefined);
    const text = demo.receipt!.text;
    expect(text).toContain('李*英');
    expect(text).toContain('H41******102');
    expect(text).not.toContain(li.idNumber);
    expect(text).not.toContain(li.cardNumber);
    expect(demo.receipt!.pngDataUrl).toMatch(/^data:image\/png;base64,/);

    // done with the records: the kiosk offers another service on the same card, then returns it
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'chooseJourney');
    await ui.emit('session.command', { command: 'finish' });
    await ui.waitForSession((v) => v?.step === 'takeCard');
    await ui.emit('demo.card', { action: 'take' });
    await ui.waitForSession((v) => v?.step === 'ended');

    const db = new Database(daemon.journalPath, { readonly: true });
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
    await ui.waitForSession((v) => v === null, 10_000).catch(() => undefined);
    await ui.startWithCardAndPin('records', li.key, li.cardPin);
    const shown = await ui.waitForSession((v) => v?.step === 'showRecords' && v.details?.kind === 'records');
    expect(shown?.details?.kind === 'records' && shown.details.unprintedCount).toBe(0);
    await ui.emit('session.command', { command: 'cancel' });
  }, 60_000);
});
