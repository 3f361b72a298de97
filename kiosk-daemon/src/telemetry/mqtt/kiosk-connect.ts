/**
 * How the kiosk joins the fleet broker (the counterpart of `disconnectCleanly`): with its own
 * credentials (client id = user name = kiosk id), a persistent session so commands sent while it
 * was away still arrive, its heartbeat interval as the keep-alive, and a retained last will that
 * marks it offline (cause lastWill) should the link drop unannounced, numbered with the connection
 * it ends (`ConnectionCount`: each try draws the next number and sets its will anew); tries after a
 * lost or refused connection back off (`backOffReconnects`). mqtt (some 100 files) is loaded on the first connect:
 * a daemon without a fleet section never loads it.
 */
import { createRequire } from 'node:module';
import type { MqttClient } from 'mqtt';
import { telemetryTopic, type OfflineStatus } from '@kiosk/fleet-monitor/contract';
import type { FleetPublisherOptions } from './fleet-publisher.options.js';
import { backOffReconnects, firstReconnectMs } from './reconnect-backoff.js';
import type { ConnectionCount } from './connection-count.js';

export type KioskConnectOptions = Pick<
  FleetPublisherOptions,
  'url' | 'kioskId' | 'password' | 'reconnectPeriodMs' | 'maxReconnectPeriodMs'
>;

/**
 * The kiosk's client, connecting; `keepaliveS`: its heartbeat interval; `connections`: the count of
 * its connections, raised for this try and each one after.
 */
export function connectKiosk(
  options: KioskConnectOptions,
  keepaliveS: number,
  now: () => Date,
  connections: ConnectionCount,
): MqttClient {
  const { kioskId } = options;
  const will = (): Buffer => {
    const status: OfflineStatus = {
      connection: 'offline',
      kioskId,
      cause: 'lastWill',
      connectionSeq: connections.next(),
      at: now().toISOString(),
    };
    return Buffer.from(JSON.stringify(status));
  };
  const { connect } = createRequire(import.meta.url)('mqtt') as typeof import('mqtt');
  const client = connect(options.url, {
    clientId: kioskId,
    username: kioskId,
    password: options.password,
    clean: false,
    protocolVersion: 4,
    keepalive: keepaliveS,
    reconnectPeriod: firstReconnectMs(options), // then doubling while the broker is away
    connectTimeout: 10_000,
    queueQoSZero: false,
    will: {
      topic: telemetryTopic(kioskId, 'status'),
      payload: will(),
      qos: 1,
      retain: true,
    },
  });
  // mqtt.js sends its options' will with every try, and says 'reconnect' just before each one
  client.on('reconnect', () => {
    if (client.options.will) client.options.will.payload = will();
  });
  backOffReconnects(client, options);
  return client;
}
