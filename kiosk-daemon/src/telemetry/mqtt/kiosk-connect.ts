/**
 * How the kiosk joins the fleet broker (the counterpart of `disconnectCleanly`): with its own
 * credentials (client id = user name = kiosk id), a persistent session so commands sent while it
 * was away still arrive, its heartbeat interval as the keep-alive, and a retained last will that
 * marks it offline (cause lastWill) should the link drop unannounced; tries after a lost or refused
 * connection back off (`backOffReconnects`). mqtt (some 100 files) is loaded on the first connect:
 * a daemon without a fleet section never loads it.
 */
import { createRequire } from 'node:module';
import type { MqttClient } from 'mqtt';
import { telemetryTopic, type OfflineStatus } from '@kiosk/fleet-monitor/contract';
import type { FleetPublisherOptions } from './fleet-publisher.options.js';
import { backOffReconnects, firstReconnectMs } from './reconnect-backoff.js';

export type KioskConnectOptions = Pick<
  FleetPublisherOptions,
  'url' | 'kioskId' | 'password' | 'reconnectPeriodMs' | 'maxReconnectPeriodMs'
>;

/** The kiosk's client, connecting; `keepaliveS`: its heartbeat interval. */
export function connectKiosk(options: KioskConnectOptions, keepaliveS: number, now: () => Date): MqttClient {
  const { kioskId } = options;
  const will: OfflineStatus = {
    connection: 'offline',
    kioskId,
    cause: 'lastWill',
    at: now().toISOString(),
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
      payload: Buffer.from(JSON.stringify(will)),
      qos: 1,
      retain: true,
    },
  });
  backOffReconnects(client, options);
  return client;
}
