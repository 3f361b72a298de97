/**
 * For specs: a host simulator of its own on a free local port, and the daemon's connection to it
 * as an external host (the test profile, an in-memory journal path, a 2 s host timeout). The
 * caller shuts the connection down and closes the simulator after its case.
 */
import { loadConfig } from '@kiosk/config';
import type { HostSimulator } from '@kiosk/host-simulator';
import { HostConnection } from './host-connection.js';

export async function externalHost(
  kioskId: string,
  kioskKey: string,
): Promise<{ simulator: HostSimulator; connection: HostConnection }> {
  const { createHostSimulator } = await import('@kiosk/host-simulator');
  const simulator = createHostSimulator({ kioskKeys: { [kioskId]: kioskKey }, residents: 10 });
  const { url } = await simulator.listen(0, '127.0.0.1');
  const connection = new HostConnection(
    loadConfig({
      profile: 'test',
      overrides: ['journal.path=:memory:', 'host.mode=external', `host.url=${url}`, 'host.timeoutMs=2000'],
    }),
  );
  await connection.onModuleInit();
  return { simulator, connection };
}
