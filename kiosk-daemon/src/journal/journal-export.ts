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
  const end = new Date(`${to}T00:00:00.000Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  const transactions = await db
    .getRepository(JournalTransaction)
    .createQueryBuilder('t')
    .where('t.startedAt >= :from AND t.startedAt < :end', {
      from: `${from}T00:00:00.000Z`,
      end: end.toISOString(),
    })
    .orderBy('t.serial', 'ASC')
    .getMany();
  const out: ExportedTransaction[] = [];
  for (const transaction of transactions)
    out.push({ transaction, steps: await stepsOfTransaction(db, transaction.id) });
  return out;
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
