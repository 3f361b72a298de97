/**
 * The fleet monitor without Nest: store (SQLite or PostgreSQL), kiosk access, broker (embedded, or
 * an external one shared with other monitors), ingest, operator sessions and the silent-kiosk
 * sweep, started and stopped together. Nest (app.module) and the tests both
 * build it from the same options.
 */
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { CommandSchema, type Command } from './contract/telemetry.contract.js';
import { extractRangeInOrder } from './dashboard/dashboard.contract.js';
import type { EventAck } from './contract/event-ack.contract.js';
import { FleetBroker } from './broker/fleet-broker.js';
import { DEFAULT_SHARE_GROUP, ExternalBroker, type ExternalBrokerConfig } from './broker/external-broker.js';
import type { BrokerOptions } from './cli-options.js';
import type { TelemetryBroker } from './broker/telemetry-broker.js';
import { KioskAccess, type AccessRefusal } from './broker/kiosk-access.js';
import { FleetIngest, type FleetIngestEvents } from './alerts/fleet-ingest.js';
import { EventRefusalAnswers } from './alerts/event-refusal-answers.js';
import type { FleetStore } from './store/fleet-store.js';
import { isPostgresUrl, openFleetStore, openSqliteFleetStore } from './store/open-fleet-store.js';
import type { PostgresChangeFeed } from './store/postgres-change-feed.js';
import { relayIngest } from './store/change-relay.js';
import { OperatorSessions } from './auth/operator-sessions.js';
import { PendingCommands } from './commands/pending-commands.js';
import {
  CredentialFileError,
  KioskCredentialsFileSchema,
  OperatorsFileSchema,
  readCredentialFile,
  type KioskCredentialsFile,
  type OperatorsFile,
} from './credentials/credential-files.js';

export interface FleetMonitorConfig {
  readonly mqttHost: string;
  readonly mqttPort: number;
  /** a SQLite file (or ':memory:'), or a PostgreSQL URL (several monitors on one database) */
  readonly db: string;
  /** an external broker (e.g. Mosquitto) instead of the embedded one; mqttHost/mqttPort are then unused */
  readonly broker?: ExternalBrokerConfig;
  readonly kiosks: KioskCredentialsFile;
  readonly operators: OperatorsFile;
  /** how often to look for kiosks silent past their heartbeat window (and commands past expiry); default 1 s */
  readonly sweepIntervalMs?: number;
  /** how long a command waits for a kiosk off the broker; default DEFAULT_COMMAND_EXPIRY_S (a day) */
  readonly commandExpiryS?: number;
}

export interface Refusal {
  readonly clientId: string;
  readonly refusal: AccessRefusal;
  readonly topic?: string;
}

/**
 * Reads the credential files named on the command line (none given: an empty list), and with
 * `--broker` the monitor's broker password: the external broker's configuration.
 */
export function loadCredentials(options: {
  kiosksFile?: string;
  operatorsFile?: string;
  broker?: BrokerOptions;
  port?: number;
}): {
  kiosks: KioskCredentialsFile;
  operators: OperatorsFile;
  broker?: ExternalBrokerConfig;
} {
  return {
    kiosks: options.kiosksFile
      ? readCredentialFile(options.kiosksFile, KioskCredentialsFileSchema)
      : { kiosks: {} },
    operators: options.operatorsFile
      ? readCredentialFile(options.operatorsFile, OperatorsFileSchema)
      : { users: [] },
    ...(options.broker && { broker: externalBrokerConfig(options.broker, options.port ?? 0) }),
  };
}

