/**
 * Fault: a sealed value held for its transaction's next write (`withNextWrite`: the card number,
 * name and ID number the card read keeps with its `card.read` step) was sealed when it was made,
 * under the key of that moment. A key rotation on the live kiosk before that next write re-sealed
 * every row in the store and dropped the old key; the held value was then written under the old
 * key, and read neither in this run (JOURNAL_KEY_MISSING) nor after a start with the new key file:
 * the personal data staff settlement and recovery need was lost, in a journal claiming to be
 * rotated. So was a value written while the rotation's transaction was under way, after it had
 * read the rows. Now a value is sealed when it is written, under the key then, and the journal's
 * writes wait for a rotation under way: every row reads after it, and none is under the old key.
 * On a SQLite file and on PostgreSQL (`journal-stores.ts`).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode } from '@kiosk/domain';
import { jest } from '@jest/globals';
import { DataSource, type DataSourceOptions, type EntityManager } from 'typeorm';
import { journalStores, type JournalStore } from './journal-stores.js';
import { JournalService } from '../src/journal/journal.service.js';

const stores = journalStores('held value across a key rotation');
const withNextWrite = { withNextWrite: true } as const;

describe.each(stores)('a sealed value and a key rotation on %s', (_name, makeStore) => {
  let store: JournalStore;
  let dir: string;
  const open: DataSource[] = [];
  beforeAll(() => {
    store = makeStore();
    dir = mkdtempSync(join(tmpdir(), 'kiosk-held-rotation-'));
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    for (const db of open.splice(0)) if (db.isInitialized) await db.destroy();
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  let keys = 0;
  const keyFile = (what: string) => join(dir, `${what}-${++keys}.key`);

  async function journalOn(options: DataSourceOptions, key: string) {
    const db = new DataSource(options);
    await db.initialize();
    open.push(db);
    const journal = new JournalService(db, {
      profile: 'test',
      kiosk: { id: 'JZ-0001' },
      journal: { driver: 'sqlite', path: ':memory:', retentionDays: 30, keyFile: key },
    } as KioskConfig);
    await journal.onModuleInit();
    return { db, journal };
  }

  /** 20 transactions with an ID number sealed in each: their ids. */
  async function sealTwentyIdNumbers(journal: JournalService): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const tx = await journal.openTransaction(`s${i}`, 'issueCard');
      await journal.sealPersonalData(tx, 'idNumber', `4108021980031513${String(i).padStart(2, '0')}`);
      ids.push(tx);
    }
    return ids;
  }

  const keyIdsIn = async (db: DataSource) =>
    ((await db.query('SELECT DISTINCT "keyId" FROM "journal_personal_data"')) as { keyId: string }[]).map(
      (r) => r.keyId,
    );

  it('a value held across a key rotation reads after it, under the new key, and after a start with the new key file', async () => {
    const options = await store.fresh();
    const { db, journal } = await journalOn(options, keyFile('old'));
    const earlier = await journal.openTransaction('s0', 'issueCard');
    await journal.sealPersonalData(earlier, 'idNumber', '41080219800315131X');
    const tx = await journal.openTransaction('s1', 'balance');
    // the card read: held for its card.read step
    await journal.sealPersonalData(tx, 'cardNumber', 'H41080200101', withNextWrite);
    await journal.sealPersonalData(tx, 'residentName', '张伟', withNextWrite);
    const oldKeyId = journal.keyId;

    const newKey = keyFile('new');
    // what is in the store is re-sealed; what is held is not in it yet
    expect(await journal.rotateKey(newKey)).toBe(1);
    await journal.recordStep(tx, 'card.read', 'event');

    expect(await journal.personalDataOf(tx)).toEqual({ cardNumber: 'H41080200101', residentName: '张伟' });
    expect(await keyIdsIn(db)).toEqual([journal.keyId]);
    expect(journal.keyId).not.toBe(oldKeyId);
    await db.destroy();

    const { journal: again } = await journalOn(options, newKey);
    expect(await again.personalDataOf(tx)).toEqual({ cardNumber: 'H41080200101', residentName: '张伟' });
    expect(await again.personalDataOf(earlier)).toEqual({ idNumber: '41080219800315131X' });
  });

  it('values written while a rotation is under way read after it, none under the old key', async () => {
    const options = await store.fresh();
    const { db, journal } = await journalOn(options, keyFile('old'));
    // enough rows that the rotation's transaction takes a while
    await sealTwentyIdNumbers(journal);
    const held = await journal.openTransaction('held', 'balance');
    await journal.sealPersonalData(held, 'cardNumber', 'H41080200101', withNextWrite);
    const during = await journal.openTransaction('during', 'issueCard');
    const oldKeyId = journal.keyId;

    const newKey = keyFile('new');
    let rotated = false;
    const rotating = journal.rotateKey(newKey).finally(() => {
      rotated = true;
    });
    // the kiosk goes on journaling while the field engineer rotates: the held value's next write,
    // and values sealed at once, one after the other until the rotation ends
    const writes: Promise<void>[] = [journal.recordStep(held, 'card.read', 'event')];
    let n = 0;
    while (!rotated) {
      n += 1;
      await journal.sealPersonalData(during, 'residentName', `张伟${n}`);
      // a turn of the event loop between two, as between a kiosk's journal writes
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all([rotating, ...writes]);

    expect(journal.keyId).not.toBe(oldKeyId);
    expect(await keyIdsIn(db)).toEqual([journal.keyId]);
    expect(await journal.personalDataOf(held)).toEqual({ cardNumber: 'H41080200101' });
    expect(await journal.personalDataOf(during)).toEqual({ residentName: `张伟${n}` });
    await db.destroy();

    const { journal: again } = await journalOn(options, newKey);
    expect(await again.personalDataOf(held)).toEqual({ cardNumber: 'H41080200101' });
    expect(await again.personalDataOf(during)).toEqual({ residentName: `张伟${n}` });
  });

  it('a value written after the rotation read the rows, before it ends, reads after it, under the new key', async () => {
    const options = await store.fresh();
    const { db, journal } = await journalOn(options, keyFile('old'));
    const earlier = await journal.openTransaction('s0', 'issueCard');
    await journal.sealPersonalData(earlier, 'idNumber', '41080219800315131X');
    const tx = await journal.openTransaction('s1', 'issueCard');
    // the moment the rotation has read the rows and begins writing them: the kiosk seals a name
    let sealed: Promise<void> | undefined;
    const transaction = db.transaction.bind(db) as (
      work: (m: EntityManager) => Promise<unknown>,
    ) => Promise<unknown>;
    jest.spyOn(db, 'transaction').mockImplementationOnce(((work: (m: EntityManager) => Promise<unknown>) => {
      sealed = journal.sealPersonalData(tx, 'residentName', '张伟');
      return transaction(work);
    }) as never);

    const newKey = keyFile('new');
    expect(await journal.rotateKey(newKey)).toBe(1);
    expect(sealed).toBeDefined();
    await sealed;

    expect(await keyIdsIn(db)).toEqual([journal.keyId]);
    expect(await journal.personalDataOf(tx)).toEqual({ residentName: '张伟' });
    await db.destroy();
    const { journal: again } = await journalOn(options, newKey);
    expect(await again.personalDataOf(tx)).toEqual({ residentName: '张伟' });
    expect(await again.personalDataOf(earlier)).toEqual({ idNumber: '41080219800315131X' });
  });

  it('personal data read while a rotation is under way opens, whichever key its row is under then', async () => {
    const options = await store.fresh();
    const { journal } = await journalOn(options, keyFile('old'));
    const ids = await sealTwentyIdNumbers(journal);
    let rotated = false;
    const rotating = journal.rotateKey(keyFile('new')).finally(() => {
      rotated = true;
    });
    // staff settlement reads a resident's data while the engineer rotates
    const reads: Promise<unknown>[] = [];
    for (let i = 0; !rotated; i = (i + 1) % ids.length) {
      const read = journal.personalDataOf(ids[i]!);
      reads.push(read);
      await read;
    }
    await rotating;
    const results = await Promise.all(reads);
    expect(results.every((r) => typeof (r as { idNumber?: string }).idNumber === 'string')).toBe(true);
  });

  it('a rotation refused (a value that does not open) changes nothing: the journal writes on under the old key', async () => {
    const options = await store.fresh();
    const { db, journal } = await journalOn(options, keyFile('old'));
    const broken = await journal.openTransaction('s0', 'issueCard');
    await journal.sealPersonalData(broken, 'residentName', '张伟');
    await db.query(`UPDATE "journal_personal_data" SET "sealed" = 'AAAA'`);
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.sealPersonalData(tx, 'cardNumber', 'H41080200101', withNextWrite);
    const oldKeyId = journal.keyId;

    await expect(journal.rotateKey(keyFile('new'))).rejects.toMatchObject({
      code: ErrorCode.JOURNAL_SEAL_BROKEN,
    });
    await journal.recordStep(tx, 'card.read', 'event');
    await journal.sealPersonalData(tx, 'idNumber', '41080219800315131X');

    expect(journal.keyId).toBe(oldKeyId);
    expect(await keyIdsIn(db)).toEqual([oldKeyId]);
    expect(await journal.personalDataOf(tx)).toEqual({
      cardNumber: 'H41080200101',
      idNumber: '41080219800315131X',
    });
  });

  it("a rotation refused takes no other writer's write with it", async () => {
    const options = await store.fresh();
    const { db, journal } = await journalOn(options, keyFile('old'));
    await sealTwentyIdNumbers(journal);
    // the last value does not open: the rotation is refused after reading the others
    await db.query(
      `UPDATE "journal_personal_data" SET "sealed" = 'AAAA' WHERE "id" = (SELECT MAX("id") FROM "journal_personal_data")`,
    );
    const other = await journal.openTransaction('other', 'maintenance');
    const insert =
      db.options.type === 'postgres'
        ? `INSERT INTO "journal_step" ("transactionId", "seq", "step", "phase", "at") VALUES ($1, $2, 'other.write', 'event', $3)`
        : `INSERT INTO "journal_step" ("transactionId", "seq", "step", "phase", "at") VALUES (?, ?, 'other.write', 'event', ?)`;

    let refused = false;
    const rotating = journal.rotateKey(keyFile('new')).catch((e: unknown) => {
      refused = true;
      return e;
    });
    // another writer on the same store (TypeORM, as the device counters and supply acts are)
    let written = 0;
    while (!refused) {
      await db.query(insert, [other, written + 1, new Date().toISOString()]);
      written += 1;
    }
    expect(await rotating).toMatchObject({ code: ErrorCode.JOURNAL_SEAL_BROKEN });

    const [row] = (await db.query(
      `SELECT COUNT(*) AS "n" FROM "journal_step" WHERE "transactionId" = '${other}'`,
    )) as {
      n: number | string;
    }[];
    expect(Number(row!.n)).toBe(written);
  });
});
