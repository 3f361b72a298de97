/**
 * The host as a spec's kiosk reaches it when the back office is down: while `link.away`, each call
 * named goes through a real HTTP client with a short host timeout to a server that accepts the
 * connection and never answers, so it waits the host timeout (`link.waited` counts those); after,
 * to the service the spec gives for the host that is back. The specs of a boot with the host down
 * share it (`boot-host-timing-out-waits-once.spec.ts`, `withdrawal-host-down-boot-waits-once.spec.ts`).
 */
import { createServer, type Socket } from 'node:net';
import { loadConfig } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { MetricsService } from '../telemetry/metrics.service.js';
import { HostConnection } from './host-connection.js';
import { HostService } from './host.service.js';
import { IssuanceHostService } from './issuance-host.service.js';

export const SILENT_HOST_TIMEOUT_MS = 150;

/** The host calls of a withdrawal and its settlement. */
export const WITHDRAWAL_HOST_CALLS = [
  'authorisedWithdrawals',
  'withdrawalByKey',
  'releaseWithdrawalHold',
  'reverseWithdrawal',
  'confirmWithdrawal',
] as const;

/**
 * A silent back office and the link through it. `onClose` gets what closes it (the spec runs it
 * after the test). `through(names, silent, up)` is `up` with the `names` calls going to `silent`
 * while the link is away.
 */
export async function silentHostLink(onClose: (close: () => Promise<void>) => void) {
  const sockets = new Set<Socket>();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  const config = loadConfig({ profile: 'test' });
  const connection = new HostConnection({
    ...config,
    host: {
      ...config.host,
      mode: 'external',
      url: `http://127.0.0.1:${port}`,
      timeoutMs: SILENT_HOST_TIMEOUT_MS,
    },
  });
  await connection.onModuleInit();
  onClose(async () => {
    for (const socket of sockets) socket.destroy();
    await connection.onApplicationShutdown();
    await new Promise((resolve) => server.close(resolve));
  });
  const link = { away: true, waited: 0 };
  const through = <T extends object>(names: readonly string[], silent: T, up: T): T => {
    const wrapped = Object.create(up) as T;
    for (const name of names) {
      (wrapped as Record<string, unknown>)[name] = async (...args: unknown[]) => {
        const target = (link.away ? silent : up) as Record<string, (...a: unknown[]) => Promise<unknown>>;
        try {
          return await target[name]!.apply(target, args);
        } catch (e) {
          if (link.away && KioskError.from(e).code === ErrorCode.HOST_TIMEOUT) link.waited += 1;
          throw e;
        }
      };
    }
    return wrapped;
  };
  return {
    link,
    through,
    silentHost: new HostService(connection, new MetricsService()),
    silentIssuance: new IssuanceHostService(connection, new MetricsService()),
  };
}
