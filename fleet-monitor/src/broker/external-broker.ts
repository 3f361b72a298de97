/**
 * The fleet monitor as a client of an external broker (Mosquitto, EMQX) for a large fleet, where
 * several monitors share the ingest. Events, heartbeats, command acks and journal extracts come
 * through MQTT v5 shared subscriptions (`$share/<group>/kiosk/+/events`, ...): the broker hands
 * each message to one monitor of the group. Statuses (and the last wills, which are statuses) come
 * to every monitor on a plain subscription: they are few, retained messages are not sent on a
 * shared subscription (MQTT v5, 4.8.2), and every monitor then knows each kiosk's state at start.
 *
 * Mosquitto 2.0 restores a persistent session's plain subscriptions after a restart but not its
 * shared ones (the session comes back, its `$share/...` filters do not), so the monitor subscribes
 * again on every connect rather than trusting "session present". What kiosks publish between the
 * broker's restart and the first monitor's subscription finds no subscriber and is dropped by the
 * broker; for events, the kiosk sends them again until a monitor acks them as stored on
 * `kiosk/<id>/events/ack` (`publishEventAck`, ADR 0011).
 *
 * A message is acknowledged to the broker (PUBACK) only once the ingest has stored it, so a
 * monitor that dies mid-message gets it again. The session is persistent (`clean: false`, expiry
 * `sessionExpiryS`) under a client id stable across restarts, so messages queued while the monitor
 * or the broker was away are delivered; a clean stop ends the session (expiry 0) so the rest of the
 * group takes over its share at once. A monitor that crashes keeps its session, and Mosquitto goes
 * on queueing its share of the group's messages there (and drops its share of the QoS 0
 * heartbeats) until the session expires: hence a short default, DEFAULT_SESSION_EXPIRY_S.
 */
import type { IClientOptions, MqttClient } from 'mqtt';
import { TOPIC_FILTERS, telemetryTopic } from '../contract/telemetry.contract.js';
import type { TelemetryHandler } from './fleet-broker.js';
import type { TelemetryBroker } from './telemetry-broker.js';

export interface ExternalBrokerConfig {
  /** `mqtt://host:port` (or `mqtts://`) */
  readonly url: string;
  readonly username: string;
  readonly password: string;
  /** stable across restarts and distinct per monitor (two monitors with one id throw each other off) */
  readonly clientId: string;
  /** the shared-subscription group; monitors of one fleet use the same */
  readonly shareGroup: string;
  /**
   * how long the broker keeps this monitor's session (and goes on queueing its share of messages
   * there) while it is away; default DEFAULT_SESSION_EXPIRY_S
   */
  readonly sessionExpiryS?: number;
  /** reconnect delay after the broker was lost; default 1000 ms */
  readonly reconnectPeriodMs?: number;
}

export const DEFAULT_SHARE_GROUP = 'fleet-monitor';
/**
 * Long enough for a crashed monitor restarted by its supervisor to get its queued share back, short
 * enough that a dead one stops taking a share soon: what it swallowed (events, command acks,
 * journal extracts) the kiosks send again when no monitor acks it (ADR 0011).
 */
export const DEFAULT_SESSION_EXPIRY_S = 30;
/** the most `sessionExpiryS` may be (a day) */
export const MAX_SESSION_EXPIRY_S = 86_400;

/** The MQTT client options of a monitor on an external broker. */
export function brokerClientOptions(config: ExternalBrokerConfig): IClientOptions {
  return {
    protocolVersion: 5,
    clientId: config.clientId,
    username: config.username,
    password: config.password,
    clean: false,
    properties: { sessionExpiryInterval: config.sessionExpiryS ?? DEFAULT_SESSION_EXPIRY_S },
    reconnectPeriod: config.reconnectPeriodMs ?? 1000,
    connectTimeout: 5000,
    // subscribed by hand on every connect (see above)
    resubscribe: false,
  };
}

/** The filters a monitor subscribes to: statuses to every monitor, the rest shared in the group. */
export function monitorSubscriptions(shareGroup: string): string[] {
  const { status, ...shared } = TOPIC_FILTERS;
  return [status, ...Object.values(shared).map((filter) => `$share/${shareGroup}/${filter}`)];
}

export class ExternalBrokerError extends Error {
  override readonly name = 'ExternalBrokerError';
}

/**
 * how long an operator's command waits for the broker's PUBACK: past it, the command is sent (and
 * pending in the command table) and the client delivers it when the broker answers
 */
const COMMAND_PUBACK_WAIT_MS = 500;
/** QoS 0 messages the ingest may have in hand before the client stops reading (back-pressure) */
const MAX_UNACKED_IN_HAND = 256;
/** a stopping monitor drains its share until no message came for this long */
const DRAIN_QUIET_MS = 300;
const DRAIN_LIMIT_MS = 10_000;

export class ExternalBroker implements TelemetryBroker {
  private client?: MqttClient;
  /** messages handed to the ingest and not yet stored */
  private pending = 0;
  private lastMessageAt = 0;
  /** how often the broker granted this monitor's subscriptions (once per connect) */
  subscribed = 0;
  /** the last refusal of a subscription after a reconnect (the first one fails `start`) */
  lastError?: Error;

