/**
 * The fleet monitor without Nest: store, kiosk access, embedded broker, ingest, operator sessions
 * and the silent-kiosk sweep, started and stopped together. Nest (app.module) and the tests both
 * build it from the same options.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import { CommandSchema, type Command } from './contract/telemetry.contract.js';
import { FleetBroker } from './broker/fleet-broker.js';
import { KioskAccess, type AccessRefusal } from './broker/kiosk-access.js';
import { FleetIngest } from './alerts/fleet-ingest.js';
import type { FleetStore } from './store/fleet-store.js';
import { SqliteFleetStore } from './store/sqlite-fleet-store.js';
import { OperatorSessions } from './auth/operator-sessions.js';
import {
  KioskCredentialsFileSchema,
  OperatorsFileSchema,
  readCredentialFile,
  type KioskCredentialsFile,
  type OperatorsFile,
} from './credentials/credential-files.js';

export interface FleetMonitorConfig {
  readonly mqttHost: string;
  readonly mqttPort: number;
  readonly db: string;
  readonly kiosks: KioskCredentialsFile;
  readonly operators: OperatorsFile;
  /** how often to look for kiosks silent past their heartbeat window; default 1 s */
  readonly sweepIntervalMs?: number;
}

export interface Refusal {
  readonly clientId: string;
  readonly refusal: AccessRefusal;
  readonly topic?: string;
}

/** Reads the credential files named on the command line (none given: an empty list). */
export function loadCredentials(options: { kiosksFile?: string; operatorsFile?: string }): {
  kiosks: KioskCredentialsFile;
  operators: OperatorsFile;
} {
  return {
    kiosks: options.kiosksFile
      ? readCredentialFile(options.kiosksFile, KioskCredentialsFileSchema)
      : { kiosks: {} },
    operators: options.operatorsFile
      ? readCredentialFile(options.operatorsFile, OperatorsFileSchema)
      : { users: [] },
  };
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as an operator asks for it; the monitor adds id, kiosk id, time and operator. */
export type CommandInput = DistributiveOmit<Command, 'id' | 'kioskId' | 'issuedAt' | 'issuedBy'>;

export class FleetMonitor {
  readonly store: FleetStore;
  readonly access: KioskAccess;
  readonly ingest: FleetIngest;
  readonly sessions: OperatorSessions;
  readonly broker: FleetBroker;
  /** the last refusals, newest last (at most 100), for the API and the tests */
  readonly refusals: Refusal[] = [];
  private sweep?: NodeJS.Timeout;
  mqttAddress?: { host: string; port: number };

  constructor(private readonly config: FleetMonitorConfig) {
    if (config.db !== ':memory:') mkdirSync(dirname(config.db), { recursive: true });
    this.store = new SqliteFleetStore(config.db);
    this.access = new KioskAccess(new Map(Object.entries(config.kiosks.kiosks)));
    this.ingest = new FleetIngest(this.store);
    this.sessions = new OperatorSessions(config.operators);
    this.broker = new FleetBroker({
      host: config.mqttHost,
      port: config.mqttPort,
      access: this.access,
      onTelemetry: (topic, payload) => this.ingest.accept(topic, payload),
      onRefused: (clientId, refusal, topic) => {
        this.refusals.push({ clientId, refusal, ...(topic !== undefined && { topic }) });
        if (this.refusals.length > 100) this.refusals.shift();
      },
    });
  }

  async start(): Promise<{ host: string; port: number }> {
    this.mqttAddress = await this.broker.start();
    this.sweep = setInterval(
      () => void this.ingest.sweepSilentKiosks().catch(() => undefined),
      this.config.sweepIntervalMs ?? 1000,
    );
    this.sweep.unref();
    return this.mqttAddress;
  }

  /** Records the command (the audit) and publishes it on the kiosk's own command topic. */
  async sendCommand(kioskId: string, input: CommandInput, issuedBy: string): Promise<Command> {
    const command = CommandSchema.parse({
      ...input,
      id: randomUUID(),
      kioskId,
      issuedAt: new Date().toISOString(),
      issuedBy,
    });
    await this.store.saveCommand(command);
    await this.broker.publishCommand(kioskId, JSON.stringify(command));
    return command;
  }

  async stop(): Promise<void> {
    clearInterval(this.sweep);
    await this.broker.stop();
    await this.ingest.settled();
    await this.store.close();
  }
}