function externalBrokerConfig(options: BrokerOptions, httpPort: number): ExternalBrokerConfig {
  let password: string;
  try {
    password = readFileSync(options.passwordFile, 'utf8').replace(/\r?\n$/, '');
  } catch (error) {
    throw new CredentialFileError(`${options.passwordFile}: cannot read (${(error as Error).message})`);
  }
  if (password === '')
    throw new CredentialFileError(`${options.passwordFile}: empty, expected the broker password`);
  return {
    url: options.url,
    username: options.username,
    password,
    // stable across restarts; with --port 0 (a free port) there is nothing stable to name it by
    clientId:
      options.clientId ??
      `fleet-monitor-${hostname()}-${httpPort === 0 ? randomUUID().slice(0, 8) : httpPort}`,
    shareGroup: options.shareGroup ?? DEFAULT_SHARE_GROUP,
    ...(options.sessionExpiryS !== undefined && { sessionExpiryS: options.sessionExpiryS }),
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as an operator asks for it; the monitor adds id, kiosk id, time and operator. */
export type CommandInput = DistributiveOmit<
  Command,
  'id' | 'kioskId' | 'issuedAt' | 'issuedBy' | 'expiresAt'
>;

/** A command as the monitor issues it: the contract's, a journal extract's range in order too. */
const IssuedCommandSchema = CommandSchema.refine(
  (command) => command.type !== 'uploadJournalExtract' || extractRangeInOrder(command),
  { message: 'uploadJournalExtract: `to` is before `from`', path: ['to'] },
);

export class FleetMonitor {
  private openStore?: FleetStore;
  private openIngest?: FleetIngest;
  private changeFeed?: PostgresChangeFeed;
  readonly access: KioskAccess;
  readonly sessions: OperatorSessions;
  readonly broker: TelemetryBroker;
  /** the last refusals, newest last (at most 100), for the API and the tests */
  readonly refusals: Refusal[] = [];
  /** what newer kiosks sent that this monitor does not know, each once (at most 200), for the tests */
  readonly newerKioskParts: FleetIngestEvents['unknown'][0][] = [];
  /** how each event refused for good is answered, the refused ones remembered */
  private readonly refusalAnswers = new EventRefusalAnswers();
  private sweep?: NodeJS.Timeout;
  private readonly pending: PendingCommands;
  mqttAddress?: { host: string; port: number };

  constructor(private readonly config: FleetMonitorConfig) {
    this.pending = new PendingCommands(
      () => this.store,
      (kioskId, payload) => this.broker.publishCommand(kioskId, payload),
      config.commandExpiryS,
    );
    // SQLite opens at once (store and ingest are there from construction); PostgreSQL in start()
    if (!isPostgresUrl(config.db)) this.useStore(openSqliteFleetStore(config.db));
    this.access = new KioskAccess(new Map(Object.entries(config.kiosks.kiosks)));
    this.sessions = new OperatorSessions(config.operators);
    const onTelemetry = (topic: string, payload: Buffer): Promise<void> => this.ingest.accept(topic, payload);
    this.broker = config.broker
      ? new ExternalBroker(config.broker, onTelemetry)
      : new FleetBroker({
          host: config.mqttHost,
          port: config.mqttPort,
          access: this.access,
          onTelemetry,
          onRefused: (clientId, refusal, topic) => {
            this.refusals.push({ clientId, refusal, ...(topic !== undefined && { topic }) });
            if (this.refusals.length > 100) this.refusals.shift();
          },
        });
  }

  private useStore(store: FleetStore): void {
    this.openStore = store;
    // PostgreSQL takes several kiosks' messages at once on its pool; SQLite one after the other
    this.openIngest = new FleetIngest(store, () => new Date(), {
      linePerKiosk: isPostgresUrl(this.config.db),
    });
    // the kiosk keeps an event until it hears it is stored (ADR 0011); a lost ack means a repeat
    this.openIngest.on('eventStored', ({ kioskId, id }) => {
      const ack: EventAck = { kioskId, ids: [id], at: new Date().toISOString() };
      this.broker.publishEventAck(kioskId, JSON.stringify(ack)).catch(() => undefined);
    });
    // an event it refuses for good is told as such, so the kiosk drops it instead of sending it again;
    // sent again (a kiosk before the refusals), acked after the refusal too, so that kiosk drops it
    this.openIngest.on('eventRefused', ({ kioskId, id, code }) => {
      const { acks, again } = this.refusalAnswers.answer(kioskId, id, code, new Date().toISOString());
      if (again)
        process.stderr.write(
          `fleet-monitor: ${code}: event ${id} of ${kioskId} sent again after its refusal, acknowledged so that a kiosk not reading refusals drops it\n`,
        );
      void (async () => {
        for (const ack of acks) await this.broker.publishEventAck(kioskId, JSON.stringify(ack));
      })().catch(() => undefined);
    });
    // a command's ack and a journal extract likewise, by command id
    this.openIngest.on('replyStored', ({ kioskId, of, commandId }) => {
      const ack: EventAck = { kioskId, of, ids: [commandId], at: new Date().toISOString() };
      this.broker.publishEventAck(kioskId, JSON.stringify(ack)).catch(() => undefined);
    });
    // a kiosk a release ahead (ADR 0018): each field or value this monitor does not know, once
    this.openIngest.on('unknown', (unknown) => {
      this.newerKioskParts.push(unknown);
      process.stderr.write(
        `fleet-monitor: kept a newer kiosk's message without knowing its ${unknown.part} (${unknown.kioskId}, ${unknown.topic})\n`,
      );
    });
    // a kiosk back gets the commands it has not answered, in case its session was lost
    this.pending.follow(this.openIngest);
  }

  /** Records the commands past their expiry as failed; the dashboards hear of it as of an ack. */
  private async expireCommands(): Promise<void> {
    for (const { kioskId } of await this.pending.expire())
      this.ingest.emit('handled', `kiosk/${kioskId}/commands/ack`);
  }

  /**
   * On PostgreSQL, several monitors share the ingest: this one tells the others what its ingest
   * changed and emits theirs on its own ingest (`relayIngest`), so whatever follows the ingest (the
   * dashboard) sees the whole fleet.
   */
  private async relayChanges(): Promise<void> {
    const { PostgresChangeFeed } = await import('./store/postgres-change-feed.js');
    const takeRemote = relayIngest(this.ingest, (change) => this.changeFeed?.publish(change));
    this.changeFeed = await PostgresChangeFeed.open(this.config.db, takeRemote);
  }

  /** The store (with PostgreSQL: once `start` has opened it). */
  get store(): FleetStore {
    if (!this.openStore) throw new Error('fleet monitor not started: its PostgreSQL store opens in start()');
    return this.openStore;
  }

  /** The ingest of this monitor (with PostgreSQL: once `start` has opened the store). */
  get ingest(): FleetIngest {
    if (!this.openIngest) throw new Error('fleet monitor not started: its PostgreSQL store opens in start()');
    return this.openIngest;
  }

  async start(): Promise<{ host: string; port: number }> {
    if (!this.openStore) {
      this.useStore(await openFleetStore(this.config.db));
      try {
        await this.relayChanges();
      } catch (error) {
        await this.store.close();
        throw error;
      }
    }
    try {
      this.mqttAddress = await this.broker.start();
    } catch (error) {
      await this.changeFeed?.close();
      await this.store.close();
      throw error;
    }
    this.sweep = setInterval(() => {
      void this.ingest.sweepSilentKiosks().catch(() => undefined);
      void this.expireCommands().catch(() => undefined);
    }, this.config.sweepIntervalMs ?? 1000);
    this.sweep.unref();
    return this.mqttAddress;
  }

  /**
   * Records the command (the audit) and publishes it on the kiosk's own command topic. A kiosk off
   * the broker gets it when it is back, until its expiry (`PendingCommands`).
   */
  async sendCommand(kioskId: string, input: CommandInput, issuedBy: string): Promise<Command> {
    const issuedAt = new Date().toISOString();
    const command = IssuedCommandSchema.parse({
      ...input,
      id: randomUUID(),
      kioskId,
      issuedAt,
      issuedBy,
      expiresAt: this.pending.expiresAt(issuedAt),
    });
    await this.store.saveCommand(command);
    await this.broker.publishCommand(kioskId, JSON.stringify(command));
    return command;
  }

  async stop(): Promise<void> {
    clearInterval(this.sweep);
    await this.broker.stop();
    await this.changeFeed?.close();
    if (!this.openStore) return;
    await this.ingest.settled();
    await this.store.close();
  }
}
