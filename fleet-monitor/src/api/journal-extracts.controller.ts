/**
 * Journal extracts the kiosks uploaded (command `uploadJournalExtract`), for operators:
 *   GET /kiosks/:id/journal-extracts             the extracts of a kiosk, newest first, without bodies
 *   GET /kiosks/:id/journal-extracts/:commandId  one extract as JSON Lines (one transaction a line)
 */
import { Controller, Get, Header, Inject, NotFoundException, Param, UseGuards } from '@nestjs/common';
import { ErrorCode } from '@kiosk/domain';
import { FleetMonitor } from '../fleet-monitor.js';
import { OperatorGuard, Roles } from '../auth/operator.guard.js';
import type { JournalExtractRow } from '../store/fleet-store.js';
import { unknownKiosk } from './api-errors.js';

@Controller('kiosks/:id/journal-extracts')
@UseGuards(OperatorGuard)
@Roles('operator')
export class JournalExtractsController {
  constructor(@Inject(FleetMonitor) private readonly fleet: FleetMonitor) {}

  @Get()
  list(@Param('id') kioskId: string): Promise<JournalExtractRow[]> {
    if (!this.fleet.access.knows(kioskId)) throw unknownKiosk(kioskId);
    return this.fleet.store.journalExtracts(kioskId);
  }

  @Get(':commandId')
  @Header('content-type', 'application/x-ndjson; charset=utf-8')
  @Header('cache-control', 'no-store')
  async body(@Param('id') kioskId: string, @Param('commandId') commandId: string): Promise<string> {
    if (!this.fleet.access.knows(kioskId)) throw unknownKiosk(kioskId);
    const jsonl = await this.fleet.store.journalExtractBody(kioskId, commandId);
    if (jsonl === undefined)
      throw new NotFoundException({
        code: ErrorCode.FLEET_EXTRACT_UNKNOWN,
        message: `no journal extract for command ${JSON.stringify(commandId)} of this kiosk`,
      });
    return jsonl;
  }
}
