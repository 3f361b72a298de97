/**
 * Fault: a full card number handed to `setMaskedCardNumber`. The journal wrote whatever it was
 * given into the transaction's row, so a caller that forgot to mask (or masked otherwise, first 6
 * and last 4) put a card number at rest in plain text. Now only a number masked by the one rule
 * (first 3 and last 3, `maskCardNumber`) is taken; anything else is refused JOURNAL_BAD_RECORD,
 * nothing written, and the refusal is logged without the value. A real SQLite file (WAL), its
 * bytes searched as the journal privacy e2e does.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { DEMO_RESIDENTS, ErrorCode, KioskError, maskCardNumber } from '@kiosk/domain';
import { Logger } from '@nestjs/common';
import { sqliteJournalOptions } from './journal.data-source.js';
import { JournalService } from './journal.service.js';
import { DataSource } from './typeorm-runtime.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
/** zhang's card number as some specs masked it: first 6 and last 4 */
const sixAndFour = `${zhang.cardNumber.slice(0, 6)}${'*'.repeat(zhang.cardNumber.length - 10)}${zhang.cardNumber.slice(-4)}`;

let dir: string;
let db: DataSource;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kiosk-unmasked-card-'));
});

afterEach(async () => {
  jest.restoreAllMocks();
  if (db.isInitialized) await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const path = () => join(dir, 'journal.sqlite');

async function journalOnFile(): Promise<JournalService> {
  db = new DataSource(sqliteJournalOptions(path()));
  await db.initialize();
  const journal = new JournalService(db, {
    profile: 'test',
    kiosk: { id: 'JZ-0001' },
    journal: { path: path(), retentionDays: 30 },
  } as KioskConfig);
  await journal.onModuleInit();
  return journal;
}

/** Every file SQLite keeps for the journal (main file, WAL, shared memory), as bytes. */
function journalFiles(): Buffer[] {
  return [path(), `${path()}-wal`, `${path()}-shm`].filter((f) => existsSync(f)).map((f) => readFileSync(f));
}

/** The values found in the journal's files, searched as UTF-8 and as UTF-16 text. */
function foundInFiles(values: readonly string[]): string[] {
  const files = journalFiles();
  return values.filter((v) =>
    files.some(
      (bytes) => bytes.includes(Buffer.from(v, 'utf8')) || bytes.includes(Buffer.from(v, 'utf16le')),
    ),
  );
}

async function refusal(work: Promise<unknown>): Promise<KioskError> {
  try {
    await work;
  } catch (e) {
    if (e instanceof KioskError) return e;
    throw e;
  }
  throw new Error('expected the journal to refuse it');
}

async function maskedCardNumberOf(tx: string): Promise<string | null | undefined> {
  const rows: { maskedCardNumber: string | null }[] = await db.query(
    `SELECT "maskedCardNumber" FROM "journal_transaction" WHERE "id" = ?`,
    [tx],
  );
  return rows[0]?.maskedCardNumber;
}

describe('a card number not masked first 3 and last 3 handed to the journal', () => {
  it('a full card number handed to setMaskedCardNumber is refused and never reaches the journal file', async () => {
    const errors = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const journal = await journalOnFile();
    const tx = await journal.openTransaction('s1', 'balance');

    const refused = await refusal(journal.setMaskedCardNumber(tx, zhang.cardNumber));
    expect(refused.code).toBe(ErrorCode.JOURNAL_BAD_RECORD);
    // held for the next write (as the card read does): refused at once, not written with that write
    const held = await refusal(journal.setMaskedCardNumber(tx, zhang.cardNumber, { withNextWrite: true }));
    expect(held.code).toBe(ErrorCode.JOURNAL_BAD_RECORD);
    await journal.recordStep(tx, 'card.read', 'event');
    await journal.closeTransaction(tx, 'completed', null);

    expect(await maskedCardNumberOf(tx)).toBeNull();
    expect(foundInFiles([zhang.cardNumber])).toEqual([]);
    await db.destroy();
    // after the checkpoint too
    expect(foundInFiles([zhang.cardNumber])).toEqual([]);

    // neither the error nor the log carries the value; the log names the transaction
    for (const e of [refused, held]) {
      expect(`${e.message} ${JSON.stringify(e.details)}`).not.toContain(zhang.cardNumber);
      expect(e.details).toMatchObject({ transactionId: tx });
    }
    const logged = errors.mock.calls.map((call) => call.map(String).join(' '));
    expect(logged.filter((m) => m.includes(tx) && m.includes('refused'))).toHaveLength(2);
    expect(logged.join('\n')).not.toContain(zhang.cardNumber);
  });

  it('a card number masked first 6 and last 4 is refused too; the one rule is written and found in the file', async () => {
    jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const journal = await journalOnFile();
    const tx = await journal.openTransaction('s1', 'balance');

    expect((await refusal(journal.setMaskedCardNumber(tx, sixAndFour))).code).toBe(
      ErrorCode.JOURNAL_BAD_RECORD,
    );
    expect(await maskedCardNumberOf(tx)).toBeNull();

    const masked = maskCardNumber(zhang.cardNumber);
    expect(masked).toBe('H41******101');
    await journal.setMaskedCardNumber(tx, masked);
    expect(await maskedCardNumberOf(tx)).toBe(masked);
    // the search finds what is there, and nothing of the refused value
    expect(foundInFiles([masked, sixAndFour, zhang.cardNumber])).toEqual([masked]);
  });
});
