import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import { JournalService } from '../journal/journal.service.js';
import { SessionsService } from '../sessions/sessions.service.js';

/** GET /health: the journal answers and the kiosk's mode (in service, degraded, out of service). */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly journal: JournalService,
    private readonly sessions: SessionsService,
  ) {}

  @Get('health')
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const journal = this.indicators.check('journal');
        try {
          await this.journal.ping();
          return journal.up();
        } catch {
          return journal.down({ code: 'JOURNAL_UNAVAILABLE' });
        }
      },
      () => {
        const kiosk = this.indicators.check('kiosk');
        const view = this.sessions.kioskView();
        const data = {
          mode: view.mode,
          journeysOffered: view.journeysOffered.length,
          ...(view.reason ? { reason: view.reason } : {}),
        };
        if (view.mode === 'inService' || view.mode === 'maintenance') return kiosk.up(data);
        if (view.mode === 'degraded') return kiosk.degraded(data);
        return kiosk.down(data);
      },
    ]);
  }
}
