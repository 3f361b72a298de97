/** Fleet telemetry over MQTT, the kiosk's side. */
export {
  FleetPublisher,
  type FleetPublisherOptions,
  type FleetPublisherEvents,
  type CommandHandler,
  type CommandOutcome,
  type KioskStatusInput,
  type KioskEventInput,
} from './fleet-publisher.js';
export { TelemetryQueue, type QueuedEvent, type NewerReleaseEvent } from './telemetry-queue.js';
