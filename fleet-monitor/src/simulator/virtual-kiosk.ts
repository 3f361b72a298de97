/**
 * One simulated kiosk on MQTT, speaking the telemetry contract as a real one does: retained
 * status with its supplies, a last will, heartbeats, journey outcomes that use up paper, card
 * blanks, the card printer's ribbon and notes, now and then a retract or a device fault (a jammed card printer, card reader
 * or cash dispenser: simulated-faults.ts), and answers to commands. A supply that runs out is
 * refilled, and a jam freed, by a "field engineer" after `refillAfterMs`. An operator's hold
 * reports its reason (the command's, or REMOTE_OUT_OF_SERVICE) as a real kiosk does.
 */
import { randomUUID } from 'node:crypto';
import { connect, type MqttClient } from 'mqtt';
import {
  CommandSchema,
  telemetryTopic,
  type Command,
  type CommandAck,
  type OnlineStatus,
  type TelemetryEvent,
} from '../contract/telemetry.contract.js';
import type { Journey } from '@kiosk/domain';
import {
  deviceStateUnder,
  journeysLeftBy,
  operatorHoldReason,
  outOfServiceBy,
  pickFault,
  serviceReasonUnder,
  SIMULATED_FAULTS,
  type FaultyDevice,
  type SimulatedFault,
} from './simulated-faults.js';

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

interface Stock {
  paper: number;
  cardHopper: number;
  /** the card printer's ribbon, in prints (a real printer reports it; none reported reads as empty) */
  ribbon: number;
  cassette: number;
}
const FULL: Stock = { paper: 800, cardHopper: 200, ribbon: 250, cassette: 2000 };
const LOW: Stock = { paper: 80, cardHopper: 20, ribbon: 20, cassette: 200 };
const SUPPLIES = ['paper', 'cardHopper', 'ribbon', 'cassette'] as const;

