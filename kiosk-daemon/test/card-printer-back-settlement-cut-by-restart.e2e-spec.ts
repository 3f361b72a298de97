/**
 * A restart in the middle of the in-service settlement of a new card left at the slot: the card
 * printer dropped offline as the card waited at its slot, nobody took it (`card.leftAtSlot`), the
 * printer answered again and its comeback began retracting the card into the reject bin; the power
 * is cut as the printer has pulled it in, before the journal has the retract's outcome
 * (`journal.crashAt=before:recovery.card.reject:done`). The next boot's recovery carries it through
 * from the journal: the card in the bin, counted there once, reported abandoned once, never taken
 * for taken (the slot empty after the journey's failed retract) nor counted issued.
 *
 * The bundled daemon twice on one SQLite journal and one card printer emulator state, the host
 * simulator as an external host (the application outlives the restart).
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { startDaemon } from './daemon-process.js';
import { daemonStart } from './kill-harness-world.js';
import { journalRows, latestTransaction, startRecoveryWorld, type RecoveryWorld } from './recovery-world.js';
import { UiClient } from './ui-client.js';
import { startCardMaking } from './undecided-card-making.js';

const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!; // a new-card application waiting

describe('the settlement of a new card left at the slot cut short by a restart, through the bundled daemon', () => {
  let world: RecoveryWorld;

  beforeAll(async () => {
    world = await startRecoveryWorld({ dirPrefix: 'kiosk-printer-back-', cards: true });
  }, 30_000);

  afterAll(async () => {
    await world?.dispose();
  });

  const steps = (transactionId: string) =>
    journalRows<{ step: string; phase: string; detail: string | null }>(
      world.dir,
      `SELECT step, phase, detail FROM journal_step WHERE transactionId = ? ORDER BY seq`,
      transactionId,
    );
  const printerCounters = () => {
    const [row] = journalRows<{ counters: string }>(
      world.dir,
      `SELECT counters FROM device_counters WHERE kind = 'cardPrinter' ORDER BY id DESC LIMIT 1`,
    );
    return row ? (JSON.parse(row.counters) as { issued?: number; rejectBin?: number }) : {};
  };

  it('fault: power cut as the comeback pulled the card in: the next boot reports it abandoned once, in the bin once, never issued', async () => {
    const first = await startDaemon(
      [
        ...world.args,
        '--set',
        'timeouts.cardTakeMs=1500',
        '--set',
        'journal.crashAt=before:recovery.card.reject:done',
      ],
      daemonStart(world.dir),
    );
    const ui = new UiClient(first.url);
    let before: { issued?: number; rejectBin?: number };
    try {
      await startCardMaking(ui, wang.key);
      await ui.waitForSession((v) => v?.step === 'takeNewCard', 60_000);
      before = printerCounters();
      expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: 'offline' })).toEqual({ ok: true });
      await ui.waitForSession((v) => v?.step === 'ended', 30_000);
      await ui.emit('demo.idCard', { action: 'remove' });
      // the printer answers: its comeback settles the card, and the power is cut inside the retract
      expect(await ui.emit('demo.fault', { device: 'cardPrinter', fault: null })).toEqual({ ok: true });
      expect((await first.ended).signal).toBe('SIGKILL');
    } finally {
      ui.close();
    }
    const transactionId = latestTransaction(world.dir, 'issueCard');
    const cut = steps(transactionId).map((s) => `${s.step}:${s.phase}`);
    expect(cut).toEqual(
      expect.arrayContaining([
        'card.leftAtSlot:event',
        'recovery.cardPrinterBack:event',
        'recovery.card.reject:intent',
      ]),
    );
    expect(cut).not.toContain('recovery.card.reject:done');

    const second = await startDaemon(world.args, daemonStart(world.dir));
    const again = new UiClient(second.url);
    try {
      await again.connected();
      const placed = await again.waitForKiosk((k) => k.journeysOffered.includes('issueCard'), 30_000);
      expect(placed.mode).toBe('inService');
      const settled = steps(transactionId);
      const named = settled.map((s) => `${s.step}:${s.phase}`);
      expect(named).not.toContain('card.taken:event');
      const reports = settled.filter((s) => s.step === 'recovery.host.issued' && s.phase === 'intent');
      expect(reports).toHaveLength(1);
      expect(reports[0]?.detail).toContain('abandoned');
      expect(
        journalRows<{ status: string }>(
          world.dir,
          `SELECT status FROM journal_transaction WHERE id = ?`,
          transactionId,
        ),
      ).toEqual([{ status: 'closed' }]);
      const after = printerCounters();
      expect(after.issued ?? 0).toBe(before!.issued ?? 0);
      expect(after.rejectBin).toBe((before!.rejectBin ?? 0) + 1);
    } finally {
      again.close();
      expect(await second.stop()).toBe(0);
    }
  }, 180_000);
});
