/**
 * ReplyDelivery alone, on a stand-in MQTT client that records what it publishes: a command's ack
 * and a journal extract are kept until a monitor's ack names their command id, sent again on a
 * reconnect and after the ack timeout, carried over a daemon restart in their file, bounded.
 */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { JournalExtract } from '@kiosk/fleet-monitor/contract';
import { REPLIES_LIMIT } from './reply-delivery.js';
import { ackOf, at, delivery, link, monitorAck } from './reply-delivery.spec-support.js';

let dir: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'reply-delivery-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const extractOf = (commandId: string): JournalExtract => ({
  commandId,
  kioskId: 'k1',
  from: at,
  to: at,
  transactions: 0,
  jsonl: '',
  at,
});

describe('ReplyDelivery', () => {
  it('sends the extract before the ack and keeps both until a monitor acks each by command id', () => {
    const replies = delivery();
    const id = randomUUID();
    replies.add({ of: 'journalExtracts', body: extractOf(id) });
    replies.add({ of: 'commandAcks', body: ackOf(id) });
    expect(link.published).toEqual([
      { topic: 'kiosk/k1/journal-extract', commandId: id },
      { topic: 'kiosk/k1/commands/ack', commandId: id },
    ]);
    expect(replies.receiveAck(monitorAck('commandAcks', [id]))).toBe(true);
    expect(replies.waiting).toBe(1);
    expect(replies.receiveAck(monitorAck('journalExtracts', [id]))).toBe(true);
    expect(replies.waiting).toBe(0);
  });

  it('an ack of events, of another kiosk or malformed is not taken: the replies stay', () => {
    const replies = delivery();
    const id = randomUUID();
    replies.add({ of: 'commandAcks', body: ackOf(id) });
    expect(replies.receiveAck(monitorAck(undefined, [id]))).toBe(false);
    expect(replies.receiveAck(monitorAck('events', [id]))).toBe(false);
    expect(replies.receiveAck(monitorAck('commandAcks', [id], 'k2'))).toBe(false);
    expect(replies.receiveAck(Buffer.from('{not json'))).toBe(false);
    expect(replies.waiting).toBe(1);
  });

  it('broker dropped the ack: sent again on reconnect and after the ack timeout, not before', () => {
    const id = randomUUID();
    const replies = delivery();
    replies.add({ of: 'commandAcks', body: ackOf(id) });
    replies.resendUnacked();
    expect(link.published).toHaveLength(1);
    replies.reconnected();
    expect(link.published).toHaveLength(2);

    const quick = delivery({ ackTimeoutMs: 0 });
    quick.add({ of: 'commandAcks', body: ackOf(id) });
    quick.resendUnacked();
    expect(link.published).toHaveLength(4);
    quick.receiveAck(monitorAck('commandAcks', [id]));
    quick.resendUnacked();
    expect(link.published).toHaveLength(4);
  });

  it('away from the broker: nothing is sent until the reconnect', () => {
    link.client.connected = false;
    const replies = delivery();
    replies.add({ of: 'commandAcks', body: ackOf(randomUUID()) });
    expect(link.published).toEqual([]);
    link.client.connected = true;
    replies.reconnected();
    expect(link.published).toHaveLength(1);
  });

  it('daemon restart before the monitor acked: a new delivery on the same file sends the reply again', () => {
    const file = join(dir, 'fleet-replies.json');
    const id = randomUUID();
    delivery({ file }).add({ of: 'commandAcks', body: ackOf(id) });
    link.published = [];
    const again = delivery({ file });
    expect(again.waiting).toBe(1);
    again.reconnected();
    expect(link.published).toEqual([{ topic: 'kiosk/k1/commands/ack', commandId: id }]);
    again.receiveAck(monitorAck('commandAcks', [id]));
    expect(delivery({ file }).waiting).toBe(0);
  });

  it('a replies file that does not read is set aside as empty', () => {
    const file = join(dir, 'fleet-replies.json');
    writeFileSync(file, '{"replies":[{"of":"commandAcks","body":{"pin":"1234"}}]}');
    expect(delivery({ file }).waiting).toBe(0);
    writeFileSync(file, 'garbage');
    expect(delivery({ file }).waiting).toBe(0);
  });

  it('more replies than the limit: the oldest go first', () => {
    link.client.connected = false;
    const replies = delivery();
    const ids = Array.from({ length: REPLIES_LIMIT + 2 }, () => randomUUID());
    for (const id of ids) replies.add({ of: 'commandAcks', body: ackOf(id) });
    expect(replies.waiting).toBe(REPLIES_LIMIT);
    link.client.connected = true;
    replies.reconnected();
    expect(link.published[0]!.commandId).toBe(ids[2]);
  });
});
