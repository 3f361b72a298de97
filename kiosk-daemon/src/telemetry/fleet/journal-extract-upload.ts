/**
 * The fleet's `uploadJournalExtract` command: the journal's transactions that started in the
 * command's [from, to], as the auditors' JSON Lines export (masked data only, never a PIN), sent to
 * the fleet monitor on `kiosk/<id>/journal-extract` before the command is acknowledged. A range
 * whose extract is over the contract's limit is refused (JOURNAL_EXTRACT_TOO_LARGE): ask for less.
 */
import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ErrorCode } from '@kiosk/domain';
import { MAX_JOURNAL_EXTRACT_BYTES, type Command } from '@kiosk/fleet-monitor/contract';
import { toJsonLines } from '../../journal/journal-export.js';
import { JournalService } from '../../journal/journal.service.js';
import { FleetPublisher, type CommandOutcome } from '../mqtt/fleet-publisher.js';

type ExtractCommand = Extract<Command, { type: 'uploadJournalExtract' }>;

@Injectable()
export class JournalExtractUpload {
  constructor(
    private readonly journal: JournalService,
    // the publisher runs the command handler that runs this: looked up when needed, not injected
    private readonly moduleRef: ModuleRef,
  ) {}

  async upload(command: ExtractCommand): Promise<CommandOutcome> {
    const from = Date.parse(command.from);
    const to = Date.parse(command.to);
    if (from > to) return { result: 'rejected', code: ErrorCode.TELEMETRY_COMMAND_MALFORMED };
    const rows = (await this.journal.exportRange(command.from.slice(0, 10), command.to.slice(0, 10))).filter(
      (row) => {
        const started = Date.parse(row.transaction.startedAt);
        return started >= from && started <= to;
      },
    );
    const jsonl = toJsonLines(rows);
    if (Buffer.byteLength(jsonl, 'utf8') > MAX_JOURNAL_EXTRACT_BYTES)
      return { result: 'rejected', code: ErrorCode.JOURNAL_EXTRACT_TOO_LARGE };
    await this.moduleRef.get(FleetPublisher, { strict: false }).publishJournalExtract({
      commandId: command.id,
      from: command.from,
      to: command.to,
      transactions: rows.length,
      jsonl,
    });
    return { result: 'done' };
  }
}
