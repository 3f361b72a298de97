/**
 * A card inserted with no session waiting for it (nobody chose a journey), through the real daemon
 * with the emulated card reader and its SQLite journal: handed straight back, journaled in a
 * `strayCard` transaction of its own; left at the slot past the take timeout, retracted into the
 * capture bin and counted; taken in time, nothing retracted.
 */
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { daemonForSuite } from './daemon-for-suite.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
/** the card at the slot is retracted after this (30 s in the test profile) */
const TAKE_MS = 5_000;

describe('a stray card returned at the slot, through the real daemon', () => {
  // the test's take must reach the daemon within the take timeout on a loaded machine too
  const suite = daemonForSuite(['--set', `timeouts.cardTakeMs=${TAKE_MS}`]);

  function strayTransactions(): { outcome: string | null; errorCode: string | null; steps: string[] }[] {
    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      const txs = db
        .prepare(
          `SELECT id, outcome, errorCode FROM journal_transaction WHERE journey = 'strayCard' ORDER BY serial`,
        )
        .all() as { id: string; outcome: string | null; errorCode: string | null }[];
      const steps = db.prepare(`SELECT step, phase FROM journal_step WHERE transactionId = ? ORDER BY seq`);
      return txs.map((tx) => ({
        outcome: tx.outcome,
        errorCode: tx.errorCode,
        steps: (steps.all(tx.id) as { step: string; phase: string }[]).map((s) => `${s.step}:${s.phase}`),
      }));
    } finally {
      db.close();
    }
  }

  function capturedCounted(): number | undefined {
    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      const row = db
        .prepare(`SELECT counters FROM device_counters WHERE kind = 'cardReader' ORDER BY id DESC LIMIT 1`)
        .get() as { counters: string } | undefined;
      return row ? (JSON.parse(row.counters) as { captureBin?: number }).captureBin : undefined;
    } finally {
      db.close();
    }
  }

  const whereIs = async (where: string) =>
    (
      await suite.ui.waitForDemo(
        (d) => d.cards.some((c) => c.cardId === zhang.key && c.location === where),
        15_000,
      )
    ).cards.find((c) => c.cardId === zhang.key)?.location;

  const closed = (count: number) =>
    eventually(strayTransactions, `${count} stray-card transactions closed`, {
      withinMs: 15_000,
      everyMs: 50,
      until: (txs) => txs.length >= count && txs.every((t) => t.outcome !== null),
    });

  it('stray card taken: nothing retracted', async () => {
    const before = strayTransactions().length;
    await suite.ui.waitForKiosk((k) => k.mode === 'inService');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    expect(await whereIs('atSlot')).toBe('atSlot');
    await suite.ui.emit('demo.card', { action: 'take' });
    expect(await whereIs('outside')).toBe('outside');
    const taken = (await closed(before + 1))[before];
    expect(taken).toMatchObject({ outcome: 'completed', errorCode: null });
    expect(taken?.steps.slice(0, 2)).toEqual(['card.eject:intent', 'card.eject:done']);
    expect(taken?.steps.some((s) => s.startsWith('card.retract'))).toBe(false);
  }, 30_000);

  it('stray card left at the slot is retracted after the take timeout', async () => {
    const countedBefore = capturedCounted() ?? 0;
    const before = strayTransactions().length;
    await suite.ui.waitForKiosk((k) => k.mode === 'inService');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    expect(await whereIs('atSlot')).toBe('atSlot');
    // retracted once the take timeout has passed
    expect(await whereIs('captured')).toBe('captured');
    const left = (await closed(before + 1))[before];
    expect(left).toMatchObject({ outcome: 'cardRetracted', errorCode: 'CARD_NOT_TAKEN_RETRACTED' });
    expect(left?.steps).toEqual([
      'card.eject:intent',
      'card.eject:done',
      'card.retract:intent',
      'card.retract:done',
    ]);
    // the device counters are written after the retract
    await eventually(capturedCounted, 'the capture counted in the device counters', {
      withinMs: 15_000,
      everyMs: 100,
      until: (counted) => counted === countedBefore + 1,
    });
  }, 30_000);
});
