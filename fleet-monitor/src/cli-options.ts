/**
 * Command-line options of the fleet monitor: `--port N` (HTTP, default 8090), `--host H` (default
 * 127.0.0.1), `--mqtt-port N` (embedded broker, default 1883, 0 picks a free port), `--db PATH`
 * (SQLite file, default var/fleet-monitor.sqlite; `:memory:` for a throw-away run), `--kiosks FILE`
 * (kiosk credentials) and `--operators FILE` (operator log-ins). Without the two files no kiosk can
 * connect and nobody can log in.
 *
 * A large fleet: `--db postgres://user@host:5432/fleet` (PostgreSQL, shared by several monitors) and
 * `--broker mqtt://host:1883 --broker-user NAME --broker-password-file FILE` (an external broker such
 * as Mosquitto instead of the embedded one), with `--broker-client-id ID` (stable across restarts and
 * distinct per monitor; default `fleet-monitor-<host name>-<HTTP port>`, a random suffix with `--port 0`), `--share-group NAME`
 * (the monitors that split the ingest; default `fleet-monitor`) and `--broker-session-expiry SECONDS`
 * (how long the broker keeps a crashed monitor's session and its share; default 30, see ExternalBroker).
 *
 * `--command-expiry SECONDS`: how long a command waits for a kiosk off the broker before it is
 * recorded failed (TELEMETRY_COMMAND_EXPIRED); default 86400 (a day), 10 to 604800.
 */
import { parseArgs } from 'node:util';
import { MAX_SESSION_EXPIRY_S } from './broker/external-broker.js';
import { MAX_COMMAND_EXPIRY_S, MIN_COMMAND_EXPIRY_S } from './commands/pending-commands.js';

export interface FleetMonitorOptions {
  readonly port: number;
  readonly host: string;
  readonly mqttPort: number;
  readonly db: string;
  readonly kiosksFile?: string;
  readonly operatorsFile?: string;
  readonly broker?: BrokerOptions;
  /** seconds a command waits for its kiosk; the monitor's default when absent */
  readonly commandExpiryS?: number;
}

export interface BrokerOptions {
  readonly url: string;
  readonly username: string;
  readonly passwordFile: string;
  readonly clientId?: string;
  readonly shareGroup?: string;
  readonly sessionExpiryS?: number;
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
        broker: { type: 'string' },
        'broker-user': { type: 'string' },
        'broker-password-file': { type: 'string' },
        'broker-client-id': { type: 'string' },
        'share-group': { type: 'string' },
        'broker-session-expiry': { type: 'string' },
        'command-expiry': { type: 'string' },
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
  const broker = parseBroker(values);
  const expiry = values['command-expiry'];
  const commandExpiryS = Number(expiry);
  if (
    expiry !== undefined &&
    (!/^\d{1,6}$/.test(expiry) ||
      commandExpiryS < MIN_COMMAND_EXPIRY_S ||
      commandExpiryS > MAX_COMMAND_EXPIRY_S)
  )
    throw new UsageError(
      `--command-expiry expects whole seconds ${MIN_COMMAND_EXPIRY_S}–${MAX_COMMAND_EXPIRY_S}, got ${JSON.stringify(expiry)}`,
    );
  return {
    port,
    host,
    mqttPort,
    db: values.db ?? DEFAULT_OPTIONS.db,
    ...(values.kiosks !== undefined && { kiosksFile: values.kiosks }),
    ...(values.operators !== undefined && { operatorsFile: values.operators }),
    ...(broker && { broker }),
    ...(expiry !== undefined && { commandExpiryS }),
  };
}

function parseBroker(values: Record<string, string | undefined>): BrokerOptions | undefined {
  const url = values.broker;
  if (url === undefined) {
    for (const name of [
      'broker-user',
      'broker-password-file',
      'broker-client-id',
      'share-group',
      'broker-session-expiry',
    ])
      if (values[name] !== undefined) throw new UsageError(`--${name} goes with --broker URL`);
    return undefined;
  }
  if (!/^mqtts?:\/\/[^/\s]+$/.test(url))
    throw new UsageError(
      `--broker expects mqtt://host:port or mqtts://host:port, got ${JSON.stringify(url)}`,
    );
  const username = values['broker-user'];
  const passwordFile = values['broker-password-file'];
  if (
    username === undefined ||
    username.trim() === '' ||
    passwordFile === undefined ||
    passwordFile.trim() === ''
  )
    throw new UsageError('--broker needs --broker-user NAME and --broker-password-file FILE');
  const shareGroup = values['share-group'];
  if (shareGroup !== undefined && !/^[A-Za-z0-9_-]{1,64}$/.test(shareGroup))
    throw new UsageError('--share-group expects letters, digits, _ and - (at most 64)');
  const clientId = values['broker-client-id'];
  if (clientId !== undefined && !/^[A-Za-z0-9._-]{1,64}$/.test(clientId))
    throw new UsageError('--broker-client-id expects letters, digits, . _ and - (at most 64)');
  const expiry = values['broker-session-expiry'];
  const sessionExpiryS = Number(expiry);
  if (expiry !== undefined && (!/^\d{1,5}$/.test(expiry) || sessionExpiryS > MAX_SESSION_EXPIRY_S))
    throw new UsageError(
      `--broker-session-expiry expects whole seconds 0–${MAX_SESSION_EXPIRY_S}, got ${JSON.stringify(expiry)}`,
    );
  return {
    url,
    username,
    passwordFile,
    ...(clientId !== undefined && { clientId }),
    ...(shareGroup !== undefined && { shareGroup }),
    ...(expiry !== undefined && { sessionExpiryS }),
  };
}
