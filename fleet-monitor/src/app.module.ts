import { Inject, Module, type DynamicModule, type OnApplicationShutdown } from '@nestjs/common';
import { HealthModule } from './health/health.module.js';
import { FleetMonitor, loadCredentials } from './fleet-monitor.js';
import type { FleetMonitorOptions } from './cli-options.js';
import { OperatorSessions } from './auth/operator-sessions.js';
import { OperatorGuard } from './auth/operator.guard.js';
import { AuthController } from './auth/auth.controller.js';
import { FleetController } from './api/fleet.controller.js';
import { JournalExtractsController } from './api/journal-extracts.controller.js';
import { DashboardGateway } from './dashboard/dashboard.gateway.js';

/** The fleet monitor: health, the embedded broker with ingest and alerts, operator log-in, the REST API and the dashboard's socket.io gateway. */
@Module({})
export class AppModule implements OnApplicationShutdown {
  constructor(@Inject(FleetMonitor) private readonly fleet: FleetMonitor) {}

  static forRoot(options: FleetMonitorOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [HealthModule],
      controllers: [AuthController, FleetController, JournalExtractsController],
      providers: [
        {
          provide: FleetMonitor,
          useFactory: async () => {
            const fleet = new FleetMonitor({
              mqttHost: options.host,
              mqttPort: options.mqttPort,
              db: options.db,
              ...(options.commandExpiryS !== undefined && { commandExpiryS: options.commandExpiryS }),
              ...loadCredentials(options),
            });
            await fleet.start();
            return fleet;
          },
        },
        {
          provide: OperatorSessions,
          useFactory: (fleet: FleetMonitor) => fleet.sessions,
          inject: [FleetMonitor],
        },
        OperatorGuard,
        DashboardGateway,
      ],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.fleet.stop();
  }
}
