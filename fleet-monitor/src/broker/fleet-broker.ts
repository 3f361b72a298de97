/**
 * The embedded MQTT broker (aedes) on a plain TCP server, with per-kiosk access from
 * `KioskAccess`. Every message on the telemetry topics goes to `onTelemetry(topic, payload)`;
 * `publishCommand` sends on a kiosk's command topic (QoS 1, so a kiosk with a persistent session
 * gets it when it comes back).
 */
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { once } from 'node:events';
import { Aedes, type AuthenticateError } from 'aedes';
import { TOPIC_FILTERS, telemetryTopic } from '../contract/telemetry.contract.js';
import type { KioskAccess, AccessRefusal } from './kiosk-access.js';

/** Takes one message; the broker waits for the promise before it acknowledges the delivery. */
export type TelemetryHandler = (topic: string, payload: Buffer) => Promise<void>;

export interface FleetBrokerOptions {
  readonly host: string;
  /** 0 picks a free port */
  readonly port: number;
  readonly access: KioskAccess;
  readonly onTelemetry: TelemetryHandler;
  /** told of every refusal, for the log and the tests */
  readonly onRefused?: (clientId: string, refusal: AccessRefusal, topic?: string) => void;
}

const BAD_USERNAME_OR_PASSWORD = 4;
const NOT_AUTHORIZED = 5;

export class FleetBroker {
  private aedes?: Aedes;
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  /** the port bound first, reused by a restart (so kiosks find the broker again after an outage) */
  private boundPort?: number;

  constructor(private readonly options: FleetBrokerOptions) {}

  async start(): Promise<{ host: string; port: number }> {
    const { access, onTelemetry, onRefused } = this.options;
    const aedes = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        void access.authenticate(client.id, username, password).then((verdict) => {
          if (verdict === true) return done(null, true);
          onRefused?.(client.id, verdict);
          const error = Object.assign(new Error(verdict), {
            returnCode: verdict === 'badCredentials' ? BAD_USERNAME_OR_PASSWORD : NOT_AUTHORIZED,
          }) as AuthenticateError;
          done(error, false);
        });
      },
      authorizePublish: (client, packet, done) => {
        const verdict = access.mayPublish(client ? client.id : null, packet.topic);
        if (verdict === true) return done(null);
        onRefused?.(client?.id ?? '', verdict, packet.topic);
        done(new Error(verdict));
      },
      authorizeSubscribe: (client, subscription, done) => {
        const verdict = access.maySubscribe(client.id, subscription.topic);
        if (verdict === true) return done(null, subscription);
        onRefused?.(client.id, verdict, subscription.topic);
        done(null, null); // granted as 0x80 (failure) in the SUBACK; the connection stays up
      },
    });
    this.aedes = aedes;
    const deliver = (packet: { topic: string; payload: Buffer | string }, callback: () => void): void => {
      onTelemetry(
        packet.topic,
        Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
      )
        .catch(() => undefined) // the ingest reports its own failures
        .finally(callback);
    };
    await Promise.all(
      Object.values(TOPIC_FILTERS).map(
        (filter) => new Promise<void>((resolve) => aedes.subscribe(filter, deliver, resolve)),
      ),
    );
    const server = createServer((socket) => {
      this.sockets.add(socket);
      socket.once('close', () => this.sockets.delete(socket));
      aedes.handle(socket);
    });
    this.server = server;
    server.listen(this.boundPort ?? this.options.port, this.options.host);
    await once(server, 'listening');
    const address = server.address() as AddressInfo;
    this.boundPort = address.port;
    return { host: address.address, port: address.port };
  }

  publishCommand(kioskId: string, payload: string): Promise<void> {
    return this.publishToKiosk(telemetryTopic(kioskId, 'commands'), payload);
  }

  publishEventAck(kioskId: string, payload: string): Promise<void> {
    return this.publishToKiosk(telemetryTopic(kioskId, 'events/ack'), payload);
  }

  private publishToKiosk(topic: string, payload: string): Promise<void> {
    const aedes = this.aedes;
    if (!aedes) return Promise.reject(new Error('broker not started'));
    return new Promise((resolve, reject) =>
      aedes.publish(
        {
          cmd: 'publish',
          topic,
          payload,
          qos: 1,
          retain: false,
          dup: false,
        },
        (error) => (error ? reject(error) : resolve()),
      ),
    );
  }

  get connectedClients(): number {
    return this.aedes?.connectedClients ?? 0;
  }

  /** Stops listening, drops every connection (kiosks' wills fire) and closes the broker. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (server) {
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const socket of this.sockets) socket.destroy();
      await closed;
    }
    const aedes = this.aedes;
    this.aedes = undefined;
    if (aedes) await new Promise<void>((resolve) => aedes.close(() => resolve()));
  }
}
