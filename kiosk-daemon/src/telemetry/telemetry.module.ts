import { type DynamicModule, Module, type Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { DevicesModule } from '../devices/devices.module.js';
import { HostModule } from '../host/host.module.js';
import { JournalModule } from '../journal/journal.module.js';
import { MaintenanceModule } from '../maintenance/maintenance.module.js';
import { SessionsModule } from '../sessions/sessions.module.js';
import { DaemonRestart } from './fleet/daemon-restart.js';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';

type FleetLinkCode = () => Promise<{ readonly FLEET_LINK_PROVIDERS: readonly Provider[] }>;

/**
 * The fleet link's providers, loaded when the configuration has a `fleet` section (in the bundle,
 * a chunk of its own). Code that does not load (a chunk missing from the installation) stops the
 * start with a coded error naming the fleet link, rather than a kiosk that is silently off its fleet.
 */
export async function loadFleetLink(
  load: FleetLinkCode = () => import('./fleet/fleet-link.js'),
): Promise<readonly Provider[]> {
  try {
    return (await load()).FLEET_LINK_PROVIDERS;
  } catch (cause) {
    throw new KioskError(
      ErrorCode.INTERNAL,
      `The fleet link cannot start: its code did not load (${(cause as Error)?.message ?? String(cause)}). Reinstall the kiosk release.`,
      { part: 'fleet link' },
      { cause },
    );
  }
}

/**
 * GET /health (terminus), GET /metrics (Prometheus) and, with a `fleet` section in the
 * configuration, telemetry to the fleet monitor over MQTT with its commands back.
 */
@Module({})
export class TelemetryModule {
  static async forRoot(config: KioskConfig, load?: FleetLinkCode): Promise<DynamicModule> {
    const fleet = config.fleet ? await loadFleetLink(load) : [];
    return {
      module: TelemetryModule,
      imports: [TerminusModule, JournalModule, SessionsModule, DevicesModule, MaintenanceModule, HostModule],
      controllers: [HealthController, MetricsController],
      providers: [DaemonRestart, ...fleet],
      exports: [DaemonRestart],
    };
  }
}
