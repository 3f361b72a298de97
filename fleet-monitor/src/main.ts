/**
 * The fleet monitor's entry point: `node fleet-monitor/dist/main.js [--port 8090] [--host 127.0.0.1]
 * [--mqtt-port 1883] [--db var/fleet-monitor.sqlite] [--kiosks FILE] [--operators FILE]` (see cli-options).
 * Prints one JSON line `{"event":"ready","url":...,"mqtt":...}` on stdout once it listens (with the port
 * actually bound, so `--port 0` works) and shuts down cleanly, exit code 0, on SIGTERM or SIGINT.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import type { INestApplication } from '@nestjs/common';
import { CredentialFileError } from './credentials/credential-files.js';
import { AppModule } from './app.module.js';
import { serveDashboard } from './dashboard/dashboard-static.js';
import { FleetMonitor } from './fleet-monitor.js';
import { parseFleetMonitorArgs, UsageError, type FleetMonitorOptions } from './cli-options.js';

/** sysexits.h: the command was used incorrectly */
const EXIT_USAGE = 64;
/** sysexits.h: configuration error (a credential file that does not read or validate) */
const EXIT_CONFIG = 78;

let options: FleetMonitorOptions;
try {
  options = parseFleetMonitorArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(
    `fleet-monitor: ${error.message}\nusage: fleet-monitor [--port N] [--host ADDRESS] [--mqtt-port N] [--db PATH] [--kiosks FILE] [--operators FILE]\n`,
  );
  process.exit(EXIT_USAGE);
}

let app: INestApplication;
try {
  app = await NestFactory.create(AppModule.forRoot(options), {
    logger: ['error', 'warn'],
    abortOnError: false,
  });
} catch (error) {
  if (!(error instanceof CredentialFileError)) throw error;
  process.stderr.write(`fleet-monitor: ${error.message}\n`);
  process.exit(EXIT_CONFIG);
}
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
