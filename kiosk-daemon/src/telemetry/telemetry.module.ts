import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { KioskConfig } from '@kiosk/config';
import { DevicesModule } from '../devices/devices.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { MaintenanceModule } from '../maintenance/maintenance.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { DaemonRestart } from './fleet/daemon-restart.js';
import { FleetCommandsService } from './fleet/fleet-commands.service.js';
import { fleetPublisherProvider } from './fleet/fleet-publisher.provider.js';
import { FleetReporter } from './fleet/fleet-reporter.service.js';
import { JournalExtractUpload } from './fleet/journal-extract-upload.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';

/**
 * GET /health (terminus), GET /metrics (Prometheus) and, with a `fleet` section in the
 * configuration, telemetry to the fleet monitor over MQTT with its commands back.
 */
@Module({})
export class TelemetryModule {
  static forRoot(config: KioskConfig): DynamicModule {
    const fleet: Provider[] = config.fleet
      ? [FleetCommandsService, JournalExtractUpload, fleetPublisherProvider, FleetReporter]
      : [];
    return {
      module: TelemetryModule,
      imports: [TerminusModule, JournalModule, SessionsModule, DevicesModule, MaintenanceModule],
      controllers: [HealthController, MetricsController],
      providers: [DaemonRestart, ...fleet],
      exports: [DaemonRestart],
    };
  }
}
