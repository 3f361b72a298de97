import { Controller, Get, Header, HttpException, HttpStatus, Query, Res } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import { JournalExportQuery, toCsv, toJsonLines } from './journal-export.js';
import { JournalService } from './journal.service.js';

/**
 * GET /journal/export?from=YYYY-MM-DD&to=YYYY-MM-DD&format=jsonl|csv — the electronic journal for
 * auditors. Served on the daemon's loopback address only; staff authentication comes with the
 * maintenance module.
 */
/** The part of Express's response this controller uses. */
interface DownloadResponse {
  setHeader(name: string, value: string): void;
  type(contentType: string): { send(body: string): void };
}

@Controller('journal')
export class JournalController {
  constructor(private readonly journal: JournalService) {}

  @Get('export')
  @Header('cache-control', 'no-store')
  async export(@Query() query: Record<string, unknown>, @Res() res: DownloadResponse): Promise<void> {
    const parsed = JournalExportQuery.safeParse(query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new HttpException(
        {
          code: ErrorCode.GATEWAY_MALFORMED_MESSAGE,
          message: `Bad export request: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'invalid'}`,
        },
        HttpStatus.BAD_REQUEST,
      );
    }
    const { from, to, format } = parsed.data;
    const rows = await this.journal.exportRange(from, to);
    const name = `journal-${from}-${to}.${format}`;
    res.setHeader('content-disposition', `attachment; filename="${name}"`);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8').send(toCsv(rows));
    } else {
      res.type('application/x-ndjson; charset=utf-8').send(toJsonLines(rows));
    }
  }
}
