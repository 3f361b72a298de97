/**
 * The fleet's `uploadJournalExtract` command: the journal's transactions of a date range, as the
 * auditors' JSON Lines export (masked data only, never a PIN), sent to the fleet monitor.
 */
import { Injectable } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import type { Command } from '@kiosk/fleet-monitor/contract';
import type { CommandOutcome } from '../mqtt/fleet-publisher.js';

type ExtractCommand = Extract<Command, { type: 'uploadJournalExtract' }>;

@Injectable()
export class JournalExtractUpload {
  /** Not wired to the monitor yet: refused with a code, so the operator sees it did not happen. */
  upload(_command: ExtractCommand): Promise<CommandOutcome> {
    return Promise.resolve({ result: 'rejected', code: ErrorCode.TELEMETRY_COMMAND_FAILED });
  }
}
