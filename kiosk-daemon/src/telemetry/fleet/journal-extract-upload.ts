/**
 * The fleet's `uploadJournalExtract` command: the journal's transactions that started in the
 * command's [from, to], as the auditors' JSON Lines export (masked data only, never a PIN), sent to
 * the fleet monitor on `kiosk/<id>/journal-extract` before the command is acknowledged. The range is
 * read a transaction at a time and measured as it is read: once the extract would pass the
 * contract's limit, reading stops and the command is refused (JOURNAL_EXTRACT_TOO_LARGE, the code
 * the operator sees): ask for less. Whatever the range, the kiosk holds at most the limit's worth.
 */
import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ErrorCode } from '@kiosk/domain';
import { MAX_JOURNAL_EXTRACT_BYTES, type Command } from '@kiosk/fleet-monitor/contract';
import { toJsonLines, transactionsStartedIn } from '../../journal/journal-export.js';
import { DataSource } from '../../journal/typeorm-runtime.js';
import { FleetPublisher, type CommandOutcome } from '../mqtt/fleet-publisher.js';

type ExtractCommand = Extract<Command, { type: 'uploadJournalExtract' }>;

@Injectable()
export class JournalExtractUpload {
  constructor(
    @Inject(DataSource) private readonly db: DataSource,
    // the publisher runs the command handler that runs this: looked up when needed, not injected
    private readonly moduleRef: ModuleRef,
  ) {}

  async upload(command: ExtractCommand): Promise<CommandOutcome> {
    const from = new Date(command.from).toISOString();
    const to = new Date(command.to).toISOString();
    if (from > to) return { result: 'rejected', code: ErrorCode.TELEMETRY_COMMAND_MALFORMED };
    const lines: string[] = [];
    let bytes = 0;
    // leaving the loop early closes the reader: nothing past the limit is read
    for await (const row of transactionsStartedIn(this.db, from, to)) {
      const line = toJsonLines([row]);
      bytes += Buffer.byteLength(line, 'utf8');
      if (bytes > MAX_JOURNAL_EXTRACT_BYTES)
        return { result: 'rejected', code: ErrorCode.JOURNAL_EXTRACT_TOO_LARGE };
      lines.push(line);
    }
    await this.moduleRef.get(FleetPublisher, { strict: false }).publishJournalExtract({
      commandId: command.id,
      from: command.from,
      to: command.to,
      transactions: lines.length,
      jsonl: lines.join(''),
    });
    return { result: 'done' };
  }
}
