/**
 * The real host simulator over HTTP for a spec (its `createHostSimulator`, passed by the spec: the
 * simulator itself is loaded by specs only), the demo residents only, and the kiosk's connection to
 * it as an external host (the test profile, `host.timeoutMs` as the spec sets it). The spec's
 * `cleanups` close both.
 */
import { loadConfig, type KioskConfig } from '@kiosk/config';
import type { createHostSimulator } from '@kiosk/host-simulator';
import { HostConnection } from '../host/host-connection.js';

export async function hostOverHttp(
  startHost: typeof createHostSimulator,
  cleanups: (() => Promise<unknown> | unknown)[],
  { hostTimeoutMs = 5_000, now }: { hostTimeoutMs?: number; now?: () => Date } = {},
) {
  const profile = loadConfig({ profile: 'test' });
  const simulator = startHost({
    kioskKeys: { [profile.kiosk.id]: profile.host.kioskKey },
    residents: 0,
    ...(now ? { now } : {}),
  });
  const { url } = await simulator.listen(0, '127.0.0.1');
  cleanups.push(() => simulator.close());
  const config: KioskConfig = loadConfig({
    profile: 'test',
    overrides: ['host.mode=external', `host.url=${url}`, `host.timeoutMs=${hostTimeoutMs}`],
  });
  const connection = new HostConnection(config);
  await connection.onModuleInit();
  cleanups.push(() => connection.onApplicationShutdown());
  return { simulator, connection, config };
}
