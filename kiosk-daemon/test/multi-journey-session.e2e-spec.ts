/**
 * Several journeys in one session, one identification, until the card leaves the kiosk: balance,
 * then records without a second PIN, then two withdrawals. Each journey has a journal transaction
 * of its own (and so its own idempotency serial at the host): the second withdrawal is paid as
 * itself, not answered with the first one's replay.
 */
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonForSuite } from './daemon-for-suite.js';
import { lastTransactionClosed } from './journal-steps.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

interface TxRow {
  id: string;
  sessionId: string;
  journey: string;
  status: string;
  outcome: string | null;
}

describe('several journeys in one session', () => {
  // each journey's ended screen is waited out before the next; no test reads how long it stays
  // (5 s by default): 2 s
  const suite = daemonForSuite(['--set', 'timeouts.endedViewMs=2000']);

  async function withdraw(amountFen: number): Promise<number> {
    expect(await suite.ui.emit('session.start', { journey: 'withdraw' })).toEqual({ ok: true });
    const next = await suite.ui.waitForSession(
      (v) => v?.step === 'placeIdCard' || v?.step === 'chooseAmount',
    );
    if (next?.step === 'placeIdCard')
      await suite.ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
    await suite.ui.waitForSession((v) => v?.step === 'chooseAmount');
    expect(await suite.ui.emit('session.amount', { amountFen })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'takeCash');
    const atSlot = await suite.ui.waitForDemo((d) => d.cash?.atSlot === true);
    const paid = atSlot.cash?.amountFen ?? 0;
    await suite.ui.emit('demo.cash', { action: 'take' });
    await suite.ui.waitForSession((v) => v?.step === 'cashWithdrawn' || v?.step === 'chooseJourney');
    if (suite.ui.session?.step === 'cashWithdrawn') {
      await suite.ui.emit('session.command', { command: 'finish' });
      await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');
    }
    return paid;
  }

  it('balance, records and two withdrawals with one card and one PIN, each journey journaled on its own', async () => {
    await suite.ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'));
    await suite.ui.startWithCardAndPin('balance', li.key, li.cardPin);
    const balance = await suite.ui.waitForSession((v) => v?.step === 'showBalance');
    const sessionId = balance!.sessionId;

    // records next: no card read and no PIN again
    const steps: string[] = [];
    const onView = (v: { step: string } | null) => {
      if (v) steps.push(v.step);
    };
    suite.ui.socket.on('session.view', onView);
    expect(await suite.ui.emit('session.start', { journey: 'records' })).toEqual({ ok: true });
    const records = await suite.ui.waitForSession((v) => v?.step === 'showRecords');
    expect(records?.sessionId).toBe(sessionId);
    expect(steps).not.toContain('enterPin');
    expect(steps).not.toContain('insertCard');
    suite.ui.socket.off('session.view', onView);
    await suite.ui.emit('session.command', { command: 'finish' });
    await suite.ui.waitForSession((v) => v?.step === 'chooseJourney');

    // two withdrawals, each paid as asked
    expect(await withdraw(20_000)).toBe(20_000);
    expect(await withdraw(10_000)).toBe(10_000);

    const ended = await suite.ui.finishAndTakeCard();
    expect(ended?.sessionId).toBe(sessionId);
    await suite.ui.emit('demo.idCard', { action: 'remove' });

    // the ended view goes out before the last journey's close reaches the journal: waited for
    await lastTransactionClosed(suite.daemon.journalPath, 'withdraw');
    const db = new Database(suite.daemon.journalPath, { readonly: true });
    try {
      const rows = db
        .prepare('SELECT id, sessionId, journey, status, outcome FROM journal_transaction ORDER BY serial')
        .all() as TxRow[];
      const mine = rows.filter((r) => r.sessionId === sessionId);
      expect(mine.map((r) => r.journey)).toEqual(['balance', 'records', 'withdraw', 'withdraw']);
      expect(new Set(mine.map((r) => r.id)).size).toBe(4);
      expect(mine.every((r) => r.status === 'closed' && r.outcome === 'completed')).toBe(true);
      const confirmed = db
        .prepare(
          `SELECT t.id FROM journal_step s JOIN journal_transaction t ON t.id = s.transactionId
           WHERE t.sessionId = ? AND s.step = 'withdrawal.confirm' AND s.phase = 'done'`,
        )
        .all(sessionId) as { id: string }[];
      expect(confirmed.map((c) => c.id)).toEqual(
        mine.filter((r) => r.journey === 'withdraw').map((r) => r.id),
      );
    } finally {
      db.close();
    }
  }, 120_000);

  it('a journey asked for while one is running is still refused with SESSION_BUSY', async () => {
    await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 10_000).catch(() => undefined);
    // the last screen stays 2 s: the next journey starts once the kiosk is home again
    await suite.ui.waitForSession((v) => v === null, 20_000);
    expect(await suite.ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
    await suite.ui.waitForSession((v) => v?.step === 'insertCard');
    await suite.ui.emit('demo.card', { action: 'insert', cardId: li.key });
    await suite.ui.waitForSession((v) => v?.step === 'enterPin');
    expect(await suite.ui.emit('session.start', { journey: 'withdraw' })).toMatchObject({
      ok: false,
      error: { code: 'SESSION_BUSY' },
    });
    expect(suite.ui.session?.journey).toBe('balance');
    await suite.ui.emit('session.command', { command: 'cancel' });
    await suite.ui.waitForSession((v) => v?.step === 'takeCard');
    await suite.ui.emit('demo.card', { action: 'take' });
    await suite.ui.waitForSession((v) => v?.step === 'ended');
  }, 60_000);
});
