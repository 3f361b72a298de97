/**
 * Fault: the key rotation command (`rotate-journal-key.js`, for a stopped kiosk) did not check
 * whether a daemon was running on the same journal. Run against a live daemon it re-sealed the
 * stored values and wrote the new key file while the daemon went on sealing with the old key in
 * its memory: personal data written afterwards did not read at the next start
 * (JOURNAL_KEY_MISSING). Now the daemon claims its journal from boot to stop (`journal-claim.ts`)
 * and the command, which claims it too, is refused while a daemon holds it (JOURNAL_IN_USE, exit
 * 75, nothing changed), as is a second daemon at boot. A claim dies with its process: a daemon
 * killed outright never blocks the command. On a SQLite file and on PostgreSQL.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { runDaemonToExit, startDaemon, type DaemonProcess } from './daemon-process.js';
import { journalStores, type JournalStore } from './journal-stores.js';
import { claimJournal, JOURNAL_ADVISORY_KEY } from '../src/journal/journal-claim.js';
import { JournalService } from '../src/journal/journal.service.js';
import { rotate } from './rotate-journal-key-command.js';

/** the `--set` pairs that put a daemon or the command on this journal */
function journalArgs(options: DataSourceOptions, keyFile: string): string[] {
  const on =
    options.type === 'postgres'
      ? ['--set', 'journal.driver=postgres', '--set', `journal.url=${options.url}`]
      : ['--set', `journal.path=${String(options.database)}`];
  return [...on, '--set', `journal.keyFile=${keyFile}`];
}

const stores = journalStores('rotating the key of a running daemon');

describe.each(stores)('the journal claimed by its daemon on %s', (name, makeStore) => {
  let store: JournalStore;
  let dir: string;
  let daemon: DaemonProcess | undefined;
  beforeAll(() => {
    store = makeStore();
  });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-claim-'));
  });
  afterEach(async () => {
    await daemon?.stop('SIGKILL');
    daemon = undefined;
    rmSync(dir, { recursive: true, force: true });
  });
  afterAll(() => store.close(), 30_000);

  /** a journal with one sealed value under `keyFile` (written before any daemon), and its id */
  async function seeded(keyFile: string) {
    const options = await store.fresh();
    const { db, journal } = await journalOn(options, keyFile);
    const tx = await journal.openTransaction('s1', 'issueCard');
    await journal.sealPersonalData(tx, 'cardNumber', '6214830012345678');
    const keyId = journal.keyId;
    await db.destroy();
    return { options, tx, keyId };
  }

  async function journalOn(options: DataSourceOptions, keyFile: string) {
    const db = new DataSource(options);
    await db.initialize();
    const journal = new JournalService(db, {
      profile: 'test',
      kiosk: { id: 'JZ-0001' },
      journal: { driver: 'sqlite', path: ':memory:', retentionDays: 30, keyFile },
    } as KioskConfig);
    await journal.onModuleInit();
    return { db, journal };
  }

  async function readsUnder(options: DataSourceOptions, keyFile: string, tx: string) {
    const { db, journal } = await journalOn(options, keyFile);
    try {
      return { keyId: journal.keyId, values: await journal.personalDataOf(tx) };
    } finally {
      await db.destroy();
    }
  }

  /**
   * The daemon still answers, stops cleanly (SIGTERM, exit 0), and its journal reads as seeded
   * under `keyFile`: the key it held.
   */
  async function runsOnThenStopsUnder(
    running: DaemonProcess,
    seed: { options: DataSourceOptions; tx: string; keyId: string },
    keyFile: string,
  ): Promise<void> {
    expect((await fetch(`${running.url}/health`)).status).toBeLessThan(500);

    expect(await running.stop('SIGTERM')).toBe(0);
    daemon = undefined;
    expect(await readsUnder(seed.options, keyFile, seed.tx)).toEqual({
      keyId: seed.keyId,
      values: { cardNumber: '6214830012345678' },
    });
  }

  const start = (options: DataSourceOptions, keyFile: string) =>
    startDaemon(journalArgs(options, keyFile), { dir });

  it("rotating the key of a running daemon's journal is refused", async () => {
    const keyFile = join(dir, 'journal.key');
    const newKeyFile = join(dir, 'new.key');
    const { options, tx, keyId } = await seeded(keyFile);
    daemon = await start(options, keyFile);

    const refused = await rotate([...journalArgs(options, keyFile), '--new-key-file', newKeyFile]);
    expect(refused.code).toBe(75);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain(`${ErrorCode.JOURNAL_IN_USE}: The journal is in use by kiosk-daemon`);
    expect(refused.stderr).toContain('Stop the kiosk daemon first');
    if (name === 'SQLite') expect(refused.stderr).toContain(`pid ${daemon.child.pid}`);
    expect(existsSync(newKeyFile)).toBe(false);
    // the daemon runs on, its journal under the key it holds
    await runsOnThenStopsUnder(daemon, { options, tx, keyId }, keyFile);
    // stopped, the daemon let go: the same command now rotates
    const done = await rotate([...journalArgs(options, keyFile), '--new-key-file', newKeyFile]);
    expect(done).toMatchObject({ code: 0 });
    expect(JSON.parse(done.stdout)).toMatchObject({ event: 'journalKeyRotated', from: keyId, resealed: 1 });
  }, 90_000);

  it('a claim left by a dead daemon does not block the command', async () => {
    const keyFile = join(dir, 'journal.key');
    const newKeyFile = join(dir, 'new.key');
    const { options, tx } = await seeded(keyFile);
    daemon = await start(options, keyFile);
    const pid = daemon.child.pid;
    if (name === 'PostgreSQL') expect(await claimHeldOn(options)).toBe(true);
    expect(await daemon.stop('SIGKILL')).toBeNull();
    daemon = undefined;
    if (name === 'SQLite') {
      // what the dead daemon left: its claim's files, naming its pid
      const note = JSON.parse(readFileSync(`${String(options.database)}-claim.json`, 'utf8')) as {
        pid: number;
      };
      expect(note).toMatchObject({ what: 'kiosk-daemon', pid });
    } else {
      // the server ends a killed daemon's session (and its lock) once it reads the closed socket
      await eventually(() => claimHeldOn(options), "the killed daemon's claim let go", {
        withinMs: 10_000,
        everyMs: 100,
        until: (held) => !held,
      });
    }

    const done = await rotate([...journalArgs(options, keyFile), '--new-key-file', newKeyFile]);
    expect(done.stderr).toBe('');
    expect(done.code).toBe(0);
    const { to } = JSON.parse(done.stdout) as { to: string };
    expect(await readsUnder(options, newKeyFile, tx)).toEqual({
      keyId: to,
      values: { cardNumber: '6214830012345678' },
    });
  }, 90_000);

  it('a second daemon on the same journal is refused at boot', async () => {
    const keyFile = join(dir, 'journal.key');
    const { options, tx, keyId } = await seeded(keyFile);
    daemon = await start(options, keyFile);

    const second = await runDaemonToExit(
      [
        '--profile',
        'test',
        '--set',
        'gateway.port=0',
        '--set',
        'host.embeddedPort=0',
        '--set',
        `journal.path=${join(dir, 'journal.sqlite')}`,
        ...journalArgs(options, keyFile),
      ],
      30_000,
    );
    expect(second.code).toBe(1);
    expect(second.stdout).not.toContain('"event":"ready"');
    expect(second.stderr).toContain(
      `boot failed: ${ErrorCode.JOURNAL_IN_USE}: The journal is in use by kiosk-daemon`,
    );
    expect(second.stderr).toContain('A second daemon on one journal is refused');
    await runsOnThenStopsUnder(daemon, { options, tx, keyId }, keyFile);
  }, 90_000);
});