  constructor(
    private readonly config: ExternalBrokerConfig,
    private readonly onTelemetry: TelemetryHandler,
  ) {
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(config.shareGroup))
      throw new ExternalBrokerError(
        `share group: letters, digits, _ and -, got ${JSON.stringify(config.shareGroup)}`,
      );
    const expiry = config.sessionExpiryS;
    if (expiry !== undefined && !(Number.isInteger(expiry) && expiry >= 0 && expiry <= MAX_SESSION_EXPIRY_S))
      throw new ExternalBrokerError(
        `session expiry: whole seconds 0–${MAX_SESSION_EXPIRY_S}, got ${JSON.stringify(expiry)}`,
      );
  }

  async start(): Promise<{ host: string; port: number }> {
    const options = brokerClientOptions(this.config);
    // loaded here: the embedded default has no use for an MQTT client at start-up
    const { connect } = await import('mqtt');
    const client = connect(this.config.url, options);
    // set before the first packet: a resumed session delivers what was queued right after CONNACK
    client.handleMessage = (packet, done) => {
      const payload = Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload);
      this.pending++;
      this.lastMessageAt = Date.now();
      // the client reads the next message once `done` is called. QoS 1 (events, acks, extracts,
      // statuses): after the ingest stored it, as that sends the PUBACK. QoS 0 (heartbeats): at
      // once while few are in hand, so the ingest takes many kiosks' heartbeats side by side
      const early = (packet.qos ?? 0) === 0 && this.pending <= MAX_UNACKED_IN_HAND;
      if (early) done();
      this.onTelemetry(packet.topic, payload)
        .then(
          () => !early && done(),
          (error: Error) => !early && done(error),
        )
        .finally(() => {
          this.pending--;
          this.lastMessageAt = Date.now();
        });
    };
    try {
      await new Promise<void>((resolve, reject) => {
        client.once('connect', () => resolve());
        client.once('error', reject);
        client.once('close', () => reject(new Error('connection closed')));
      });
    } catch (error) {
      await client.endAsync(true);
      throw new ExternalBrokerError(
        `cannot connect to the broker at ${this.config.url} as ${this.config.username}: ${(error as Error).message}`,
      );
    }
    // errors after the first connect (the broker lost) end in reconnects; nothing to throw to
    client.on('error', () => undefined);
    this.client = client;
    try {
      await this.subscribe(client);
    } catch (error) {
      await this.stop();
      throw error;
    }
    client.on('connect', () => {
      this.subscribe(client).catch((error: Error) => (this.lastError = error));
    });
    const url = new URL(this.config.url);
    return { host: url.hostname, port: Number(url.port || (url.protocol === 'mqtts:' ? 8883 : 1883)) };
  }

  private async subscribe(client: MqttClient): Promise<void> {
    const granted = await client.subscribeAsync(monitorSubscriptions(this.config.shareGroup), { qos: 1 });
    const refused = granted.filter((grant) => grant.qos > 2);
    if (refused.length > 0)
      throw new ExternalBrokerError(
        `the broker refused the subscriptions ${refused.map((grant) => grant.topic).join(', ')} ` +
          `to ${this.config.username}: check its ACL (fleet-monitor/dist/credentials/write-broker-files.js writes one)`,
      );
    this.subscribed++;
  }

  async publishCommand(kioskId: string, payload: string): Promise<void> {
    const client = this.client;
    if (!client) throw new ExternalBrokerError('broker not started');
    // the client keeps the command until the broker took it (PUBACK), sending it again once the
    // broker is back (the kiosk's persistent session then holds it until the kiosk is there). The
    // operator is not kept waiting for that: the broker away, the call returns at once; connected,
    // it waits COMMAND_PUBACK_WAIT_MS at most, as a link that has just dropped (or gone silent)
    // reads connected until the client notices. A refusal that comes in time still fails
    const away = !client.connected;
    const taken = new Promise<void>((resolve, reject) =>
      client.publish(telemetryTopic(kioskId, 'commands'), payload, { qos: 1 }, (error) =>
        error ? reject(error) : resolve(),
      ),
    );
    taken.catch(() => undefined);
    if (away) return;
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, COMMAND_PUBACK_WAIT_MS)));
    try {
      await Promise.race([taken, waited]);
    } finally {
      clearTimeout(timer);
    }
  }

  async publishEventAck(kioskId: string, payload: string): Promise<void> {
    // not kept while the broker is away: the kiosk sends the event again and gets the ack then
    if (this.client?.connected)
      await this.client.publishAsync(telemetryTopic(kioskId, 'events/ack'), payload, { qos: 1 });
  }

  get connected(): boolean {
    return this.client?.connected ?? false;
  }

  /**
   * Leaves the group without losing its share: unsubscribes from the shared filters (the broker
   * sends new messages to the other monitors), takes in what the broker had queued for this one
   * until nothing came for DRAIN_QUIET_MS, then disconnects and ends the session. A monitor that
   * dies instead keeps its session for `sessionExpiryS`: what was queued for it waits for it to
   * come back under the same client id.
   */
  async stop(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    if (!client) return;
    if (!client.connected) return void (await client.endAsync(true));
    const [, ...shared] = monitorSubscriptions(this.config.shareGroup);
    await client.unsubscribeAsync(shared);
    const limit = Date.now() + DRAIN_LIMIT_MS;
    while ((this.pending > 0 || Date.now() - this.lastMessageAt < DRAIN_QUIET_MS) && Date.now() < limit)
      await new Promise((resolve) => setTimeout(resolve, 20));
    await client.endAsync(false, { properties: { sessionExpiryInterval: 0 } });
  }
}
