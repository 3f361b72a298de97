/**
 * Who may do what on the embedded broker. A kiosk connects with client id = user name = its kiosk
 * id and its own password; it may publish only status, events, heartbeats, command acks and journal
 * extracts under `kiosk/<its id>/`, and subscribe only to `kiosk/<its id>/commands` and to the monitor's
 * acks of its stored events, `kiosk/<its id>/events/ack`. Everything else is refused.
 * Internal publishes (client null: the monitor's commands) are allowed.
 */
import {
  parseTelemetryTopic,
  telemetryTopic,
  type TelemetryChannel,
} from '../contract/telemetry.contract.js';
import { verifySecret } from '../credentials/scrypt-secret.js';

const KIOSK_PUBLISHES: ReadonlySet<TelemetryChannel> = new Set([
  'status',
  'events',
  'heartbeat',
  'commands/ack',
  'journal-extract',
]);

export type AccessRefusal = 'badCredentials' | 'clientIdMismatch' | 'topicNotOwn' | 'channelNotAllowed';

export class KioskAccess {
  constructor(private readonly kiosks: ReadonlyMap<string, string>) {}

  /** Resolves true only for a known kiosk presenting its own password with its own client id. */
  async authenticate(
    clientId: string,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<true | AccessRefusal> {
    if (username === undefined || password === undefined) return 'badCredentials';
    const stored = this.kiosks.get(username);
    if (stored === undefined || !(await verifySecret(password.toString('utf8'), stored)))
      return 'badCredentials';
    return clientId === username ? true : 'clientIdMismatch';
  }

  mayPublish(kioskId: string | null, topic: string): true | AccessRefusal {
    if (kioskId === null) return true;
    const parsed = parseTelemetryTopic(topic);
    if (parsed === undefined || parsed.kioskId !== kioskId) return 'topicNotOwn';
    return KIOSK_PUBLISHES.has(parsed.channel) ? true : 'channelNotAllowed';
  }

  maySubscribe(kioskId: string, filter: string): true | AccessRefusal {
    return filter === telemetryTopic(kioskId, 'commands') || filter === telemetryTopic(kioskId, 'events/ack')
      ? true
      : 'topicNotOwn';
  }

  knows(kioskId: string): boolean {
    return this.kiosks.has(kioskId);
  }
}
