/**
 * A kiosk on MQTT for the dashboard specs, driven step by step: it publishes its retained status
 * with the paper level the test sets (and a device jammed with its fault code, `jam`), journey
 * outcomes, a self test that failed at boot (`selfTestFailed`: out of service with its reason and
 * the recoveryNeedsStaff event), and answers every command as the daemon
 * does (out of service / in service change its mode and reason, then the ack and the new status), a journal extract of one
 * transaction when asked for one, and heartbeats.
 */
import { randomUUID } from 'node:crypto';
import { connectAsync, type MqttClient } from 'mqtt';
import { ServiceReason } from '@kiosk/domain';
import type { Command, OnlineStatus } from '../src/contract/telemetry.contract.js';

type PaperLevel = 'ok' | 'low' | 'empty';
const PAPER_COUNT: Record<PaperLevel, number> = { ok: 800, low: 80, empty: 0 };

export class TestKiosk {
  readonly commands: Command[] = [];
  private mode: 'inService' | 'outOfService' = 'inService';
  /** why it is out of service, as the kiosk machine says it (domain's ServiceReason) */
  private reason: string | undefined;
  private paper: PaperLevel = 'ok';
  private seq = 0;
  private heartbeatSeq = 0;
  private heartbeats?: NodeJS.Timeout;
  /** jammed devices and their fault codes, as the daemon reports them */
  private readonly faults = new Map<'cardReader' | 'cashDispenser', string>();

  private constructor(
    private readonly client: MqttClient,
    readonly kioskId: string,
    /** '' for a kiosk that names no hall */
    private readonly hallId: string,
  ) {}

  static async connect(url: string, kioskId: string, password: string, hallId: string): Promise<TestKiosk> {
    const will = { connection: 'offline', kioskId, cause: 'lastWill', at: new Date().toISOString() };
    const client = await connectAsync(url, {
      clientId: kioskId,
      username: kioskId,
      password,
      reconnectPeriod: 0,
      will: {
        topic: `kiosk/${kioskId}/status`,
        payload: Buffer.from(JSON.stringify(will)),
        qos: 1,
        retain: true,
      },
    });
    const kiosk = new TestKiosk(client, kioskId, hallId);
    await client.subscribeAsync(`kiosk/${kioskId}/commands`, { qos: 1 });
    client.on(
      'message',
      // a kiosk closing while it answers: the answer is lost, as it would be
      (_topic, payload) =>
        void kiosk.answer(JSON.parse(payload.toString()) as Command).catch(() => undefined),
    );
    await kiosk.publishStatus();
    // every 5 s, within the 10 s interval its status announces: the monitor never calls it silent
    kiosk.heartbeats = setInterval(() => kiosk.heartbeat(), 5000);
    return kiosk;
  }

  status(): OnlineStatus {
    const paperOut = this.paper === 'empty';
    return {
      connection: 'online',
      kioskId: this.kioskId,
      ...(this.hallId !== '' && { hallId: this.hallId }),
      mode: this.mode === 'outOfService' ? 'outOfService' : paperOut ? 'degraded' : 'inService',
      ...(this.mode === 'outOfService' && this.reason !== undefined && { reason: this.reason }),
      version: '0.1.0',
      journeysOffered:
        this.mode === 'outOfService' ? [] : paperOut ? ['balance'] : ['balance', 'records', 'issueCard'],
      devices: [
        {
          kind: 'receiptPrinter',
          device: 'online',
          supplies: [{ name: 'paper', level: this.paper, count: PAPER_COUNT[this.paper] }],
        },
        {
          kind: 'cardPrinter',
          device: 'online',
          supplies: [{ name: 'cardHopper', level: 'ok', count: 150 }],
        },
        ...[...this.faults].map(([kind, faultCode]) => ({
          kind,
          device: 'hardwareError' as const,
          supplies: [],
          faultCode,
        })),
      ],
      heartbeatIntervalS: 10,
      at: new Date().toISOString(),
    };
  }

  async setPaper(level: PaperLevel): Promise<void> {
    this.paper = level;
    await this.publishStatus();
  }

  async journey(
    journey: 'issueCard' | 'withdraw',
    outcome: 'completed' | 'failed' = 'completed',
  ): Promise<void> {
    const event = {
      id: randomUUID(),
      kioskId: this.kioskId,
      seq: this.seq++,
      at: new Date().toISOString(),
      type: 'journeyOutcome',
      journey,
      outcome,
      durationMs: 60_000,
    };
    await this.client.publishAsync(`kiosk/${this.kioskId}/events`, JSON.stringify(event), { qos: 1 });
  }

