/**
 * Fault: the card printer went offline for a moment while a new card waited at its slot, and the
 * kiosk took the card for taken. The driver's bezel watch read the offline printer's refusal as
 * 0 V on the sensor: the card was counted issued (`card.taken`, the journal's issued count), the
 * office told `issued`, the resident's session went on, while the card lay at the slot: counted
 * nowhere it was, and once pulled in by anyone, in a reject bin the journal said nothing of. Now
 * a refused read is a failed read (`evolis-card-printer.driver.ts`): the card waits for the
 * resident or the take timeout as before, and one not taken is retracted into the reject bin,
 * counted there once, and reported abandoned.
 *
 * The built daemon over socket.io, its escape-command driver on TCP to the byte-level card printer
 * emulator (the demo panel's fault and counts), the SQLite journal file.
 */
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';

const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!; // a new-card application waiting

interface Step {
  readonly step: string;
  readonly phase: string;
  readonly detail: string | null;
}

describe('a new card at the slot while the card printer is offline, through the real daemon', () => {
  const suite = daemonForSuite([
    ...['--set', 'devices.cardPrinter.hopper=20'],
    ...['--set', 'timeouts.cardTakeMs=6000'],
    ...['--set', 'timeouts.endedViewMs=2000'],
  ]);

  function journal<T>(read: (db: Database.Database) => T): T {
    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      return read(db);
    } finally {
      db.close();
    }
  }
  const lastCardMaking = () =>
    journal((db) => {
      const tx = db
        .prepare(
          `SELECT id FROM journal_transaction WHERE journey = 'issueCard' ORDER BY serial DESC LIMIT 1`,
        )
        .get() as { id: string };
      return db
        .prepare(`SELECT step, phase, detail FROM journal_step WHERE transactionId = ? ORDER BY seq`)
        .all(tx.id) as Step[];
    });
  /** the card printer's counts in the journal's last record of it */
  const journalCounts = () =>
    journal((db) => {
      const row = db
        .prepare(`SELECT counters FROM device_counters WHERE kind = 'cardPrinter' ORDER BY id DESC LIMIT 1`)
        .get() as { counters: string } | undefined;
      return row ? (JSON.parse(row.counters) as { issued?: number; rejectBin?: number }) : {};
    });
  /** the emulator's own account of its blanks, as the demo panel shows it */
  const printerCounts = async () => {
    const counts = (await suite.ui.waitForDemo((d) => d.newCard?.blanks !== undefined)).newCard?.blanks;
    if (!counts) throw new Error('the demo panel shows no card printer counts');
    return counts;
  };

  it('fault: printer offline for a moment with the card at the slot: never counted issued; not taken, retracted into the reject bin, counted there once, reported abandoned', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), 30_000);
    expect(await ui.emit('session.start', { journey: 'issueCard' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    await ui.emit('demo.idCard', { action: 'place', idCardId: wang.key });
    await ui.waitForSession((v) => v?.step === 'takeNewCard' || v?.step === 'ended', 60_000);
    expect(ui.session?.step).toBe('takeNewCard');
    const before = { printer: await printerCounts(), journal: journalCounts() };

    expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: 'offline' })).toEqual({ ok: true });
    await ui.waitForKiosk((k) => !k.journeysOffered.includes('issueCard'), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // several bezel reads refused
    expect(ui.session?.step).toBe('takeNewCard');
    expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: null })).toEqual({ ok: true });

    const ended = await ui.waitForSession((v) => v?.step === 'ended', 20_000);
    expect(ended?.error?.code).toBe('CARD_NOT_TAKEN_RETRACTED');
    await ui.emit('demo.idCard', { action: 'remove' });
    await ui.waitForSession((v) => v === null, 15_000);
    const steps = lastCardMaking();
    const named = steps.map((s) => `${s.step}:${s.phase}`);
    expect(named).not.toContain('card.taken:event');
    expect(named.filter((s) => s === 'card.retract:done')).toHaveLength(1);
    expect(steps.find((s) => s.step === 'host.issued' && s.phase === 'intent')?.detail).toContain(
      'abandoned',
    );
    // the emulator's own account: one more rejected, none issued, none left inside
    expect(await printerCounts()).toEqual({
      ...before.printer,
      inPrinter: 0,
      rejected: before.printer.rejected + 1,
    });
    const after = journalCounts();
    expect(after.issued ?? 0).toBe(before.journal.issued ?? 0);
    expect(after.rejectBin).toBe((before.journal.rejectBin ?? 0) + 1);
  }, 120_000);
});
