import { JournalExportQuery, toCsv, toJsonLines, type ExportedTransaction } from './journal-export.js';
import type { JournalStep } from './journal-step.entity.js';
import type { JournalTransaction } from './journal-transaction.entity.js';

const tx = {
  id: 'JZ-0001-000007',
  kioskId: 'JZ-0001',
  serial: 7,
  sessionId: 's-1',
  journey: 'balance',
  status: 'closed',
  outcome: 'completed',
  errorCode: null,
  maskedCardNumber: 'H41******101',
  startedAt: '2026-11-26T08:00:00.000Z',
  endedAt: '2026-11-26T08:01:00.000Z',
} as JournalTransaction;
const steps = [
  {
    id: 1,
    transactionId: tx.id,
    seq: 1,
    step: 'card.read',
    phase: 'event',
    at: '2026-11-26T08:00:05.000Z',
    detail: '{"card":"H41******101"}',
  },
  {
    id: 2,
    transactionId: tx.id,
    seq: 2,
    step: 'card.eject',
    phase: 'intent',
    at: '2026-11-26T08:00:50.000Z',
    detail: null,
  },
] as JournalStep[];
const rows: ExportedTransaction[] = [{ transaction: tx, steps }];

describe('auditors export of the journal', () => {
  it('writes one JSON line per transaction with its steps', () => {
    const lines = toJsonLines(rows).trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    const parsed = JSON.parse(lines[0]!) as { id: string; steps: { step: string; detail: unknown }[] };
    expect(parsed.id).toBe(tx.id);
    expect(parsed.steps.map((s) => s.step)).toEqual(['card.read', 'card.eject']);
    expect(parsed.steps[0]!.detail).toEqual({ card: 'H41******101' });
  });

  it('a step detail that does not read (torn write): exported as the text the journal holds, the rest as usual', () => {
    const torn = { ...steps[0]!, detail: '{"card":"H41***' } as JournalStep;
    const lines = toJsonLines([{ transaction: tx, steps: [torn, steps[1]!] }])
      .trimEnd()
      .split('\n');
    const parsed = JSON.parse(lines[0]!) as { steps: { detail: unknown; unreadableDetail?: string }[] };
    expect(parsed.steps[0]).toMatchObject({ detail: null, unreadableDetail: '{"card":"H41***' });
    expect(parsed.steps[1]).toMatchObject({ detail: null });
    expect(parsed.steps[1]).not.toHaveProperty('unreadableDetail');
  });

  it('writes one CSV row per step, quoting JSON details', () => {
    const csv = toCsv(rows).split('\r\n');
    expect(csv[0]).toBe(
      'transactionId,kioskId,serial,journey,status,outcome,errorCode,maskedCardNumber,startedAt,endedAt,seq,step,phase,at,detail',
    );
    expect(csv[1]).toContain(',1,card.read,event,2026-11-26T08:00:05.000Z,"{""card"":""H41******101""}"');
    expect(csv).toHaveLength(4); // header, two steps, final empty line
  });

  it('neutralises a field that a spreadsheet would run as a formula', () => {
    const evil = [{ transaction: { ...tx, outcome: '=HYPERLINK("x")' } as JournalTransaction, steps: [] }];
    expect(toCsv(evil)).toContain(`"'=HYPERLINK(""x"")"`);
  });

  it('refuses a range whose end is before its start, and a malformed date', () => {
    expect(JournalExportQuery.safeParse({ from: '2026-11-27', to: '2026-11-26' }).success).toBe(false);
    expect(JournalExportQuery.safeParse({ from: '2026-13-01', to: '2026-12-01' }).success).toBe(false);
    expect(JournalExportQuery.parse({ from: '2026-11-01', to: '2026-11-30' }).format).toBe('jsonl');
  });
});
