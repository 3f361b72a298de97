/** Command-line options of the fleet monitor: `--port N` (default 8090) and `--host H` (default 127.0.0.1). */
import { parseArgs } from 'node:util';

export interface FleetMonitorOptions {
  readonly port: number;
  readonly host: string;
}

export const DEFAULT_OPTIONS: FleetMonitorOptions = { port: 8090, host: '127.0.0.1' };

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export function parseFleetMonitorArgs(args: readonly string[]): FleetMonitorOptions {
  let values: { port?: string; host?: string };
  try {
    ({ values } = parseArgs({
      args: [...args],
      options: { port: { type: 'string' }, host: { type: 'string' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const port = values.port === undefined ? DEFAULT_OPTIONS.port : Number(values.port);
  if (!/^\d{1,5}$/.test(values.port ?? '0') || !Number.isInteger(port) || port > 65535) {
    throw new UsageError(
      `--port expects a number 0–65535 (0 picks a free port), got ${JSON.stringify(values.port)}`,
    );
  }
  const host = values.host ?? DEFAULT_OPTIONS.host;
  if (host.trim() === '') throw new UsageError('--host expects an address to listen on');
  return { port, host };
}
