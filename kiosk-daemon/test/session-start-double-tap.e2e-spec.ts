/**
 * Fault: two session starts in one moment (a double tap on a journey button, or a second screen).
 * Both passed the busy check before either had its transaction (the journal's write is awaited):
 * two session actors on the same devices, the first one's transaction left open and its actor
 * orphaned. On both journal stores one start must win and the other be refused SESSION_BUSY,
 * with one transaction opened.
 */
import { daemonForSuite } from './daemon-for-suite.js';
import { journalForSuite, onPostgres, sqliteStore, type JournalStore } from './kill-harness-store.js';

function doubleTapSuite(store: JournalStore): void {
  const { dir, journal } = journalForSuite(store, 'kiosk-double-tap-');

  describe(`journal on ${store.name}`, () => {
    const suite = daemonForSuite(() => journal()?.args ?? [], { dir });
    const transactions = async (): Promise<number> =>
      (await journal()!.reader.all<{ id: string }>('SELECT "id" FROM "journal_transaction"')).length;

    it('two starts in one moment: one session and one transaction, the other start refused SESSION_BUSY', async () => {
      const before = await transactions();
      const acks = await Promise.all([
        suite.ui.emit('session.start', { journey: 'balance' }),
        suite.ui.emit('session.start', { journey: 'balance' }),
      ]);
      expect(acks).toContainEqual({ ok: true });
      expect(acks).toContainEqual(
        expect.objectContaining({ ok: false, error: expect.objectContaining({ code: 'SESSION_BUSY' }) }),
      );
      expect(await transactions()).toBe(before + 1);

      // the one session ends as asked, and the kiosk takes the next start
      expect(await suite.ui.emit('session.command', { command: 'cancel' })).toEqual({ ok: true });
      await suite.ui.waitForSession((v) => v === null || v.step === 'ended', 20_000);
      expect(await suite.ui.emit('session.start', { journey: 'balance' })).toEqual({ ok: true });
      expect(await transactions()).toBe(before + 2);
      expect(await suite.ui.emit('session.command', { command: 'cancel' })).toEqual({ ok: true });
    }, 60_000);
  });
}

describe('fault: two session starts in one moment (a double tap)', () => {
  describe('SQLite', () => doubleTapSuite(sqliteStore()));
  describe('PostgreSQL', () => onPostgres('double tap on PostgreSQL', doubleTapSuite));
});
