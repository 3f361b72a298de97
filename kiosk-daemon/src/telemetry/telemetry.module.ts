import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { JournalModule } from '../journal/journal.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';

/** GET /health (terminus) and GET /metrics (Prometheus). */
@Module({
  imports: [TerminusModule, JournalModule, SessionsModule],
  controllers: [HealthController, MetricsController],
})
export class TelemetryModule {}
