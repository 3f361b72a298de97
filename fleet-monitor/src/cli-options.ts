/**
 * Command-line options of the fleet monitor: `--port N` (HTTP, default 8090), `--host H` (default
 * 127.0.0.1), `--mqtt-port N` (embedded broker, default 1883, 0 picks a free port), `--db PATH`
 * (SQLite file, default var/fleet-monitor.sqlite; `:memory:` for a throw-away run), `--kiosks FILE`
 * (kiosk credentials) and `--operators FILE` (operator log-ins). Without the two files no kiosk can
 * connect and nobody can log in.
 */
import { parseArgs } from 'node:util';

export interface FleetMonitorOptions {
  readonly port: number;
  readonly host: string;
  readonly mqttPort: number;
  readonly db: string;
  readonly kiosksFile?: string;
  readonly operatorsFile?: string;
}

export const DEFAULT_OPTIONS: FleetMonitorOptions = {
  port: 8090,
  host: '127.0.0.1',
  mqttPort: 1883,
  db: 'var/fleet-monitor.sqlite',
};

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function parsePort(name: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  const port = Number(value);
  if (!/^\d{1,5}$/.test(value) || !Number.isInteger(port) || port > 65535)
    throw new UsageError(
      `--${name} expects a number 0–65535 (0 picks a free port), got ${JSON.stringify(value)}`,
    );
  return port;
}

export function parseFleetMonitorArgs(args: readonly string[]): FleetMonitorOptions {
  let values: Record<string, string | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        'mqtt-port': { type: 'string' },
        db: { type: 'string' },
        kiosks: { type: 'string' },
        operators: { type: 'string' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const port = parsePort('port', values.port, DEFAULT_OPTIONS.port);
  const mqttPort = parsePort('mqtt-port', values['mqtt-port'], DEFAULT_OPTIONS.mqttPort);
  const host = values.host ?? DEFAULT_OPTIONS.host;
  if (host.trim() === '') throw new UsageError('--host expects an address to listen on');
  for (const name of ['db', 'kiosks', 'operators'])
    if (values[name] !== undefined && values[name].trim() === '')
      throw new UsageError(`--${name} expects a path`);
  return {
    port,
    host,
    mqttPort,
    db: values.db ?? DEFAULT_OPTIONS.db,
    ...(values.kiosks !== undefined && { kiosksFile: values.kiosks }),
    ...(values.operators !== undefined && { operatorsFile: values.operators }),
  };
}
