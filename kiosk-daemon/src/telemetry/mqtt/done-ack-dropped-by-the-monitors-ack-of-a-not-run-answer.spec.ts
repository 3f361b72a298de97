/**
 * Fault: the kiosk keeps its replies by command id (`ReplyDelivery`), and a command's not-run
 * answer (rejected TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE, the one that is not final, ADR 0027) is
 * followed by another answer to the same command when it is delivered again. Two ways that lost the
 * command's last word:
 * - the not-run answer still unacknowledged when the command ran on a delivery again: the done ack
 *   replaced it, and the monitor's ack of the not-run one, coming after, took the done ack out of
 *   the kept replies. Sent once, on a line that may lose it (Mosquitto drops what it takes before
 *   the monitors subscribe again after a restart), it was never sent again: the monitor kept the
 *   command waiting, "not run yet", until it expired it failed, though the kiosk had run it.
 * - a done ack still unacknowledged when the command came again and its record could not be read
 *   (answered not run): the not-run answer replaced the done one, and the done ack was never sent
 *   again.
 * Now a not-run answer never replaces a kept final one, and a final answer that replaced a kept
 * not-run one stays kept past the next monitor's ack (that may be the not-run one's) until a
 * monitor acks again; a repeat is harmless (the monitor stores an answer once, a final one for good).
 */
import { describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { ackOf, delivery, link, monitorAck } from './reply-delivery.spec-support.js';

const NOT_RUN = { result: 'rejected', code: 'TELEMETRY_COMMAND_JOURNAL_UNAVAILABLE' } as const;

describe("a command's done ack after its not-run answer", () => {
  it("the monitor's ack of the not-run answer comes after the run: the done ack stays kept and goes again until a monitor acks it", () => {
    const id = randomUUID();
    const replies = delivery({ ackTimeoutMs: 0 });
    replies.add({ of: 'commandAcks', body: ackOf(id, NOT_RUN) });
    // delivered again, run: its done ack sent, and lost on the way
    replies.add({ of: 'commandAcks', body: ackOf(id) });
    expect(link.bodies.map((body) => body.result)).toEqual(['rejected', 'done']);

    // the monitor stored the not-run answer and acks it
    expect(replies.receiveAck(monitorAck('commandAcks', [id]))).toBe(true);
    expect(replies.waiting).toBe(1);
    replies.resendUnacked();
    expect(link.bodies.map((body) => body.result)).toEqual(['rejected', 'done', 'done']);

    // the monitor stored the done ack: it goes
    replies.receiveAck(monitorAck('commandAcks', [id]));
    expect(replies.waiting).toBe(0);
  });

  it('the not-run answer acked before the run: the done ack goes at its own ack, as any reply', () => {
    const id = randomUUID();
    const replies = delivery();
    replies.add({ of: 'commandAcks', body: ackOf(id, NOT_RUN) });
    replies.receiveAck(monitorAck('commandAcks', [id]));
    replies.add({ of: 'commandAcks', body: ackOf(id) });
    replies.receiveAck(monitorAck('commandAcks', [id]));
    expect(replies.waiting).toBe(0);
  });

  it('a not-run answer after the done ack, its record unreadable at a delivery again: the done ack is the one kept and sent', () => {
    const id = randomUUID();
    link.client.connected = false;
    const replies = delivery();
    replies.add({ of: 'commandAcks', body: ackOf(id) });
    replies.add({ of: 'commandAcks', body: ackOf(id, NOT_RUN) });
    link.client.connected = true;
    replies.reconnected();
    expect(link.bodies).toEqual([expect.objectContaining({ commandId: id, result: 'done' })]);
    replies.receiveAck(monitorAck('commandAcks', [id]));
    expect(replies.waiting).toBe(0);
  });

  it('a not-run answer after a not-run one: the later is kept, and goes at the next ack', () => {
    const id = randomUUID();
    const replies = delivery();
    replies.add({ of: 'commandAcks', body: ackOf(id, { ...NOT_RUN, at: '2026-11-27T01:00:00.000Z' }) });
    replies.add({ of: 'commandAcks', body: ackOf(id, { ...NOT_RUN, at: '2026-11-27T01:05:00.000Z' }) });
    replies.receiveAck(monitorAck('commandAcks', [id]));
    expect(replies.waiting).toBe(0);
  });
});
