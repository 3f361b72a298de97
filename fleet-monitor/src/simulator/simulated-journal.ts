/**
 * A virtual kiosk's journal, enough to answer `uploadJournalExtract` as a real kiosk does
 * (`journal-extract-upload.ts` in the daemon): the transactions that started in the command's
 * [from, to] as the auditors' JSON Lines export, sent on `kiosk/<id>/journal-extract` before the
 * command's ack (done); a range whose end is before its start refused TELEMETRY_COMMAND_MALFORMED;
 * one whose extract would pass the contract's limit refused JOURNAL_EXTRACT_TOO_LARGE. Each
 * resident's journey is one closed transaction with the real journal's fields and no steps (a
 * simulator's devices do nothing to journal) and no personal data; the newest `KEPT` are kept.
 */
import { ErrorCode } from '@kiosk/domain';
import {
  MAX_JOURNAL_EXTRACT_BYTES,
  type Command,
  type CommandAck,
  type JournalExtract,
} from '../contract/telemetry.contract.js';

type ExtractCommand = Extract<Command, { type: 'uploadJournalExtract' }>;

/** what a resident's journey left: as the virtual kiosk told it to the fleet */
export interface SimulatedJourney {
  readonly journey: string;
  readonly outcome: string;
  readonly code?: string;
  readonly durationMs: number;
}

/** the transactions kept: a simulator that runs for days holds no more (a real kiosk keeps years) */
const KEPT = 10_000;

export class SimulatedJournal {
  private readonly lines: { startedAt: string; line: string }[] = [];
  private serial = 0;

  constructor(private readonly kioskId: string) {}

  /** A journey that ended `endedAt`, journaled as a real kiosk closes it. */
  record(done: SimulatedJourney, endedAt = new Date()): void {
    const serial = ++this.serial;
    const id = `${this.kioskId}-${String(serial).padStart(6, '0')}`;
    const startedAt = new Date(endedAt.getTime() - done.durationMs).toISOString();
    const transaction = {
      id,
      kioskId: this.kioskId,
      serial,
      sessionId: id,
      journey: done.journey,
      status: 'closed',
      outcome: done.outcome,
      errorCode: done.code ?? null,
      maskedCardNumber: null,
      startedAt,
      endedAt: endedAt.toISOString(),
      steps: [],
    };
    this.lines.push({ startedAt, line: `${JSON.stringify(transaction)}\n` });
    if (this.lines.length > KEPT) this.lines.shift();
  }

  /** The answer to `command`, and the extract to send before it when it is done. */
  extract(command: ExtractCommand): {
    answer: Pick<CommandAck, 'result' | 'code'>;
    extract?: JournalExtract;
  } {
    const from = new Date(command.from).toISOString();
    const to = new Date(command.to).toISOString();
    if (from > to) return { answer: { result: 'rejected', code: ErrorCode.TELEMETRY_COMMAND_MALFORMED } };
    // in serial order, as the real export reads them
    const lines = this.lines
      .filter((kept) => kept.startedAt >= from && kept.startedAt <= to)
      .map((kept) => kept.line);
    const jsonl = lines.join('');
    if (Buffer.byteLength(jsonl, 'utf8') > MAX_JOURNAL_EXTRACT_BYTES)
      return { answer: { result: 'rejected', code: ErrorCode.JOURNAL_EXTRACT_TOO_LARGE } };
    const { id: commandId, kioskId } = command;
    const at = new Date().toISOString();
    return {
      answer: { result: 'done' },
      extract: {
        commandId,
        kioskId,
        from: command.from,
        to: command.to,
        transactions: lines.length,
        jsonl,
        at,
      },
    };
  }
}
