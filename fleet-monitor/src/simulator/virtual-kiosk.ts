/**
 * One simulated kiosk on MQTT, speaking the telemetry contract as a real one does: retained
 * status with its supplies (simulated-status.ts), a last will, heartbeats, journey outcomes that
 * use up paper, card blanks, the card printer's ribbon and notes (simulated-supplies.ts), now and
 * then a retract or a device fault (a jammed card printer, card reader or cash dispenser:
 * simulated-faults.ts), and answers to commands (a journal extract from its journeys:
 * simulated-journal.ts). A supply that runs out is refilled, and a jam
 * freed, by a "field engineer" after `refillAfterMs`. Its reasons are a real kiosk's, in its order
 * (simulated-reasons.ts): an operator's hold (the command's reason, or REMOTE_OUT_OF_SERVICE) first.
 */
import { randomUUID } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import { readCommand } from '../contract/command-reading.js';
import { StatusRunCounter } from '../contract/status-run.js';
import { telemetryTopic, type CommandAck, type TelemetryEvent } from '../contract/telemetry.contract.js';
import { pickFault, SIMULATED_FAULTS, type FaultyDevice, type SimulatedFault } from './simulated-faults.js';
import { SimulatedJournal } from './simulated-journal.js';
import { operatorHoldReason } from './simulated-reasons.js';
import {
  journeysOfferedBy,
  simulatedStatus,
  type Mode,
  type SimulatedKioskState,
} from './simulated-status.js';
import {
  FULL,
  partUsedStock,
  SUPPLIES,
  supplyLevel,
  useUp,
  type SimulatedSupply,
  type Stock,
} from './simulated-supplies.js';

export interface VirtualKioskOptions {
  readonly url: string;
  readonly kioskId: string;
  readonly hallId?: string;
  readonly password: string;
  readonly heartbeatIntervalS: number;
  /** mean time between two residents' journeys */
  readonly journeyEveryMs: number;
  readonly refillAfterMs: number;
  /** 0..1, the chance a resident's journey ends with a device jammed; 0.002 by default */
  readonly faultChance?: number;
  /** 0..1, for tests; Math.random by default */
  readonly random?: () => number;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

export class VirtualKiosk {
  private client?: MqttClient;
  private readonly stock: Stock;
  private mode: Mode = 'inService';
  private fault: SimulatedFault | undefined;
  /** the reason of an operator's out-of-service hold; absent when not held */
  private hold: string | undefined;
  private seq = 0;
  private heartbeatSeq = 0;
  /** numbers its statuses as a real kiosk does (`StatusRunCounter`) */
  private readonly statusRun = new StatusRunCounter();
  /** numbers its connections as a real kiosk does (`connectionSeq`; from 1 at each start, kept nowhere) */
  private connections = 0;
  private readonly timers = new Set<NodeJS.Timeout>();
  /** the answers to the commands it ran, by id: one delivered again is answered so, not run again */
  private readonly answered = new Map<string, Pick<CommandAck, 'result' | 'code'>>();
  private readonly random: () => number;
  private readonly journal: SimulatedJournal;
  readonly startedAt = Date.now();
  published = { status: 0, events: 0, heartbeats: 0, acks: 0 };

  constructor(private readonly options: VirtualKioskOptions) {
    this.random = options.random ?? Math.random;
    this.journal = new SimulatedJournal(options.kioskId);
    // start part-used, so a fleet does not run out all at once
    this.stock = partUsedStock(this.random);
  }

  start(): Promise<void> {
    const { kioskId } = this.options;
    const will = (): Buffer => {
      const connectionSeq = ++this.connections;
      const at = new Date().toISOString();
      return Buffer.from(
        JSON.stringify({ connection: 'offline', kioskId, cause: 'lastWill', connectionSeq, at }),
      );
    };
    const client = connect(this.options.url, {
      clientId: kioskId,
      username: kioskId,
      password: this.options.password,
      clean: false,
      keepalive: this.options.heartbeatIntervalS,
      reconnectPeriod: 1000 + Math.round(this.random() * 1000),
      will: {
        topic: telemetryTopic(kioskId, 'status'),
        payload: will(),
        qos: 1,
        retain: true,
      },
    });
    // each try carries a will of its own number (mqtt.js says 'reconnect' just before it)
    client.on('reconnect', () => {
      if (client.options.will) client.options.will.payload = will();
    });
    this.client = client;
    client.on('message', (_topic, payload) => this.onCommand(payload));
    const subscribed = new Promise<void>((resolve, reject) => {
      client.on('connect', () => {
        this.publishStatus();
        client.subscribe(telemetryTopic(kioskId, 'commands'), { qos: 1 }, (error) =>
          error ? reject(error) : resolve(),
        );
      });
      client.once('error', reject);
    });
    this.every(this.options.heartbeatIntervalS * 1000, () => this.heartbeat());
    this.scheduleJourney();
    /** resolves once commands can arrive */
    return subscribed;
  }

  async stop(): Promise<void> {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    await this.client?.endAsync(true);
  }

  private every(ms: number, work: () => void): void {
    const timer = setInterval(work, ms);
    timer.unref();
    this.timers.add(timer);
  }

