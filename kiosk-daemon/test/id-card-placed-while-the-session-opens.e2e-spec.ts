/**
 * Fault: an ID card laid on the reader while a session's transaction was being opened counted as
 * placed while the kiosk was idle (docs/adr/0019). The daemon took note of the cards lying there
 * at the start (`sessionStarted`) before it opened the session's transaction, and counted a card
 * placed as one made while a session runs only once the session's actor ran: a card laid there in
 * between was neither lying there at the start nor placed while a session ran. Left through that
 * session (a balance query never reads it), it was read for the next resident: a placement
 * outlived its one session. Now the cards lying there are noted once the transaction is open, the
 * session's actor made in the same turn: a card laid there while it opened lay there at the start.
 *
 * The real daemon, its GA 467 driver against the byte-level emulator on a pseudo terminal, its
 * journal on PostgreSQL (its driver is asynchronous: the daemon goes on while a write waits): the
 * spec holds the transactions table locked, so the transaction's opening waits while the card is
 * laid there and the reader polled.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { DataSource } from 'typeorm';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { journalForSuite, onPostgres } from './kill-harness-store.js';
import { writeSerialProfile, type SerialProfile } from './serial-devices-config.js';
import { UiClient } from './ui-client.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
/**
 * the driver's looks at the pad (it looks every 200 ms) for a card lying there, one that must not
 * be read, to be read if the daemon took it for one placed for the session
 */
const SOME_LOOKS = 5;
/** looks after a card is placed: the driver has taken it in (it looks once answered) */
const SEEN = 2;

describe('fault: an ID card placed while the session opens', () => {
  onPostgres('id-card-placed-while-the-session-opens', (store) => {
    const { dir, journal } = journalForSuite(store, 'kiosk-id-opening-');
    let profile: SerialProfile;
    let daemon: DaemonProcess;
    let ui: UiClient;
    let locker: DataSource;

    beforeAll(async () => {
      profile = writeSerialProfile({ endedViewMs: 300 });
      const args = journal()!.args;
      daemon = await startDaemon([...profile.args, ...args], { dir });
      ui = new UiClient(daemon.url);
      ui.liftsIdCard = false;
      await ui.connected();
      const url = args.find((a) => a.startsWith('journal.url='))!.slice('journal.url='.length);
      // one connection holds the lock, the other sees who waits for it
      locker = new DataSource({ type: 'postgres', url, extra: { max: 2 } });
      await locker.initialize();
    }, 60_000);

    afterAll(async () => {
      if (locker?.isInitialized) await locker.destroy();
      ui?.close();
      if (daemon) await daemon.stop();
      profile?.remove();
    });

    it('id-card-placed-while-the-session-opens: left through that session, it is not read for the next resident', async () => {
      // the transactions table held: the session's transaction waits to be opened
      const held = locker.createQueryRunner();
      await held.connect();
      await held.startTransaction();
      await held.query('LOCK TABLE "journal_transaction" IN EXCLUSIVE MODE');
      let started: Promise<unknown>;
      try {
        started = ui.emit('session.start', { journey: 'balance' }, 15_000);
        // the daemon's opening of the session's transaction waits for the lock
        await eventually(
          async () =>
            (
              await locker.query<{ n: number }[]>(
                `SELECT count(*)::int AS n FROM pg_locks WHERE NOT granted AND relation = 'journal_transaction'::regclass`,
              )
            )[0]?.n,
          'the transaction opening waits for the table',
          { withinMs: 10_000, until: (n) => (n ?? 0) >= 1 },
        );
        // meanwhile the resident lays their ID card on the pad, and the reader sees it
        await ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
        await ui.waitForDemo((d) => d?.idCards?.some((c) => c.location !== 'outside') === true);
        await ui.idReaderLooks(SEEN);
      } finally {
        await held.commitTransaction();
        await held.release();
      }
      expect(await started).toEqual({ ok: true });
      // a balance query: the ID card is never read; the resident walks away from it
      await ui.waitForSession((v) => v?.step === 'insertCard');
      await ui.emit('session.command', { command: 'cancel' });
      await ui.waitForSession((v) => v === null, 10_000);

      // the next resident: the card that lay there through a whole session is not read for them
      expect(await ui.emit('session.start', { journey: 'reportLoss' })).toEqual({ ok: true });
      await ui.waitForSession((v) => v?.step === 'placeIdCard');
      expect(await ui.idReaderLooks(SOME_LOOKS)).toEqual({ reads: 0 });
      expect(ui.session?.step).toBe('placeIdCard');
      await ui.emit('session.command', { command: 'cancel' });
      await ui.waitForSession((v) => v === null, 10_000);
    }, 60_000);
  });
});
