export { AppModule } from './app.module.js';
export {
  parseFleetMonitorArgs,
  DEFAULT_OPTIONS,
  UsageError,
  type FleetMonitorOptions,
} from './cli-options.js';
export {
  FleetMonitor,
  loadCredentials,
  type FleetMonitorConfig,
  type CommandInput,
  type Refusal,
} from './fleet-monitor.js';
export { FleetBroker, type FleetBrokerOptions, type TelemetryHandler } from './broker/fleet-broker.js';
export { KioskAccess, type AccessRefusal } from './broker/kiosk-access.js';
export { FleetIngest, MISSED_HEARTBEATS_FOR_OFFLINE, type IngestCounters } from './alerts/fleet-ingest.js';
export type {
  FleetStore,
  AlertKind,
  AlertRow,
  KioskRow,
  CommandRow,
  DailyCounts,
  JournalExtractRow,
} from './store/fleet-store.js';
export { SqliteFleetStore } from './store/sqlite-fleet-store.js';
export { openFleetStore, isPostgresUrl } from './store/open-fleet-store.js';
export type { PostgresFleetStore } from './store/postgres-fleet-store.js';
export {
  ExternalBroker,
  ExternalBrokerError,
  monitorSubscriptions,
  DEFAULT_SHARE_GROUP,
  type ExternalBrokerConfig,
} from './broker/external-broker.js';
export type { TelemetryBroker } from './broker/telemetry-broker.js';
export {
  brokerFiles,
  writeBrokerFiles,
  mosquittoAcl,
  mosquittoPasswordLine,
  FleetSecretsFileSchema,
  type FleetSecretsFile,
} from './credentials/broker-files.js';
export { hashSecret, verifySecret } from './credentials/scrypt-secret.js';
export * from './contract/index.js';
export { startTestFleet, type TestFleetOptions } from './testing/test-fleet.js';
export { startTestMosquitto, findMosquitto, type TestMosquitto } from './testing/test-mosquitto.js';
export { openTcpGate, type TcpGate } from './testing/tcp-gate.js';
export {
  createTestDatabase,
  externalStack,
  type TestDatabase,
  type ExternalStack,
} from './testing/test-postgres.js';
