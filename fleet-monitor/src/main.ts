/**
 * The fleet monitor's entry point: `node fleet-monitor/dist/main.js [--port 8090] [--host 127.0.0.1]
 * [--mqtt-port 1883] [--db var/fleet-monitor.sqlite | postgres://...] [--kiosks FILE] [--operators FILE]
 * [--broker mqtt://host:port --broker-user NAME --broker-password-file FILE [--broker-client-id ID]
 * [--share-group NAME] [--broker-session-expiry SECONDS]]` (see cli-options). A store or external broker it cannot reach: exit 69.
 * Prints one JSON line `{"event":"ready","url":...,"mqtt":...}` on stdout once it listens (with the port
 * actually bound, so `--port 0` works) and shuts down cleanly, exit code 0, on SIGTERM or SIGINT.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { CredentialFileError } from './credentials/credential-files.js';
import { ExternalBrokerError } from './broker/external-broker.js';
import { FleetStoreUnavailableError } from './store/open-fleet-store.js';
import { AppModule } from './app.module.js';
import { FleetBodyRefusalFilter } from './api/http-body-refusal.filter.js';
import { BootLogger } from './boot-logger.js';
import { serveDashboard } from './dashboard/dashboard-static.js';
import { FleetMonitor } from './fleet-monitor.js';
import { parseFleetMonitorArgs, UsageError, type FleetMonitorOptions } from './cli-options.js';

/** sysexits.h: the command was used incorrectly */
const EXIT_USAGE = 64;
/** sysexits.h: configuration error (a credential file that does not read or validate) */
const EXIT_CONFIG = 78;
/** sysexits.h: service unavailable (the PostgreSQL store or the external broker cannot be reached) */
const EXIT_UNAVAILABLE = 69;

let options: FleetMonitorOptions;
try {
  options = parseFleetMonitorArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(
    `fleet-monitor: ${error.message}\nusage: fleet-monitor [--port N] [--host ADDRESS] [--mqtt-port N] [--db PATH|URL] [--kiosks FILE] [--operators FILE] [--broker URL --broker-user NAME --broker-password-file FILE [--broker-client-id ID] [--share-group NAME] [--broker-session-expiry SECONDS]]\n`,
  );
  process.exit(EXIT_USAGE);
}

/** the start faults this file words on one line, exit 69 or 78, without Nest's stack in front */
const wordedHere = (error: unknown): boolean =>
  error instanceof ExternalBrokerError ||
  error instanceof FleetStoreUnavailableError ||
  error instanceof CredentialFileError;

let app: INestApplication;
try {
  app = await NestFactory.create(AppModule.forRoot(options), {
    logger: new BootLogger(['error', 'warn'], wordedHere),
    abortOnError: false,
  });
} catch (error) {
  if (error instanceof ExternalBrokerError || error instanceof FleetStoreUnavailableError) {
    process.stderr.write(`fleet-monitor: ${error.message}\n`);
    process.exit(EXIT_UNAVAILABLE);
  }
  if (!(error instanceof CredentialFileError)) throw error;
  process.stderr.write(`fleet-monitor: ${error.message}\n`);
  process.exit(EXIT_CONFIG);
}
// a body the parser refuses gets a domain code as every other refusal of the API
app.useGlobalFilters(new FleetBodyRefusalFilter(app.getHttpAdapter()));
// useProcessExit: end with exit code 0 after the shutdown hooks instead of re-raising the signal
app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
if (!serveDashboard(app))
  process.stderr.write('fleet-monitor: dashboard not built (npm run build); serving the API only\n');
await app.listen(options.port, options.host);

const address = app.getHttpServer().address() as AddressInfo;
const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
const fleet = app.get(FleetMonitor);
const mqtt = fleet.mqttAddress!;
process.stdout.write(
  `${JSON.stringify({ event: 'ready', url: `http://${host}:${address.port}`, mqtt: `mqtt://${mqtt.host}:${mqtt.port}` })}\n`,
);
