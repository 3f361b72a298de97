/**
 * How `FleetPublisher` gets a command's ack and a journal extract to a monitor (ADR 0011), the way
 * `EventDelivery` does events: each reply is sent once per connection (QoS 1) and kept until a
 * monitor's ack on `kiosk/<id>/events/ack` names its command id (`of: 'commandAcks'` or
 * `'journalExtracts'`); the broker's PUBACK only says the broker has it, and Mosquitto 2.0 drops
 * what it takes before the monitors subscribe again after a restart. Unacknowledged replies go again
 * after a reconnect and when no ack came within `ackTimeoutMs`; a repeat is harmless (the monitor
 * stores an ack and an extract once per command and acks the repeat too). The replies are few (one
 * or two per command), bounded (the oldest dropped past `REPLIES_LIMIT`: the command stays
 * unanswered in the monitor's audit) and kept in a file across a daemon restart when one is given.
 * A command's not-run answer (`isFinalAnswer`, ADR 0027) is the one a later answer to the same
 * command follows: it never replaces a kept final answer (a record unreadable at a delivery again),
 * and a final answer that replaced a kept not-run one outlives the next monitor's ack, which may be
 * the not-run one's, until a monitor acks again (else a lost send of it was never sent again).
 */
import type { MqttClient } from 'mqtt';
import { z } from 'zod';
import {
  CommandAckSchema,
  isFinalAnswer,
  JournalExtractSchema,
  readAck,
  telemetryTopic,
  type CommandAck,
  type JournalExtract,
} from '@kiosk/fleet-monitor/contract';
import { keptFileValue, writeKeptFile } from '@kiosk/device-drivers';

export type Reply =
  | { readonly of: 'commandAcks'; readonly body: CommandAck }
  | { readonly of: 'journalExtracts'; readonly body: JournalExtract };

/** replies kept at most; past it the oldest goes */
export const REPLIES_LIMIT = 200;

const CHANNEL = { commandAcks: 'commands/ack', journalExtracts: 'journal-extract' } as const;

const FileSchema = z.object({ replies: z.array(z.unknown()) });

/**
 * A kept reply as this release reads it from its file, open (ADR 0018): after a rollback to an
 * older release, a field the newer release added is left out and a reply this release does not
 * read (another `of`, a broken body) is skipped, the others still sent.
 */
const KeptReplySchema = z.discriminatedUnion('of', [
  z.object({ of: z.literal('commandAcks'), body: z.object(CommandAckSchema.shape) }),
  z.object({ of: z.literal('journalExtracts'), body: z.object(JournalExtractSchema.shape) }),
]);

export interface ReplyDeliveryOptions {
  readonly kioskId: string;
  /** the connected client, if any */
  readonly client: () => MqttClient | undefined;
  readonly ackTimeoutMs: number;
  /** where unacknowledged replies are kept across restarts; in memory only when absent */
  readonly file?: string;
}

const keyOf = (reply: Reply): string => `${reply.of}/${reply.body.commandId}`;

/** a command's not-run answer: another answer to the command may follow it */
const notRun = (reply: Reply | undefined): boolean =>
  reply?.of === 'commandAcks' && !isFinalAnswer(reply.body);

export class ReplyDelivery {
  /** oldest first, by `of/commandId` */
  private readonly replies = new Map<string, Reply>();
  /** keys sent since the last connect or ack timeout: each waits for a monitor's ack */
  private readonly sent = new Set<string>();
  /** keys whose final answer replaced a not-run one not acked yet: the next ack may be that one's */
  private readonly afterNotRun = new Set<string>();
  private lastProgressAt = 0;

  constructor(private readonly options: ReplyDeliveryOptions) {
    if (options.file) this.load(options.file);
  }

  /** replies waiting for a monitor to store them */
  get waiting(): number {
    return this.replies.size;
  }

  /**
   * Keeps a reply (a repeat replaces the one kept, a not-run answer no final one) and sends it now
   * if connected.
   */
  add(reply: Reply): void {
    const key = keyOf(reply);
    const kept = this.replies.get(key);
    if (kept && !notRun(kept) && notRun(reply)) return;
    if (notRun(kept) && !notRun(reply)) this.afterNotRun.add(key);
    this.replies.delete(key);
    this.sent.delete(key);
    this.replies.set(key, reply);
    while (this.replies.size > REPLIES_LIMIT) {
      const oldest = this.replies.keys().next().value!;
      this.replies.delete(oldest);
      this.afterNotRun.delete(oldest);
    }
    this.save();
    this.send();
  }

  /** A new connection: whatever was sent before may never have reached a monitor, so all goes again. */
  reconnected(): void {
    this.sent.clear();
    this.send();
  }

  /** Called now and then: sent replies no ack came for within `ackTimeoutMs` go again. */
  resendUnacked(): void {
    if (this.sent.size === 0 || Date.now() - this.lastProgressAt < this.options.ackTimeoutMs) return;
    this.sent.clear();
    this.send();
  }

  /** A message on the acks topic: true if it acked replies of this kiosk (they leave), false if it is not such an ack. */
  receiveAck(payload: Buffer): boolean {
    const ack = readAck(payload, this.options.kioskId);
    if (!ack || ack.of === 'events' || ack.of === 'refusedEvents') return false;
    const of = ack.of;
    this.lastProgressAt = Date.now();
    let changed = false;
    for (const id of ack.ids) {
      const key = `${of}/${id}`;
      // maybe the ack of the not-run answer it replaced: kept, sent again past the ack timeout
      if (this.afterNotRun.delete(key)) continue;
      this.sent.delete(key);
      changed = this.replies.delete(key) || changed;
    }
    if (changed) this.save();
    return true;
  }

  /** Sends each reply not yet sent on this connection, in the order they were kept. */
  private send(): void {
    const client = this.options.client();
    if (!client?.connected) return;
    for (const [key, reply] of this.replies) {
      if (this.sent.has(key)) continue;
      this.sent.add(key);
      this.lastProgressAt = Date.now();
      const topic = telemetryTopic(this.options.kioskId, CHANNEL[reply.of]);
      client.publish(topic, JSON.stringify(reply.body), { qos: 1 }, (error) => {
        // the link dropped: sent again after reconnect
        if (error) this.sent.delete(key);
      });
    }
  }

  /** A file that does not read is set aside as if empty (the commands stay unanswered in the audit). */
  private load(file: string): void {
    const body = keptFileValue(file);
    if (body === undefined) return;
    const parsed = FileSchema.safeParse(body);
    if (!parsed.success) return;
    for (const entry of parsed.data.replies.slice(-REPLIES_LIMIT)) {
      const reply = KeptReplySchema.safeParse(entry);
      if (reply.success && reply.data.body.kioskId === this.options.kioskId)
        this.replies.set(keyOf(reply.data), reply.data);
    }
  }

  private save(): void {
    const file = this.options.file;
    if (!file) return;
    writeKeptFile(file, { replies: [...this.replies.values()] });
  }
}
