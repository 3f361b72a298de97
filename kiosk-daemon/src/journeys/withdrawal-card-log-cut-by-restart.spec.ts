/**
 * Fault: the kiosk restarts between a withdrawal's card-log intent and its outcome (ADR 0026):
 * before the APPEND RECORD reached the chip, or after the chip wrote it and before its done was
 * journaled. Boot never writes the record again (the PIN is gone with the restart, and a second
 * record is the one wrong outcome): with the card still inside it reads the chip's unprinted
 * counter (no PIN needed) against the count the intent journaled and journals what it found
 * (`card.logSettled`, after the restart); the card gone, it journals the record not known. A
 * restart after the chip refused the record (its log full) and before that was noted: not written,
 * never read from a counter that may say otherwise. An earlier boot's note stands. The virtual card kept in a folder (its chip outlives the restart), a
 * new reader after it, the real journal (SQLite in memory) and the session's real journey tools.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import {
  EmulatedCardReader,
  SecurePin,
  type CardReaderPort,
  type CardTransaction,
} from '@kiosk/device-drivers';
import { demoResident, ErrorCode, maskCardNumber } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { JournalService } from '../journal/journal.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { settleCardLogAtBoot } from './card-log-at-boot.js';
import { CARD_LOG_SETTLED, CARD_LOG_STEP, logWithdrawalOnCard } from './card-log-write.js';
import { journeyTools } from './journey-tools.js';

const PIN = () => SecurePin.fromKeys([...demoResident('zhang')!.cardPin].map(Number));
const config = {
  kiosk: { id: 'JZ-0001', timeZone: 'Asia/Shanghai' },
  card: { recordsUntilPrintRequired: 60 },
} as KioskConfig;
const quiet = { warn: () => undefined };

let dir: string;
let db: DataSource;
let journal: JournalService;
let readers: EmulatedCardReader[] = [];

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'card-log-cut-'));
  ({ db, journal } = await openMemoryJournal());
});
afterEach(async () => {
  for (const reader of readers) await reader.close();
  readers = [];
  await db.destroy();
  rmSync(dir, { recursive: true, force: true });
});

/** a reader on the kiosk's virtual cards (kept in `dir`), the card inside */
async function readerWithCard(): Promise<EmulatedCardReader> {
  const reader = new EmulatedCardReader({ today: new Date('2026-11-26'), cardDirectory: dir });
  readers.push(reader);
  await reader.open();
  await reader.insertCard('zhang');
  return reader;
}

/**
 * The withdrawal's record journaled and the kiosk killed inside the act: `chipWrote` says whether
 * the chip took the record first. The act never answers (the process is gone).
 */
async function cutByRestart(chipWrote: boolean): Promise<string> {
  const reader = await readerWithCard();
  const card = await reader.readCard();
  expect(await reader.verifyPin(PIN())).toEqual({ result: 'ok' });
  const tx = await journal.openTransaction('s-1', 'withdraw');
  const killed = Object.assign(Object.create(reader) as CardReaderPort, {
    logTransaction: async (entry: CardTransaction) => {
      if (chipWrote) await reader.logTransaction(entry);
      return new Promise<void>(() => undefined);
    },
  });
  const tools = journeyTools(
    journal,
    tx,
    () => 'en',
    () => card,
  );
  void logWithdrawalOnCard({ cardReader: killed, config }, { card }, tools, 30_000);
  await eventually(
    async () => (await journal.stepsOf(tx)).some((s) => s.step === CARD_LOG_STEP),
    'the record’s intent journaled',
    { withinMs: 5_000 },
  );
  if (chipWrote) {
    await eventually(async () => (await reader.readCard()).recordsUnprinted, 'the chip’s record', {
      withinMs: 5_000,
      until: (n) => n === 2,
    });
  }
  await reader.close();
  return tx;
}

async function chipAfter(reader: EmulatedCardReader) {
  expect(await reader.verifyPin(PIN())).toEqual({ result: 'ok' });
  const log = await reader.readTransactions();
  return {
    withdrawals: log.filter((r) => r.kind === 'W').length,
    unprinted: (await reader.readCard()).recordsUnprinted,
  };
}

const settled = async (tx: string) =>
  (await journal.stepsOf(tx))
    .filter((s) => s.step === CARD_LOG_SETTLED)
    .map((s) => JSON.parse(s.detail ?? 'null') as unknown);

describe('a restart between the withdrawal’s card-log intent and its outcome', () => {
  it('before the chip wrote: boot reads the counter unchanged, journals the record not written, writes nothing', async () => {
    const tx = await cutByRestart(false);
    const reader = await readerWithCard();

    await expect(
      settleCardLogAtBoot(journal, reader, tx, await journal.stepsOf(tx), true, quiet),
    ).resolves.toBe(false);

    expect(await settled(tx)).toEqual([{ written: false, after: 'restart', seen: 'counter' }]);
    expect(await chipAfter(reader)).toEqual({ withdrawals: 0, unprinted: 1 });
  });

  it('after the chip wrote: boot reads the counter one up, journals the record written, never writes it twice', async () => {
    const tx = await cutByRestart(true);
    const reader = await readerWithCard();

    await expect(
      settleCardLogAtBoot(journal, reader, tx, await journal.stepsOf(tx), true, quiet),
    ).resolves.toBe(true);

    expect(await settled(tx)).toEqual([{ written: true, after: 'restart', seen: 'counter' }]);
    expect(await chipAfter(reader)).toEqual({ withdrawals: 1, unprinted: 2 });
  });

  it('the card gone at boot: journals the record not known, and an earlier boot’s note stands', async () => {
    const tx = await cutByRestart(true);
    const reader = await readerWithCard();
    await reader.pullCard();

    await expect(
      settleCardLogAtBoot(journal, reader, tx, await journal.stepsOf(tx), false, quiet),
    ).resolves.toBe('unknown');
    await expect(
      settleCardLogAtBoot(journal, reader, tx, await journal.stepsOf(tx), false, quiet),
    ).resolves.toBeUndefined();

    expect(await settled(tx)).toEqual([{ written: 'unknown', after: 'restart', seen: 'cardGone' }]);
  });

  it('after the chip refused it, its log full, before that was noted: the record not written, whatever the counter reads', async () => {
    const reader = await readerWithCard();
    const card = await reader.readCard();
    const tx = await journal.openTransaction('s-1', 'withdraw');
    // the session counted one record fewer than the chip: the counter one up is not this record
    await journal.recordStep(tx, CARD_LOG_STEP, 'intent', {
      card: maskCardNumber(card.cardNumber),
      unprintedBefore: (card.recordsUnprinted ?? 0) - 1,
    });
    await journal.recordStep(tx, CARD_LOG_STEP, 'failed', { code: ErrorCode.CARD_RECORDS_PRINT_REQUIRED });

    await expect(
      settleCardLogAtBoot(journal, reader, tx, await journal.stepsOf(tx), true, quiet),
    ).resolves.toBe(false);

    expect(await settled(tx)).toEqual([{ written: false, after: 'restart', seen: 'chipRefused' }]);
  });

  it('a record the chip answered done: nothing to settle at boot', async () => {
    const reader = await readerWithCard();
    const tx = await journal.openTransaction('s-1', 'withdraw');
    await journal.recordStep(tx, CARD_LOG_STEP, 'intent', { unprintedBefore: 1 });
    await journal.recordStep(tx, CARD_LOG_STEP, 'done');

    await expect(
      settleCardLogAtBoot(journal, reader, tx, await journal.stepsOf(tx), true, quiet),
    ).resolves.toBeUndefined();
    expect(await settled(tx)).toEqual([]);
  });
});