// only where a PostgreSQL runs (journalStores says so when it does not; CI always has one)
const postgres = stores.filter(([name]) => name === 'PostgreSQL');
if (postgres.length > 0)
  describe.each(postgres)('the journal claim on %s', (_name, makeStore) => {
    let store: JournalStore;
    beforeAll(() => {
      store = makeStore();
    });
    afterAll(() => store.close(), 30_000);

    it('a claim whose session the server ended is taken again', async () => {
      const options = await store.fresh();
      const journal = {
        driver: 'postgres',
        url: String((options as { url: string }).url),
      } as KioskConfig['journal'];
      const claim = await claimJournal(journal, 'kiosk-daemon');
      try {
        expect(await claimHeldOn(options)).toBe(true);
        const admin = new DataSource({
          ...options,
          migrationsRun: false,
          extra: { max: 1 },
        } as DataSourceOptions);
        await admin.initialize();
        await admin.query(
          "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name LIKE 'kiosk-daemon%' AND datname = current_database()",
        );
        await admin.destroy();
        await eventually(() => claimHeldOn(options), 'the claim taken again on a new session', {
          withinMs: 10_000,
          everyMs: 100,
        });
        await expect(claimJournal(journal, 'rotate-journal-key')).rejects.toMatchObject({
          code: ErrorCode.JOURNAL_IN_USE,
        });
      } finally {
        await claim.release();
      }
      expect(await claimHeldOn(options)).toBe(false);
    }, 30_000);
  });

/** Whether a session holds the journal's advisory lock on this database (`journal-claim.ts`). */
async function claimHeldOn(options: DataSourceOptions): Promise<boolean> {
  return (await claimHolderOn(options)) !== undefined;
}

/** The server pid of the session holding the journal's advisory lock on this database. */
async function claimHolderOn(options: DataSourceOptions): Promise<number | undefined> {
  const db = new DataSource({ ...options, migrationsRun: false, extra: { max: 1 } } as DataSourceOptions);
  await db.initialize();
  try {
    const rows = (await db.query(
      `SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 1
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
          AND classid = $1::bigint::oid AND objid = $2::bigint::oid`,
      [(JOURNAL_ADVISORY_KEY >> 32n).toString(), (JOURNAL_ADVISORY_KEY & 0xffffffffn).toString()],
    )) as { pid: number }[];
    return rows[0]?.pid;
  } finally {
    await db.destroy();
  }
}
