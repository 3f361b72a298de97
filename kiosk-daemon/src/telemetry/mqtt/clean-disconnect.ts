/**
 * How the kiosk leaves the fleet broker on a clean stop: the retained offline status (cause
 * shutdown) replaces its online one, then the link ends. A broker that stopped answering must not
 * hold the daemon's shutdown: neither waits longer than `STOP_WAIT_MS`, and away from the broker
 * nothing in flight can be acknowledged, so the link ends at once (the event queue is in its file).
 */
import type { MqttClient } from 'mqtt';
import { telemetryTopic, type OfflineStatus } from '@kiosk/fleet-monitor/contract';

/** how long a clean stop waits for the broker before it lets go */
const STOP_WAIT_MS = 2000;

/** true when `work` settled within `ms` (its rejection counts as settled) */
async function within(ms: number, work: Promise<unknown>): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  const settled = work.then(
    () => true as const,
    () => true as const,
  );
  try {
    return await Promise.race([settled, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Publishes the retained offline status (cause shutdown, numbered with the connection it ends,
 * `connectionSeq`) if connected, and ends the link.
 */
export async function disconnectCleanly(
  client: MqttClient,
  kioskId: string,
  now: () => Date,
  connectionSeq: number,
): Promise<void> {
  if (client.connected) {
    const offline: OfflineStatus = {
      connection: 'offline',
      kioskId,
      cause: 'shutdown',
      connectionSeq,
      at: now().toISOString(),
    };
    // a broker that stopped answering must not hold the daemon's shutdown
    await within(
      STOP_WAIT_MS,
      client.publishAsync(telemetryTopic(kioskId, 'status'), JSON.stringify(offline), {
        qos: 1,
        retain: true,
      }),
    );
  }
  // away from the broker, nothing in flight can be acknowledged: end at once (the queue is in its file)
  if (!(await within(STOP_WAIT_MS, client.endAsync(!client.connected)))) await client.endAsync(true);
}