  /** A maintenance event: what field staff did at the kiosk (the fields as the daemon sends them). */
  async maintenance(fields: {
    action: string;
    staffId?: string;
    device?: string;
    supply?: string;
    count?: number;
    code?: string;
  }): Promise<void> {
    const event = {
      id: randomUUID(),
      kioskId: this.kioskId,
      seq: this.seq++,
      at: new Date().toISOString(),
      type: 'maintenance',
      ...fields,
    };
    await this.client.publishAsync(`kiosk/${this.kioskId}/events`, JSON.stringify(event), { qos: 1 });
  }

  /** A device jams: its deviceFault event with the code, then the status naming it (as the daemon does). */
  async jam(device: 'cardReader' | 'cashDispenser', code: string): Promise<void> {
    this.faults.set(device, code);
    const event = {
      id: randomUUID(),
      kioskId: this.kioskId,
      seq: this.seq++,
      at: new Date().toISOString(),
      type: 'deviceFault',
      device,
      code,
    };
    await this.client.publishAsync(`kiosk/${this.kioskId}/events`, JSON.stringify(event), { qos: 1 });
    await this.publishStatus();
  }

  /**
   * The self test failed at boot (a recovery left for staff): out of service with the reason
   * SELF_TEST_FAILED, and the recoveryNeedsStaff event naming it, as the daemon's fleet reporter sends.
   */
  async selfTestFailed(): Promise<void> {
    this.mode = 'outOfService';
    this.reason = ServiceReason.SELF_TEST_FAILED;
    const event = {
      id: randomUUID(),
      kioskId: this.kioskId,
      seq: this.seq++,
      at: new Date().toISOString(),
      type: 'recoveryNeedsStaff',
      code: ServiceReason.SELF_TEST_FAILED,
    };
    await this.client.publishAsync(`kiosk/${this.kioskId}/events`, JSON.stringify(event), { qos: 1 });
    await this.publishStatus();
  }

  /** An anomaly event (each raises an alert of its own at the monitor). */
  async anomaly(code: string): Promise<void> {
    const event = {
      id: randomUUID(),
      kioskId: this.kioskId,
      seq: this.seq++,
      at: new Date().toISOString(),
      type: 'anomaly',
      code,
    };
    await this.client.publishAsync(`kiosk/${this.kioskId}/events`, JSON.stringify(event), { qos: 1 });
  }

  publishStatus(): Promise<unknown> {
    return this.client.publishAsync(`kiosk/${this.kioskId}/status`, JSON.stringify(this.status()), {
      qos: 1,
      retain: true,
    });
  }

  private async answer(command: Command): Promise<void> {
    this.commands.push(command);
    if (command.type === 'outOfService') {
      this.mode = 'outOfService';
      this.reason = command.reason ?? ServiceReason.REMOTE_OUT_OF_SERVICE;
    }
    if (command.type === 'inService') {
      this.mode = 'inService';
      this.reason = undefined;
    }
    if (command.type === 'uploadJournalExtract') {
      const extract = {
        commandId: command.id,
        kioskId: this.kioskId,
        from: command.from,
        to: command.to,
        transactions: 1,
        jsonl: `${JSON.stringify({ id: `${this.kioskId}-1`, journey: 'balance', outcome: 'completed' })}\n`,
        at: new Date().toISOString(),
      };
      await this.client.publishAsync(`kiosk/${this.kioskId}/journal-extract`, JSON.stringify(extract), {
        qos: 1,
      });
    }
    const ack = {
      commandId: command.id,
      kioskId: this.kioskId,
      result: 'done',
      at: new Date().toISOString(),
    };
    await this.client.publishAsync(`kiosk/${this.kioskId}/commands/ack`, JSON.stringify(ack), { qos: 1 });
    await this.publishStatus();
  }

  private heartbeat(): void {
    const heartbeat = {
      kioskId: this.kioskId,
      seq: this.heartbeatSeq++,
      at: new Date().toISOString(),
      uptimeS: 1,
      queued: 0,
    };
    this.client.publish(`kiosk/${this.kioskId}/heartbeat`, JSON.stringify(heartbeat), { qos: 0 });
  }

  /** The kiosk dies: its connection drops without a word, so the broker sends its last will. */
  die(): void {
    clearInterval(this.heartbeats);
    this.client.stream.destroy();
  }

  async close(): Promise<void> {
    clearInterval(this.heartbeats);
    // gracefully: the answers still in flight go out first (a forced end fails them, and this with them)
    if (this.client.connected) await this.client.endAsync(false);
    else this.client.end(true);
  }
}
