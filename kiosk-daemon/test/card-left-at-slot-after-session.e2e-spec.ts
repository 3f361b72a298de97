/**
 * A card a session left at the slot, through the real daemon with the emulated card reader and
 * its SQLite journal. The fault: a session whose retract of a card not taken failed (here the
 * reader dropped offline for it) ended with the card at the slot (card.unaccounted, ADR 0016), and
 * the running kiosk left it there until someone took it; only boot recovery retracted a card lying
 * at the slot. Now the session's end has it waited for as a stray card is: retracted into the
 * capture bin after the take timeout, journaled in a `cardLeftAtSlot` transaction, and the card
 * journeys it held back (CARD_LEFT_IN_READER) are offered again.
 */
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { daemonForSuite } from './daemon-for-suite.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
/** the card at the slot is retracted after this (30 s in the test profile) */
const TAKE_MS = 4_000;

describe('a card a failed session left at the slot, through the real daemon', () => {
  const suite = daemonForSuite(['--set', `timeouts.cardTakeMs=${TAKE_MS}`]);

  function journal(journey: string): { outcome: string | null; steps: string[] }[] {
    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      const txs = db
        .prepare(`SELECT id, outcome FROM journal_transaction WHERE journey = ? ORDER BY serial`)
        .all(journey) as { id: string; outcome: string | null }[];
      const steps = db.prepare(`SELECT step, phase FROM journal_step WHERE transactionId = ? ORDER BY seq`);
      return txs.map((tx) => ({
        outcome: tx.outcome,
        steps: (steps.all(tx.id) as { step: string; phase: string }[]).map((s) => `${s.step}:${s.phase}`),
      }));
    } finally {
      db.close();
    }
  }

  const whereIs = async (where: string, ms = 15_000) =>
    (
      await suite.ui.waitForDemo(
        (d) => d.cards.some((c) => c.cardId === zhang.key && c.location === where),
        ms,
      )
    ).cards.find((c) => c.cardId === zhang.key)?.location;

  it('card left at the slot after a failed session is retracted after the take timeout, journaled', async () => {
    const { ui } = suite;
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
    expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'insertCard');
    expect(await ui.emit('demo.card', { action: 'insert', cardId: zhang.key })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'enterPin');
    await ui.emit('session.command', { command: 'cancel' });
    expect(await whereIs('atSlot')).toBe('atSlot');
    // the reader drops offline: the session's retract of the card not taken fails
    expect(await ui.emit('demo.fault', { device: 'cardReader', fault: 'offline' })).toEqual({ ok: true });
    const ended = await ui.waitForSession((v) => v?.step === 'ended', 20_000);
    expect(ended?.cardKeptForStaff).toBe(true);
    expect(await ui.emit('demo.fault', { device: 'cardReader', fault: null })).toEqual({ ok: true });
    const session = journal('balance').at(-1);
    expect(session?.steps).toContain('card.retract:failed');
    expect(session?.steps).toContain('card.unaccounted:event');

    // the running kiosk waits for it, then retracts it into the capture bin
    expect(await whereIs('captured', 20_000)).toBe('captured');
    // its outcome is journaled after the capture the panel shows (15 s, the specs' liveness bound)
    const left = await eventually(() => journal('cardLeftAtSlot'), "the left card's outcome journaled", {
      withinMs: 15_000,
      everyMs: 100,
      until: (found) => found.at(-1)?.outcome != null,
    });
    expect(left).toHaveLength(1);
    expect(left[0]).toEqual({
      outcome: 'cardRetracted',
      steps: ['recovery.slotCard:event', 'card.retract:intent', 'card.retract:done'],
    });
    await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
  }, 60_000);
});
