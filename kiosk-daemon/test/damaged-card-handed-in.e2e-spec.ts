/**
 * A damaged card handed in for its replacement (RULES.md "Issuing a card on the spot"), through
 * the real daemon over socket.io with the emulated card reader, the card printer emulator over TCP
 * and the embedded host: the resident says the card is damaged, puts it in the reader, the kiosk
 * refuses someone else's card and gives it back (retracted into the capture bin when it is left at
 * the slot past the take timeout), captures the resident's own into the capture bin (journaled
 * before and after), tells the host it was handed in, and makes the new card after the fee.
 */
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { daemonForSuite } from './daemon-for-suite.js';
import { lastTransactionClosed } from './journal-steps.js';

const resident = (key: string) => DEMO_RESIDENTS.find((r) => r.key === key)!;
const li = resident('li');
const zhang = resident('zhang');
const wang = resident('wang');

interface Step {
  step: string;
  phase: string;
  detail: string | null;
}

describe('a damaged card handed in at the kiosk, through the real daemon', () => {
  const suite = daemonForSuite([
    '--set',
    'card.damagedCardHandIn=true',
    '--set',
    'devices.cardPrinter.hopper=20',
    // the cards the test takes are taken within it on a loaded machine too (each within a
    // fraction of a second of its take step); the one left is retracted, its case waiting this
    // out: 4 s (8 s before)
    '--set',
    'timeouts.cardTakeMs=4000',
    // each journey's ended screen is waited out before the next; no test reads how long it stays
    // (5 s by default): 2 s
    '--set',
    'timeouts.endedViewMs=2000',
  ]);

  function lastTransaction(journey: string): {
    outcome: string | null;
    errorCode: string | null;
    steps: Step[];
  } {
    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      const tx = db
        .prepare(
          `SELECT id, outcome, errorCode FROM journal_transaction WHERE journey = ? ORDER BY serial DESC LIMIT 1`,
        )
        .get(journey) as { id: string; outcome: string | null; errorCode: string | null };
      const steps = db
        .prepare(`SELECT step, phase, detail FROM journal_step WHERE transactionId = ? ORDER BY seq`)
        .all(tx.id) as Step[];
      return { outcome: tx.outcome, errorCode: tx.errorCode, steps };
    } finally {
      db.close();
    }
  }
  const named = (steps: Step[]) => steps.map((s) => `${s.step}:${s.phase}`);

  /** the card reader's capture bin as the device counters last recorded it (what field staff reconcile) */
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

  /**
   * Waits until the device counters record the capture bin at `counted`: the feed writes a change
   * of the reader's counts in the background as it comes (device-counters-feed.ts), after the
   * session may have gone on or ended; waited for by each case that captures a card, so the next
   * case counts from it.
   */
  async function captureCounted(counted: number): Promise<void> {
    await eventually(capturedCounted, 'the capture counted in the device counters', {
      withinMs: 15_000,
      everyMs: 100,
      until: (now) => now === counted,
    });
  }

  async function reach(step: string, timeoutMs = 20_000): Promise<void> {
    const view = await suite.ui.waitForSession((v) => v?.step === step || v?.step === 'ended', timeoutMs);
    expect({ step: view?.step, error: view?.error?.code }).toEqual({ step, error: undefined });
  }

  async function damagedReplacementFor(idCardId: string): Promise<void> {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('replaceCard'));
    expect(await suite.ui.emit('session.start', { journey: 'replaceCard' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'placeIdCard');
    await suite.ui.emit('demo.idCard', { action: 'place', idCardId });
    await reach('replacementReason');
    expect(await suite.ui.emit('session.replacementReason', { reason: 'damaged' })).toEqual({ ok: true });
    await reach('insertOldCard');
  }

  const whereIs = async (cardId: string) =>
    (await suite.ui.waitForDemo(() => true)).cards.find((c) => c.cardId === cardId)?.location;

  it('fault: someone else’s card: refused with ID_MISMATCH and given back, never captured', async () => {
    await damagedReplacementFor(li.key);
    await suite.ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    const refused = await suite.ui.waitForSession(
      (v) => v?.step === 'takeCard' || v?.step === 'ended',
      20_000,
    );
    expect({ step: refused?.step, error: refused?.error?.code }).toEqual({
      step: 'takeCard',
      error: 'ID_MISMATCH',
    });
    expect(await whereIs(zhang.key)).toBe('atSlot');
    // the ended view stays 2 s: waited for from the take on
    const ended = await suite.ui.emitAndWaitForSession(
      'demo.card',
      { action: 'take' },
      (v) => v?.step === 'ended',
      15_000,
    );
    expect(ended?.error?.code).toBe('ID_MISMATCH');
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await suite.ui.waitForSession((v) => v === null, 15_000);
    const tx = lastTransaction('replaceCard');
    expect(named(tx.steps)).toContain('oldCard.return:done');
    expect(named(tx.steps)).not.toContain('oldCard.capture:intent');
    expect(named(tx.steps)).not.toContain('host.replacement:intent');
  }, 60_000);

  it('captures the holder’s damaged card, tells the host it was handed in, then makes the new card', async () => {
    const countedBefore = capturedCounted() ?? 0;
    await damagedReplacementFor(zhang.key);
    await suite.ui.emit('demo.card', { action: 'insert', cardId: zhang.key });
    await reach('payFee', 30_000);
    expect(await whereIs(zhang.key)).toBe('captured');
    // counted like every card the reader keeps: the device counters follow the capture bin
    await captureCounted(countedBefore + 1);
    expect(await suite.ui.emit('session.payFee', { method: 'account' })).toEqual({ ok: true });
    await reach('takeNewCard', 60_000);
    expect(await suite.ui.emit('demo.newCard', { action: 'take' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 15_000);

    // the outcome is written with the close, after the ended view: waited for, not raced
    await lastTransactionClosed(suite.daemon.journalPath, 'replaceCard');
    const tx = lastTransaction('replaceCard');
    expect(tx.outcome).toBe('completed');
    const order = named(tx.steps);
    // journaled before it acts: the capture, then the host told, then the fee and the card
    expect(order.indexOf('oldCard.capture:intent')).toBeLessThan(order.indexOf('oldCard.capture:done'));
    expect(order.indexOf('oldCard.capture:done')).toBeLessThan(order.indexOf('host.replacement:intent'));
    expect(order.indexOf('host.replacement:done')).toBeLessThan(order.indexOf('fee.account:intent'));
    expect(order).toContain('host.issued:done');
    const capture = tx.steps.find((s) => s.step === 'oldCard.capture' && s.phase === 'intent');
    expect(capture?.detail).toContain('"chip":"read"');
    expect(capture?.detail).toMatch(/"captureBin":\d+/);
    const told = tx.steps.find((s) => s.step === 'host.replacement' && s.phase === 'intent');
    expect(told?.detail).toContain('handedInDamaged');
    expect(JSON.stringify(tx.steps)).not.toContain(zhang.idNumber);
    expect(JSON.stringify(tx.steps)).not.toContain(zhang.cardNumber);
  }, 120_000);

  it('fault: chip unreadable: normal for a damaged card, captured all the same and the host told', async () => {
    const countedBefore = capturedCounted() ?? 0;
    await damagedReplacementFor(li.key);
    expect(await suite.ui.emit('demo.fault', { device: 'cardReader', fault: 'mute' })).toEqual({ ok: true });
    await suite.ui.emit('demo.card', { action: 'insert', cardId: li.key });
    await reach('payFee', 30_000);
    await suite.ui.emit('demo.fault', { device: 'cardReader', fault: null });
    expect(await whereIs(li.key)).toBe('captured');
    await captureCounted(countedBefore + 1);
    // the resident leaves at the fee: the card stays handed in, nothing charged or made
    await suite.ui.emit('session.command', { command: 'cancel' });
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 15_000);
    const tx = lastTransaction('replaceCard');
    const capture = tx.steps.find((s) => s.step === 'oldCard.capture' && s.phase === 'intent');
    expect(capture?.detail).toContain('"chip":"unreadable"');
    expect(named(tx.steps)).toEqual(
      expect.arrayContaining(['oldCard.capture:done', 'host.replacement:done']),
    );
    expect(named(tx.steps)).not.toContain('fee.account:intent');
  }, 60_000);

  it('fault: someone else’s card left at the slot is retracted after the take timeout', async () => {
    const countedBefore = capturedCounted() ?? 0;
    await damagedReplacementFor(li.key);
    await suite.ui.emit('demo.card', { action: 'insert', cardId: wang.key });
    const refused = await suite.ui.waitForSession(
      (v) => v?.step === 'takeCard' || v?.step === 'ended',
      20_000,
    );
    expect({ step: refused?.step, error: refused?.error?.code }).toEqual({
      step: 'takeCard',
      error: 'ID_MISMATCH',
    });
    expect(refused?.deadline).toBeDefined();
    // nobody takes it: after the take timeout (4 s here) the reader keeps it
    const ended = await suite.ui.waitForSession((v) => v?.step === 'ended', 20_000);
    expect({ outcome: ended?.outcome, error: ended?.error?.code }).toEqual({
      outcome: 'cardRetracted',
      error: 'CARD_NOT_TAKEN_RETRACTED',
    });
    expect(await whereIs(wang.key)).toBe('captured');
    await captureCounted(countedBefore + 1);
    await suite.ui.emit('demo.idCard', { action: 'remove' });
    await suite.ui.waitForSession((v) => v === null, 15_000);
    const order = named(lastTransaction('replaceCard').steps);
    // given back first, then retracted, journaled before and after; never captured as handed in
    expect(order.indexOf('oldCard.return:done')).toBeGreaterThanOrEqual(0);
    expect(order.indexOf('oldCard.return:done')).toBeLessThan(order.indexOf('card.retract:intent'));
    expect(order.indexOf('card.retract:intent')).toBeLessThan(order.indexOf('card.retract:done'));
    expect(order).not.toContain('oldCard.capture:intent');
    expect(order).not.toContain('host.replacement:intent');
  }, 60_000);
});
