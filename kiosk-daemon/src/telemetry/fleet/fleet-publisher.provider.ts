/**
 * The daemon's `FleetPublisher`, built from the `fleet` section of the configuration: the kiosk's
 * id as MQTT client id and user name, its own password, its hall and version in every status, and
 * the event queue in `fleet-queue.json` beside the journal, the command acks and journal extracts
 * no monitor has acknowledged yet in `fleet-replies.json`, the count of its connections to the
 * broker in `fleet-connections.json` (all kept across restarts; in memory only with an in-memory
 * journal). The commands run are answered from the journal: the `fleet-commands.json` a release
 * before kept is neither read nor written (ADR 0027).
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { Logger, type Provider } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import { KIOSK_CONFIG } from '../../config/kiosk-config.token.js';
import { MetricsService } from '../metrics.service.js';
import { FleetPublisher } from '../mqtt/fleet-publisher.js';
import type { QueuedEvent } from '../mqtt/telemetry-queue.js';
import { FleetCommandsService } from './fleet-commands.service.js';

/** The daemon's version, from its package.json (same relative place from src/ and dist/). */
export function daemonVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version?: string;
  };
  return pkg.version ?? '0.0.0';
}

export function fleetQueueFile(config: KioskConfig): string | undefined {
  if (config.fleet?.queueFile !== undefined) return config.fleet.queueFile;
  if (config.journal.path === ':memory:') return undefined;
  return join(dirname(config.journal.path), 'fleet-queue.json');
}

/**
 * An event the monitor refused for good (ADR 0018), said in the log by its id, type, sequence and the
 * refusal's code, never its body (whatever a bug put in it stays out of the log), and counted.
 */
export function tellRefusedEvents(publisher: FleetPublisher, metrics: MetricsService | undefined): void {
  const log = new Logger('Fleet');
  publisher.on('refused', (event: QueuedEvent, code: string) => {
    const type = typeof event.type === 'string' ? event.type : 'unknown';
    log.error(
      `the fleet monitor refused event ${event.id} (${type}, seq ${event.seq}) for good: ${code}; dropped from the queue`,
    );
    metrics?.fleetEventsRefused.inc({ type, code });
  });
}

export const fleetPublisherProvider: Provider = {
  provide: FleetPublisher,
  inject: [KIOSK_CONFIG, FleetCommandsService, { token: MetricsService, optional: true }],
  useFactory: (
    config: KioskConfig,
    commands: FleetCommandsService,
    metrics: MetricsService | undefined,
  ): FleetPublisher => {
    const fleet = config.fleet;
    if (!fleet) throw new Error('fleetPublisherProvider needs the fleet section of the configuration');
    const queueFile = fleetQueueFile(config);
    const publisher = new FleetPublisher({
      url: fleet.mqtt.url,
      kioskId: config.kiosk.id,
      hallId: config.kiosk.hallId,
      timeZone: config.kiosk.timeZone,
      password: fleet.mqtt.password,
      version: daemonVersion(),
      heartbeatIntervalS: fleet.heartbeatIntervalS,
      queueLimit: fleet.queueLimit,
      staffAlertLimit: fleet.staffAlertLimit,
      ...(queueFile !== undefined && { queueFile }),
      ...(config.journal.path !== ':memory:' && {
        repliesFile: join(dirname(config.journal.path), 'fleet-replies.json'),
        connectionsFile: join(dirname(config.journal.path), 'fleet-connections.json'),
      }),
      onCommand: (command) => commands.handle(command),
      // the journal answers a command it recorded: never run twice (ADR 0027)
      commandRecord: (command) => commands.recorded(command),
    });
    tellRefusedEvents(publisher, metrics);
    if (publisher.queueSetAside !== undefined) {
      new Logger('Fleet').error(
        `the fleet event queue file did not read: moved to ${publisher.queueSetAside}, starting with an empty queue (the fleet hears of the events dropped)`,
      );
    }
    return publisher;
  },
};
