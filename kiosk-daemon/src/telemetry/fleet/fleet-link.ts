/**
 * The fleet link: telemetry to the fleet monitor over MQTT, its commands back, journal extracts.
 * Loaded only with a `fleet` section in the configuration (`loadFleetLink` in the telemetry
 * module): a kiosk outside a fleet does not load it, so its start neither compiles nor runs it
 * (with the fleet contract's schemas, some 4 ms of CPU at every start; bench/RESULTS.md).
 */
import type { Provider } from '@nestjs/common';
import { FleetCommandsService } from './fleet-commands.service.js';
import { fleetPublisherProvider } from './fleet-publisher.provider.js';
import { FleetReporter } from './fleet-reporter.service.js';
import { HostActsGivenUpToFleet } from './host-acts-given-up-to-fleet.js';
import { HostAnomaliesToFleet } from './host-anomalies-to-fleet.js';
import { JournalExtractUpload } from './journal-extract-upload.js';

export const FLEET_LINK_PROVIDERS: readonly Provider[] = [
  FleetCommandsService,
  JournalExtractUpload,
  fleetPublisherProvider,
  FleetReporter,
  HostAnomaliesToFleet,
  HostActsGivenUpToFleet,
];