type Mode = OnlineStatus['mode'];
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
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly random: () => number;
  readonly startedAt = Date.now();
  published = { status: 0, events: 0, heartbeats: 0, acks: 0 };

  constructor(private readonly options: VirtualKioskOptions) {
    this.random = options.random ?? Math.random;
    // start part-used, so a fleet does not run out all at once
    this.stock = {
      paper: Math.round(FULL.paper * (0.15 + 0.85 * this.random())),
      cardHopper: Math.round(FULL.cardHopper * (0.15 + 0.85 * this.random())),
      cassette: Math.round(FULL.cassette * (0.15 + 0.85 * this.random())),
      // drawn last, so a seeded kiosk's other supplies start as they did before the ribbon
      ribbon: Math.round(FULL.ribbon * (0.15 + 0.85 * this.random())),
    };
  }

  start(): Promise<void> {
    const { kioskId } = this.options;
    const will = { connection: 'offline', kioskId, cause: 'lastWill', at: new Date().toISOString() };
    const client = connect(this.options.url, {
      clientId: kioskId,
      username: kioskId,
      password: this.options.password,
      clean: false,
      keepalive: this.options.heartbeatIntervalS,
      reconnectPeriod: 1000 + Math.round(this.random() * 1000),
      will: {
        topic: telemetryTopic(kioskId, 'status'),
        payload: Buffer.from(JSON.stringify(will)),
        qos: 1,
        retain: true,
      },
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

  private level(name: keyof Stock): 'ok' | 'low' | 'empty' {
    const count = this.stock[name];
    return count <= 0 ? 'empty' : count <= LOW[name] ? 'low' : 'ok';
  }

  private journeysOffered(): Journey[] {
    if (this.mode === 'outOfService' || this.mode === 'maintenance') return [];
    const offered: Journey[] = ['balance', 'activatePin', 'changePin', 'resetPin', 'reportLoss'];
    if (this.stock.paper > 0) offered.push('records');
    if (this.stock.cardHopper > 0 && this.stock.ribbon > 0) offered.push('issueCard', 'replaceCard');
    if (this.stock.cassette > 0) offered.push('withdraw');
    return journeysLeftBy(this.fault, offered);
  }

  private currentMode(): Mode {
    if (this.mode === 'outOfService' || this.mode === 'maintenance') return this.mode;
    if (outOfServiceBy(this.fault)) return 'outOfService';
    return this.emptied().length > 0 || this.fault ? 'degraded' : 'inService';
  }

  private emptied(): (keyof Stock)[] {
    return SUPPLIES.filter((name) => this.stock[name] <= 0);
  }

  /** the reason a real kiosk gives: an operator's hold first, else the jam and the supplies used up */
  private reason(): string | undefined {
    if (this.hold !== undefined) return this.hold;
    return this.mode === 'inService' ? serviceReasonUnder(this.fault, this.emptied()) : undefined;
  }

  private publishStatus(): void {
    const status: OnlineStatus = {
      connection: 'online',
      kioskId: this.options.kioskId,
      mode: this.currentMode(),
      ...(this.reason() !== undefined && { reason: this.reason() }),
      version: 'simulator',
      ...(this.options.hallId !== undefined && { hallId: this.options.hallId }),
      journeysOffered: this.journeysOffered(),
      devices: (
        [
          ['cardReader', [{ name: 'retractBin', level: 'ok' }]],
          ['receiptPrinter', [{ name: 'paper', level: this.level('paper'), count: this.stock.paper }]],
          [
            'cardPrinter',
            [
              { name: 'cardHopper', level: this.level('cardHopper'), count: this.stock.cardHopper },
              { name: 'ribbon', level: this.level('ribbon'), count: this.stock.ribbon },
            ],
          ],
          [
            'cashDispenser',
            [{ name: 'cassette:upper', level: this.level('cassette'), count: this.stock.cassette }],
          ],
        ] as const
      ).map(([kind, supplies]) => ({ kind, ...deviceStateUnder(this.fault, kind), supplies: [...supplies] })),
      heartbeatIntervalS: this.options.heartbeatIntervalS,
      at: new Date().toISOString(),
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
    const offered = this.journeysOffered();
    if (!this.client?.connected || offered.length === 0) return;
    const journey = offered[Math.floor(this.random() * offered.length)]!;
    const before = JSON.stringify(SUPPLIES.map((name) => this.level(name)));
    const roll = this.random();
    const outcome = roll < 0.9 ? 'completed' : roll < 0.97 ? 'cancelled' : 'failed';
    if (outcome === 'completed') {
      if (journey === 'records' || journey === 'withdraw' || journey === 'issueCard') this.stock.paper--;
      if (journey === 'issueCard' || journey === 'replaceCard') {
        this.stock.cardHopper--;
        this.stock.ribbon--;
      }
      if (journey === 'withdraw') this.stock.cassette -= 1 + Math.floor(this.random() * 10);
    }
    this.stock.cassette = Math.max(0, this.stock.cassette);
    this.event({
      type: 'journeyOutcome',
      journey,
      outcome,
      ...(outcome === 'failed' && { code: 'HOST_TIMEOUT' }),
      durationMs: Math.round(20_000 + this.random() * 100_000),
    });
    if (this.random() < 0.01)
      this.event({ type: 'retract', device: 'cardReader', item: 'card', code: 'CARD_NOT_TAKEN_RETRACTED' });
    if (!this.fault && this.random() < (this.options.faultChance ?? 0.002))
      this.jam(pickFault(this.random()).device);
    const after = JSON.stringify(SUPPLIES.map((name) => this.level(name)));
    if (after !== before) {
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
  refill(name: keyof Stock): void {
    if (this.stock[name] > 0) return;
    this.stock[name] = FULL[name];
    this.publishStatus();
  }

  private onCommand(payload: Buffer): void {
    let command: Command;
    try {
      command = CommandSchema.parse(JSON.parse(payload.toString('utf8')));
    } catch {
      return;
    }
    let result: Pick<CommandAck, 'result' | 'code'> = { result: 'done' };
    if (command.kioskId !== this.options.kioskId)
      result = { result: 'rejected', code: 'TELEMETRY_COMMAND_FOR_OTHER_KIOSK' };
    // past its expiry (the kiosk was away): refused, as a real kiosk does
    else if (command.expiresAt !== undefined && Date.parse(command.expiresAt) <= Date.now())
      result = { result: 'rejected', code: 'TELEMETRY_COMMAND_EXPIRED' };
    else if (command.type === 'outOfService') {
      this.mode = 'outOfService';
      this.hold = operatorHoldReason(command.reason);
    } else if (command.type === 'inService') {
      this.mode = 'inService';
      this.hold = undefined;
    } else if (command.type === 'uploadJournalExtract')
      result = { result: 'rejected', code: 'TELEMETRY_COMMAND_FAILED' };
    const ack: CommandAck = {
      commandId: command.id,
      kioskId: this.options.kioskId,
      ...result,
      at: new Date().toISOString(),
    };
    this.client?.publish(telemetryTopic(ack.kioskId, 'commands/ack'), JSON.stringify(ack), { qos: 1 });
    this.published.acks++;
    if (command.type === 'outOfService' || command.type === 'inService') this.publishStatus();
  }
}
