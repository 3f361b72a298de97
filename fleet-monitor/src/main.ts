/**
 * The fleet monitor's entry point: `node fleet-monitor/dist/main.js [--port 8090] [--host 127.0.0.1]`.
 * Prints one JSON line `{"event":"ready","url":...}` on stdout once it listens (with the port
 * actually bound, so `--port 0` works) and shuts down cleanly, exit code 0, on SIGTERM or SIGINT.
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { parseFleetMonitorArgs, UsageError, type FleetMonitorOptions } from './cli-options.js';

/** sysexits.h: the command was used incorrectly */
const EXIT_USAGE = 64;

let options: FleetMonitorOptions;
try {
  options = parseFleetMonitorArgs(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof UsageError)) throw error;
  process.stderr.write(`fleet-monitor: ${error.message}\nusage: fleet-monitor [--port N] [--host ADDRESS]\n`);
  process.exit(EXIT_USAGE);
}

const app = await NestFactory.create(AppModule, { logger: ['error', 'warn'] });
// useProcessExit: end with exit code 0 after the shutdown hooks instead of re-raising the signal
app.enableShutdownHooks(['SIGTERM', 'SIGINT'], { useProcessExit: true });
await app.listen(options.port, options.host);

const address = app.getHttpServer().address() as AddressInfo;
const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
process.stdout.write(`${JSON.stringify({ event: 'ready', url: `http://${host}:${address.port}` })}\n`);
