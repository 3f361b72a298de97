/**
 * The kiosk's MQTT client tries the fleet broker again with backoff, not on one fixed period: the
 * first try `reconnectPeriodMs` after the connection went, then twice as long each time the broker
 * still does not take it, up to `maxReconnectPeriodMs` (the domain's 60 s, as the devices' reopen
 * of ADR 0020); connected, it starts over. A broker down for the night (or a site's uplink) is not
 * asked, and its loss not logged, every second until morning, and a fleet of kiosks coming back
 * after a broker restart does not crowd it on one beat. Connected, the backoff starts over only once
 * the connection held as long as the bound: one dropped at once after connecting keeps backing off.
 *
 * mqtt.js schedules each try on `options.reconnectPeriod` in its own listener of `close` (its timer
 * is cleared as the try connects); the listener here comes before it, so it sets this try's wait.
 */
import { RetryBackoff } from '@kiosk/device-drivers';
import { DEFAULT_DEVICE_REOPEN_MAX_MS } from '@kiosk/domain';
import type { MqttClient } from 'mqtt';

export interface ReconnectWaits {
  /** the first wait before connecting again (default 1000 ms) */
  readonly reconnectPeriodMs?: number;
  /** the bound of those waits, doubling while the broker does not answer (default 60 s) */
  readonly maxReconnectPeriodMs?: number;
}

/** The first wait, for the client's options; `backOffReconnects` keeps it from then on. */
export function firstReconnectMs(waits: ReconnectWaits): number {
  return waits.reconnectPeriodMs ?? 1000;
}

/** From now on, the client's tries after a lost or refused connection back off. */
export function backOffReconnects(client: MqttClient, waits: ReconnectWaits): void {
  const backoff = new RetryBackoff(
    firstReconnectMs(waits),
    waits.maxReconnectPeriodMs ?? DEFAULT_DEVICE_REOPEN_MAX_MS,
  );
  // decided as the connection closes, before the client's own close listener reads it for this try:
  // the connection that went had to hold as long as the bound for the waits to start over (a broker
  // that takes the connection and drops it at once keeps backing off)
  client.prependListener('close', () => {
    client.options.reconnectPeriod = backoff.next();
  });
  client.on('connect', () => backoff.up());
}
