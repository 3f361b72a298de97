import { type DynamicModule, Module } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { KioskConfigModule } from './config/kiosk-config.module.js';
import { DevicesModule } from './devices/devices.module.js';
import { GatewayModule } from './gateway/gateway.module.js';
import { HostModule } from './host/host.module.js';
import { JournalModule } from './journal/journal.module.js';
import { MaintenanceModule } from './maintenance/maintenance.module.js';
import { SessionsModule } from './sessions/sessions.module.js';
import { MetricsModule } from './telemetry/metrics.module.js';
import { TelemetryModule } from './telemetry/telemetry.module.js';

/** The kiosk daemon: devices, sessions, gateway, journal, host and telemetry, one config. */
@Module({})
export class AppModule {
  static forRoot(config: KioskConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        KioskConfigModule.forRoot(config),
        MetricsModule,
        JournalModule,
        HostModule,
        DevicesModule,
        SessionsModule,
        GatewayModule,
        MaintenanceModule,
        TelemetryModule.forRoot(config),
      ],
    };
  }
}
