/**
 * Fault: a journal extract the operator asks for from the fleet (`uploadJournalExtract`) had no
 * bound on its range while it was read: the kiosk read every transaction of the range with its
 * steps into memory, then measured the extract and refused it past the contract's limit, so a range
 * of months (or a wide one on a busy kiosk) filled the kiosk's memory before the refusal. Now the
 * range is read a transaction at a time and measured as it is read: past the limit reading stops,
 * JOURNAL_EXTRACT_TOO_LARGE for the operator, nothing sent; a range within it goes whole.
 * Real journal (SQLite in memory, every query heard); the publisher stood in for.
 */
import { describe, expect, it, jest } from '@jest/globals';
import type { ModuleRef } from '@nestjs/core';
import { ErrorCode } from '@kiosk/domain';
import { MAX_JOURNAL_EXTRACT_BYTES, type Command } from '@kiosk/fleet-monitor/contract';
import { journalsHeard, type Query } from '../../journal/query-log.spec-support.js';
import type { JournalService } from '../../journal/journal.service.js';
import type { FleetPublisher } from '../mqtt/fleet-publisher.js';
import { JournalExtractUpload } from './journal-extract-upload.js';

const openJournal = journalsHeard();
/** about 20 kB of a transaction's line in the extract */
const NOTE = 'n'.repeat(20_000);
const TRANSACTIONS = 150; // some 3 MB of extract, three times the limit

type ExtractCommand = Extract<Command, { type: 'uploadJournalExtract' }>;

async function journalOfThreeMegabytes(journal: JournalService): Promise<void> {
  for (let i = 0; i < TRANSACTIONS; i += 1) {
    const at = new Date(Date.UTC(2026, 10, 1, 0, i));
    const id = await journal.openTransaction(`s-${i}`, 'balance', at);
    await journal.recordStep(id, 'balance.shown', 'event', { note: NOTE }, at);
  }
}

function extract(from: string, to: string): ExtractCommand {
  return {
    id: '6f1c8a53-6a4e-4f55-8f7e-2f4a1c2d9b10',
    kioskId: 'JZ-0001',
    issuedAt: '2026-11-02T00:00:00.000Z',
    issuedBy: 'zhang',
    type: 'uploadJournalExtract',
    from,
    to,
  };
}

async function uploadWorld() {
  const queries: Query[] = [];
  const { db, journal } = await openJournal(queries);
  await journalOfThreeMegabytes(journal);
  const publishJournalExtract = jest.fn<FleetPublisher['publishJournalExtract']>(async () => undefined);
  const moduleRef = { get: () => ({ publishJournalExtract }) } as unknown as ModuleRef;
  queries.length = 0;
  const stepsRead = () =>
    queries.filter((q) => /^SELECT/i.test(q.sql) && q.sql.includes('journal_step')).length;
  return { upload: new JournalExtractUpload(db, moduleRef), publishJournalExtract, stepsRead };
}

describe('journal extract range read whole', () => {
  it('a range past the limit: refused JOURNAL_EXTRACT_TOO_LARGE, read no further than the limit, nothing sent', async () => {
    const world = await uploadWorld();
    const outcome = await world.upload.upload(extract('2026-11-01T00:00:00Z', '2026-11-01T23:59:59Z'));
    expect(outcome).toEqual({ result: 'rejected', code: ErrorCode.JOURNAL_EXTRACT_TOO_LARGE });
    expect(world.publishJournalExtract).not.toHaveBeenCalled();
    // the transactions whose lines fill the limit (each over 20 kB), and the one that passes it: no more
    expect(world.stepsRead()).toBeLessThanOrEqual(Math.ceil(MAX_JOURNAL_EXTRACT_BYTES / NOTE.length));
  });

  it('a range within the limit: every transaction of it sent, each line read once', async () => {
    const world = await uploadWorld();
    const outcome = await world.upload.upload(extract('2026-11-01T00:10:00Z', '2026-11-01T00:19:00Z'));
    expect(outcome).toEqual({ result: 'done' });
    const [sent] = world.publishJournalExtract.mock.calls[0]!;
    expect(sent).toMatchObject({
      transactions: 10,
      from: '2026-11-01T00:10:00Z',
      to: '2026-11-01T00:19:00Z',
    });
    expect(
      sent.jsonl
        .trimEnd()
        .split('\n')
        .map((l) => (JSON.parse(l) as { sessionId: string }).sessionId),
    ).toEqual(Array.from({ length: 10 }, (_, i) => `s-${10 + i}`));
    expect(world.stepsRead()).toBe(10);
  });

  it('a range the wrong way round (a monitor of a release that sends one): refused TELEMETRY_COMMAND_MALFORMED, nothing read or sent', async () => {
    const world = await uploadWorld();
    const outcome = await world.upload.upload(extract('2026-11-01T00:19:00Z', '2026-11-01T00:10:00Z'));
    expect(outcome).toEqual({ result: 'rejected', code: ErrorCode.TELEMETRY_COMMAND_MALFORMED });
    expect(world.publishJournalExtract).not.toHaveBeenCalled();
    expect(world.stepsRead()).toBe(0);
  });
});
