/**
 * GET /journal/export?from=YYYY-MM-DD&to=YYYY-MM-DD&format=jsonl|csv — the electronic journal for
 * auditors, on the daemon's loopback address, for a supervisor logged in at the kiosk
 * (`authorization: Bearer <token>` of a maintenance visit, as every maintenance route): without a
 * visit it is refused STAFF_NOT_LOGGED_IN (401), to another role STAFF_ROLE_NOT_ALLOWED (403),
 * nothing of the journal sent, the attempt on record (`journal-export-refusal.ts`: in another
 * role's visit, or the daemon's log). The export is journaled in the supervisor's visit before it
 * is sent (`maintenance.journalExported`: the range, the format, how many transactions; who is the
 * visit's).
 */
import { Controller, Get, Header, Headers, Query, Res } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { JournalExportQuery, toCsv, toJsonLines } from '../journal/journal-export.js';
import { JournalService } from '../journal/journal.service.js';
import { exportingVisit } from './journal-export-refusal.js';
import { bearer, coded } from './maintenance.controller.js';
import { MaintenanceService } from './maintenance.service.js';

/** The part of Express's response this controller uses. */
interface DownloadResponse {
  setHeader(name: string, value: string): void;
  type(contentType: string): { send(body: string): void };
}

/** Who may take the journal away: the role that reads it at the kiosk (GET /maintenance/journal). */
export const JOURNAL_EXPORT_ROLES = ['supervisor'] as const;

@Controller('journal')
export class JournalExportController {
  constructor(
    private readonly maintenance: MaintenanceService,
    private readonly journal: JournalService,
  ) {}

  @Get('export')
  @Header('cache-control', 'no-store')
  export(
    @Query() query: Record<string, unknown>,
    @Res() res: DownloadResponse,
    @Headers('authorization') authorization?: string,
  ): Promise<void> {
    return coded(async () => {
      const token = bearer(authorization);
      const visit = await exportingVisit(this.maintenance, this.journal, token, JOURNAL_EXPORT_ROLES, query);
      const parsed = JournalExportQuery.safeParse(query);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new KioskError(
          ErrorCode.GATEWAY_MALFORMED_MESSAGE,
          `Bad export request: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
        );
      }
      const { from, to, format } = parsed.data;
      const rows = await this.journal.exportRange(from, to);
      // journal first: an export the journal does not take is not sent
      await this.journal.recordStep(
        this.maintenance.transactionOf(visit),
        'maintenance.journalExported',
        'event',
        {
          from,
          to,
          format,
          transactions: rows.length,
        },
      );
      res.setHeader('content-disposition', `attachment; filename="journal-${from}-${to}.${format}"`);
      if (format === 'csv') res.type('text/csv; charset=utf-8').send(toCsv(rows));
      else res.type('application/x-ndjson; charset=utf-8').send(toJsonLines(rows));
    });
  }
}
