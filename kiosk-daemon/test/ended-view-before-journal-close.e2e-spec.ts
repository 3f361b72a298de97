/**
 * Fault: the `ended` session view went out to the touch screen before the journal closed the
 * session's transaction. The session actor's last snapshot scheduled the view at once, while the
 * sessions service settled the end (session-end.ts) detached: a screen told "ended" could start the
 * next resident's session while the last one's transaction was still open, and a crash in between
 * left the screen saying "ended" of a session the journal never closed. Journal first: the ended
 * view goes out once the close is written, and a start sent before it is refused SESSION_BUSY.
 *
 * The built daemon on PostgreSQL; the close is held at the server by a row lock another connection
 * takes on the session's transaction (the interleaving forced, not left to timing). Step inserts
 * are not held by it (FOR NO KEY UPDATE leaves their foreign-key check through); the close's
 * update is.
 *
 * The same hold reproduces a second fault: a next journey chosen at the balance while the close of
 * the balance's transaction was held, and the balance screen's step timing out meanwhile. The card
 * went back, the session ended, and only then did the switch open the new journey's transaction,
 * which nothing closed; and the card's steps (`card.eject`) went, as late writes, into the balance's
 * transaction, closed already (card-eject-journaled-into-closed-transaction-at-next-journey). Now
 * the new journey's transaction is the session's before the balance's closes: the card's steps go
 * to it, the journey chosen does not start (refused with the session's timeout) and the session's
 * end closes it after them, rejected; every transaction of the session is closed once.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { DataSource, type QueryRunner } from 'typeorm';
import { daemonForSuite } from './daemon-for-suite.js';
import { journalForSuite, onPostgres, type JournalStore } from './kill-harness-store.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const STEP_MS = 12_000;
const SHORT_STEP = ['--set', `timeouts.stepMs=${STEP_MS}`, '--set', 'timeouts.warnMs=8000'];

/** The transaction's row locked from another connection; the close's update waits for `unlock`. */
async function holdClose(url: string, transactionId: string) {
  const locker = new DataSource({ type: 'postgres', url, extra: { max: 2 } });
  await locker.initialize();
  const runner: QueryRunner = locker.createQueryRunner();
  await runner.startTransaction();
  await runner.query(`SELECT 1 FROM "journal_transaction" WHERE "id" = $1 FOR NO KEY UPDATE`, [
    transactionId,
  ]);
  return {
    /** until an update waits for the lock at the server: the daemon's close is under way */
    async closeWaits(): Promise<void> {
      for (;;) {
        const [row] = await locker.query<{ n: string }[]>(
          `SELECT count(*) AS "n" FROM pg_stat_activity WHERE "datname" = current_database() AND "wait_event_type" = 'Lock'`,
        );
        if (Number(row?.n) > 0) return;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async unlock(): Promise<void> {
      if (!locker.isInitialized) return;
      await runner.rollbackTransaction();
      await runner.release();
      await locker.destroy();
    },
  };
}

function endedViewSuite(store: JournalStore): void {
  const { dir, journal } = journalForSuite(store, 'kiosk-ended-view-');

  describe(`journal on ${store.name}`, () => {
    // a short step (the shortest the profile allows beside the host's timeout): the balance screen
    // times out while a journey's switch is held at the journal
    const suite = daemonForSuite(() => [...(journal()?.args ?? []), ...SHORT_STEP], { dir });
    const statusOf = async (id: string): Promise<string | undefined> =>
      (
        await journal()!.reader.all<{ status: string }>(
          `SELECT "status" FROM "journal_transaction" WHERE "id" = $1`,
          id,
        )
      )[0]?.status;
    const openTransactions = async (): Promise<string[]> =>
      (
        await journal()!.reader.all<{ id: string }>(
          `SELECT "id" FROM "journal_transaction" WHERE "status" = 'open'`,
        )
      ).map((t) => t.id);

    it('ended view shown before the journal closed the session: held until the close, a start meanwhile refused SESSION_BUSY', async () => {
      const { ui } = suite;
      const url = journal()!.args[3]!.replace(/^journal\.url=/, '');
      await ui.waitForKiosk((k) => k.journeysOffered.includes('balance'));
      await ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
      await ui.waitForSession((v) => v?.step === 'showBalance');
      const [tx, ...others] = await openTransactions();
      expect(others).toEqual([]);

      const held = await holdClose(url, tx!);
      try {
        await ui.emit('session.command', { command: 'finish' });
        await ui.waitForSession((v) => v?.step === 'takeCard');
        await ui.emit('demo.card', { action: 'take' });
        await held.closeWaits();
        // one round trip on the socket: whatever the daemon sent before it answers has arrived
        expect(await ui.emit('locale.set', { locale: 'zh-CN' })).toEqual({ ok: true });
        expect(await statusOf(tx!)).toBe('open');
        expect(ui.session?.step).not.toBe('ended');
        expect(
          ui.traffic.filter((t) => t.startsWith('session.view') && t.includes('"step":"ended"')),
        ).toEqual([]);

        // a client that starts the next session now (the screen would not: it shows no home yet)
        const early = await ui.emit('session.start', { journey: 'balance' });
        expect(early).toMatchObject({ ok: false, error: { code: 'SESSION_BUSY' } });
        expect(await openTransactions()).toEqual([tx]);
      } finally {
        await held.unlock();
      }

      const ended = await ui.waitForSession((v) => v?.step === 'ended');
      expect(ended?.outcome).toBe('completed');
      expect(await statusOf(tx!)).toBe('closed');
      // once closed, the next resident starts
      expect(await ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
      await ui.waitForSession((v) => v?.step === 'insertCard');
      expect(await ui.emit('session.command', { command: 'cancel' })).toEqual({ ok: true });
      await ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
    }, 60_000);

    it('fault: a screen timeout during the next journey’s journal switch left its transaction open', async () => {
      const { ui } = suite;
      const url = journal()!.args[3]!.replace(/^journal\.url=/, '');
      await ui.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
      const balance = await ui.waitForSession((v) => v?.step === 'showBalance');
      const [tx, ...others] = await openTransactions();
      expect(others).toEqual([]);

      // the records chosen at the balance: the close of the balance's transaction is held, and the
      // balance screen's step (the suite's stepMs) times out meanwhile: the card goes back
      const held = await holdClose(url, tx!);
      let next: Promise<unknown> = Promise.resolve();
      try {
        next = ui.emit('session.start', { journey: 'records' }, 45_000);
        await held.closeWaits();
        await ui.waitForSession((v) => v?.step === 'takeCard', STEP_MS + 15_000);
        await ui.emit('demo.card', { action: 'take' });
      } finally {
        await held.unlock();
      }
      await ui.waitForSession((v) => v?.step === 'ended', 20_000);
      // every transaction of the session closed, the balance once as it ended; the records', never
      // run, rejected, after the card's steps journaled into it while it was open
      await eventually(openTransactions, 'no transaction left open', {
        withinMs: 10_000,
        until: (open) => open.length === 0,
      });
      const rows = await journal()!.reader.all<{ journey: string; status: string; outcome: string }>(
        `SELECT "journey", "status", "outcome" FROM "journal_transaction" WHERE "sessionId" = $1 ORDER BY "serial"`,
        balance!.sessionId,
      );
      expect(rows).toEqual([
        { journey: 'balance', status: 'closed', outcome: 'completed' },
        { journey: 'records', status: 'closed', outcome: 'rejected' },
      ]);
      const cardSteps = await journal()!.reader.all<{ journey: string; step: string }>(
        `SELECT t."journey", s."step" || ':' || s."phase" AS "step" FROM "journal_step" s
         JOIN "journal_transaction" t ON t."id" = s."transactionId"
         WHERE t."sessionId" = $1 AND s."step" = 'card.eject' ORDER BY t."serial", s."seq"`,
        balance!.sessionId,
      );
      expect(cardSteps).toEqual([
        { journey: 'records', step: 'card.eject:intent' },
        { journey: 'records', step: 'card.eject:done' },
      ]);
      // the records never started: refused with why the session went on without them
      expect(await next).toMatchObject({ ok: false, error: { code: 'SESSION_TIMED_OUT' } });
    }, 90_000);
  });
}

describe('fault: the ended view goes out before the journal closes the session', () => {
  onPostgres('ended view before the journal close', endedViewSuite);
});
