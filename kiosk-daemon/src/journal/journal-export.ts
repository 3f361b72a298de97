/**
 * The electronic journal for auditors: every transaction that started in a date range with its
 * steps, as JSON Lines (one transaction per line) or CSV (one step per row). Only what the
 * journal holds is exported, and it holds no PIN and no unmasked personal data.
 */
import { z } from 'zod';
import { JournalStep } from './journal-step.entity.js';
import { JournalTransaction } from './journal-transaction.entity.js';
import type { DataSource } from './typeorm-runtime.js';

const day = z.iso.date({ error: 'expected a date YYYY-MM-DD' });

export const JournalExportQuery = z
  .strictObject({
    from: day,
    to: day,
    format: z.enum(['jsonl', 'csv']).default('jsonl'),
  })
  .refine((q) => q.from <= q.to, { error: 'from must not be after to', path: ['to'] });
export type JournalExportQuery = z.infer<typeof JournalExportQuery>;

export interface ExportedTransaction {
  readonly transaction: JournalTransaction;
  readonly steps: readonly JournalStep[];
}

/** Every transaction started from `from` to `to` (whole days, UTC) with its steps, serial order. */
export async function transactionsStartedBetween(
  db: DataSource,
  from: string,
  to: string,
): Promise<ExportedTransaction[]> {
  const out: ExportedTransaction[] = [];
  for await (const row of transactionsStartedIn(db, `${from}T00:00:00.000Z`, `${to}T23:59:59.999Z`))
    out.push(row);
  return out;
}

/** how many transactions `transactionsStartedIn` reads at a time (their steps one transaction at a time) */
export const EXPORT_PAGE_TRANSACTIONS = 50;

/**
 * Every transaction started from `from` to `to` (instants, ISO UTC, both included), in serial
 * order with its steps, read a page of transactions at a time as the reader asks for them: a reader
 * that stops (a bound reached) reads nothing further.
 */
export async function* transactionsStartedIn(
  db: DataSource,
  from: string,
  to: string,
): AsyncGenerator<ExportedTransaction, void, undefined> {
  for (let after = 0; ;) {
    const page = await db
      .getRepository(JournalTransaction)
      .createQueryBuilder('t')
      .where('t.startedAt >= :from AND t.startedAt <= :to AND t.serial > :after', { from, to, after })
      .orderBy('t.serial', 'ASC')
      .limit(EXPORT_PAGE_TRANSACTIONS)
      .getMany();
    for (const transaction of page)
      yield { transaction, steps: await stepsOfTransaction(db, transaction.id) };
    if (page.length < EXPORT_PAGE_TRANSACTIONS) return;
    after = page[page.length - 1]!.serial;
  }
}

/** A transaction's steps, in step order. */
export function stepsOfTransaction(db: DataSource, transactionId: string): Promise<JournalStep[]> {
  return db.getRepository(JournalStep).find({ where: { transactionId }, order: { seq: 'ASC' } });
}

/**
 * A step's detail as JSON; one that does not read (a torn write, a hand-edited file) is exported
 * as the text the journal holds, marked, so one bad row neither fails the export nor is hidden.
 */
function detailOf(step: JournalStep): { detail: unknown; unreadableDetail?: string } {
  if (!step.detail) return { detail: null };
  try {
    return { detail: JSON.parse(step.detail) as unknown };
  } catch {
    return { detail: null, unreadableDetail: step.detail };
  }
}

export function toJsonLines(rows: readonly ExportedTransaction[]): string {
  return rows
    .map(({ transaction: t, steps }) =>
      JSON.stringify({
        ...t,
        steps: steps.map((s) => ({ seq: s.seq, step: s.step, phase: s.phase, at: s.at, ...detailOf(s) })),
      }),
    )
    .map((line) => `${line}\n`)
    .join('');
}

const CSV_COLUMNS = [
  'transactionId',
  'kioskId',
  'serial',
  'journey',
  'status',
  'outcome',
  'errorCode',
  'maskedCardNumber',
  'startedAt',
  'endedAt',
  'seq',
  'step',
  'phase',
  'at',
  'detail',
] as const;

function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  // quote what needs it; a leading = + - @ is neutralised so a spreadsheet never runs it
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(rows: readonly ExportedTransaction[]): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const { transaction: t, steps } of rows) {
    const head = [
      t.id,
      t.kioskId,
      t.serial,
      t.journey,
      t.status,
      t.outcome,
      t.errorCode,
      t.maskedCardNumber,
      t.startedAt,
      t.endedAt,
    ];
    if (steps.length === 0) lines.push([...head, '', '', '', '', ''].map(csvField).join(','));
    for (const s of steps)
      lines.push([...head, s.seq, s.step, s.phase, s.at, s.detail].map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
