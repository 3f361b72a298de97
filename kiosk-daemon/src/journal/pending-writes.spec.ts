import { ErrorCode, KioskError } from '@kiosk/domain';
import { openMemoryJournal } from './memory-journal.spec-support.js';

async function journalInMemory() {
  const { db, journal } = await openMemoryJournal();
  const transaction = async (id: string) => {
    const rows: { maskedCardNumber: string | null; status: string }[] = await db.query(
      `SELECT "maskedCardNumber", "status" FROM "journal_transaction" WHERE "id" = ?`,
      [id],
    );
    return rows[0]!;
  };
  const steps = async (id: string) => (await journal.stepsOf(id)).map((s) => `${s.seq}:${s.step}:${s.phase}`);
  return { db, journal, transaction, steps };
}

const withNextWrite = { withNextWrite: true } as const;

describe('JournalService, writes that wait for the next write of their transaction', () => {
  it('writes the masked card number and the sealed values with the card.read step, not before', async () => {
    const { db, journal, transaction, steps } = await journalInMemory();
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.setMaskedCardNumber(tx, 'H41******101', withNextWrite);
    await journal.sealPersonalData(tx, 'cardNumber', 'H41080200101', withNextWrite);
    await journal.sealPersonalData(tx, 'residentName', '张伟', withNextWrite);
    expect((await transaction(tx)).maskedCardNumber).toBeNull();
    expect(await journal.personalDataOf(tx)).toEqual({});

    await journal.recordStep(tx, 'card.read', 'event', { card: 'H41******101' });
    expect((await transaction(tx)).maskedCardNumber).toBe('H41******101');
    expect(await journal.personalDataOf(tx)).toEqual({ cardNumber: 'H41080200101', residentName: '张伟' });
    expect(await steps(tx)).toEqual(['1:card.read:event']);
    await db.destroy();
  });

  it("writes a card's eject done with the close, numbered in its place", async () => {
    const { db, journal, transaction, steps } = await journalInMemory();
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(tx, 'card.eject', 'intent');
    await journal.recordStep(tx, 'card.eject', 'done', undefined, new Date(), withNextWrite);
    expect(await steps(tx)).toEqual(['1:card.eject:intent']);
    await journal.closeTransaction(tx, 'completed', null);
    expect(await steps(tx)).toEqual(['1:card.eject:intent', '2:card.eject:done']);
    expect((await transaction(tx)).status).toBe('closed');
    await db.destroy();
  });

  it('keeps the writes of one transaction out of the commit of another', async () => {
    const { db, journal, transaction } = await journalInMemory();
    const a = await journal.openTransaction('s1', 'balance');
    const b = await journal.openTransaction('s2', 'balance');
    await journal.setMaskedCardNumber(a, 'H41******101', withNextWrite);
    await journal.recordStep(b, 'card.read', 'event');
    expect((await transaction(a)).maskedCardNumber).toBeNull();
    await db.destroy();
  });

  it('JOURNAL_WRITE_FAILED when the commit fails: nothing of it is written, and what waited waits on', async () => {
    const { db, journal, transaction, steps } = await journalInMemory();
    await db.query(
      `CREATE TRIGGER refuse BEFORE INSERT ON "journal_step" WHEN NEW."step" = 'disk.full'
       BEGIN SELECT RAISE(ABORT, 'no space'); END`,
    );
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.setMaskedCardNumber(tx, 'H41******101', withNextWrite);
    const failed = await journal.recordStep(tx, 'disk.full', 'event').catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(KioskError);
    expect((failed as KioskError).code).toBe(ErrorCode.JOURNAL_WRITE_FAILED);
    expect((await transaction(tx)).maskedCardNumber).toBeNull();
    expect(await steps(tx)).toEqual([]);

    await journal.recordStep(tx, 'card.read', 'event');
    expect((await transaction(tx)).maskedCardNumber).toBe('H41******101');
    await db.destroy();
  });

  it('writes what waits when the daemon stops gracefully', async () => {
    const { db, journal, steps } = await journalInMemory();
    const tx = await journal.openTransaction('s1', 'balance');
    await journal.recordStep(tx, 'card.eject', 'intent');
    await journal.recordStep(tx, 'card.eject', 'done', undefined, new Date(), withNextWrite);
    await journal.beforeApplicationShutdown();
    expect(await steps(tx)).toEqual(['1:card.eject:intent', '2:card.eject:done']);
    await db.destroy();
  });
});