  private later(ms: number, work: () => void): void {
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      work();
    }, ms);
    timer.unref();
    this.timers.add(timer);
  }

  /** what it is now, for its status and its residents */
  private state(): SimulatedKioskState {
    return { mode: this.mode, hold: this.hold, fault: this.fault, stock: this.stock };
  }

  private levels(): string {
    return JSON.stringify(SUPPLIES.map((name) => supplyLevel(this.stock, name)));
  }

  private publishStatus(): void {
    const status = {
      ...simulatedStatus(this.options, this.state()),
      run: this.statusRun.next(),
      connectionSeq: this.connections,
    };
    this.client?.publish(telemetryTopic(status.kioskId, 'status'), JSON.stringify(status), {
      qos: 1,
      retain: true,
    });
    this.published.status++;
  }

  private event(input: DistributiveOmit<TelemetryEvent, 'id' | 'kioskId' | 'seq' | 'at'>): void {
    const event = {
      ...input,
      id: randomUUID(),
      kioskId: this.options.kioskId,
      seq: this.seq++,
      at: new Date().toISOString(),
    };
    this.client?.publish(telemetryTopic(event.kioskId, 'events'), JSON.stringify(event), { qos: 1 });
    this.published.events++;
  }

  private heartbeat(): void {
    if (!this.client?.connected) return;
    const heartbeat = {
      kioskId: this.options.kioskId,
      seq: this.heartbeatSeq++,
      at: new Date().toISOString(),
      uptimeS: Math.floor((Date.now() - this.startedAt) / 1000),
      queued: 0,
      connectionSeq: this.connections,
    };
    this.client.publish(telemetryTopic(heartbeat.kioskId, 'heartbeat'), JSON.stringify(heartbeat), {
      qos: 0,
    });
    this.published.heartbeats++;
  }

  private scheduleJourney(): void {
    // exponential gaps: residents arrive independently
    const gap = -Math.log(1 - this.random()) * this.options.journeyEveryMs;
    this.later(Math.max(1, gap), () => {
      this.serveResident();
      this.scheduleJourney();
    });
  }

  private serveResident(): void {
    const offered = journeysOfferedBy(this.state());
    if (!this.client?.connected || offered.length === 0) return;
    const journey = offered[Math.floor(this.random() * offered.length)]!;
    const before = this.levels();
    const roll = this.random();
    const outcome = roll < 0.9 ? 'completed' : roll < 0.97 ? 'cancelled' : 'failed';
    if (outcome === 'completed') useUp(this.stock, journey, this.random);
    const done = {
      journey,
      outcome,
      ...(outcome === 'failed' && { code: 'HOST_TIMEOUT' }),
      durationMs: Math.round(20_000 + this.random() * 100_000),
    };
    this.journal.record(done);
    this.event({ type: 'journeyOutcome', ...done, outcome });
    if (this.random() < 0.01)
      this.event({ type: 'retract', device: 'cardReader', item: 'card', code: 'CARD_NOT_TAKEN_RETRACTED' });
    if (!this.fault && this.random() < (this.options.faultChance ?? 0.002))
      this.jam(pickFault(this.random()).device);
    if (this.levels() !== before) {
      this.publishStatus();
      for (const name of SUPPLIES)
        if (this.stock[name] <= 0) this.later(this.options.refillAfterMs, () => this.refill(name));
    }
  }

  /** a device jams: its fault event, then its status; field staff free it after `refillAfterMs` */
  jam(device: FaultyDevice): void {
    if (this.fault) return;
    this.fault = SIMULATED_FAULTS.find((fault) => fault.device === device)!;
    this.event({ type: 'deviceFault', device, code: this.fault.code });
    this.publishStatus();
    this.later(this.options.refillAfterMs, () => this.clearFault());
  }

  private clearFault(): void {
    if (!this.fault) return;
    this.event({ type: 'faultCleared', device: this.fault.device });
    this.fault = undefined;
    this.publishStatus();
  }

  /** what a field engineer's visit does */
  refill(name: SimulatedSupply): void {
    if (this.stock[name] > 0) return;
    this.stock[name] = FULL[name];
    this.publishStatus();
  }

  private onCommand(payload: Buffer): void {
    // read as a real kiosk reads it (command-reading.ts, ADR 0018): an unknown type or a bad field
    // is refused with its code and acknowledged, not left silent until it expires at the monitor
    const reading = readCommand(payload, this.options.kioskId);
    if (!reading.ok) {
      if (reading.commandId) this.acknowledge(reading.commandId, { result: 'rejected', code: reading.code });
      return;
    }
    const { command } = reading;
    // a real kiosk answers a command it ran from its journal, never runs it twice (ADR 0027)
    const before = this.answered.get(command.id);
    if (before) return this.acknowledge(command.id, before);
    let result: Pick<CommandAck, 'result' | 'code'> = { result: 'done' };
    // past its expiry (the kiosk was away): refused, as a real kiosk does
    if (command.expiresAt !== undefined && Date.parse(command.expiresAt) <= Date.now())
      result = { result: 'rejected', code: 'TELEMETRY_COMMAND_EXPIRED' };
    else if (command.type === 'outOfService') {
      this.mode = 'outOfService';
      this.hold = operatorHoldReason(command.reason);
    } else if (command.type === 'inService') {
      this.mode = 'inService';
      this.hold = undefined;
    } else if (command.type === 'uploadJournalExtract') {
      // its extract first, then the ack, as a real kiosk sends them
      const { answer, extract } = this.journal.extract(command);
      const topic = telemetryTopic(command.kioskId, 'journal-extract');
      if (extract) this.client?.publish(topic, JSON.stringify(extract), { qos: 1 });
      result = answer;
    }
    this.answered.set(command.id, result);
    if (this.answered.size > 100) this.answered.delete(this.answered.keys().next().value!);
    this.acknowledge(command.id, result);
    if (command.type === 'outOfService' || command.type === 'inService') this.publishStatus();
  }

  private acknowledge(commandId: string, result: Pick<CommandAck, 'result' | 'code'>): void {
    const ack: CommandAck = {
      commandId,
      kioskId: this.options.kioskId,
      ...result,
      at: new Date().toISOString(),
    };
    this.client?.publish(telemetryTopic(ack.kioskId, 'commands/ack'), JSON.stringify(ack), { qos: 1 });
    this.published.acks++;
  }
}
