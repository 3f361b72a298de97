/**
 * Fault: an event the monitor refuses for good (out of the contract: a code out of form; another
 * kiosk's id) is answered with a coded refusal (`refusedEvents`, ADR 0018) that a kiosk of a release
 * before the refusals does not read: it kept the event and sent it again after every ack timeout and
 * reconnect, and since its good events leave the queue as they are stored, the queue never reached
 * its limit: the refused event went every ten seconds for as long as the kiosk ran. A refused event
 * sent again is now answered with the refusal again and then a plain ack of its id, in that order:
 * a kiosk of this release drops it on the refusal (the ack after it names nothing it holds), a kiosk
 * before the refusals drops it on the ack; the monitor says it in its log with the refusal's code.
 * An event the store failed to take is neither refused nor acked (`event-refused-by-monitor`).
 * Through the embedded broker, a kiosk of the release before written by hand.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { eventually } from '@kiosk/domain/testing';
import { EVENT_REFUSALS, EventAckSchema, readAck } from '../src/contract/index.js';
import { kioskLinkByHand } from './kiosk-link-by-hand.js';

const link = kioskLinkByHand();
afterEach(() => {
  jest.restoreAllMocks();
});

/** how a kiosk of the release before the refusals reads an ack: its subjects, read open */
const ReleaseBeforeAck = z.object({
  ...EventAckSchema.omit({ code: true }).shape,
  of: z.enum(['events', 'commandAcks', 'journalExtracts']).optional(),
});

const anomaly = (code: string) => ({
  id: randomUUID(),
  kioskId: 'k1',
  seq: 1,
  at: new Date().toISOString(),
  type: 'anomaly',
  code,
});

/** every message on k1's ack topic, as it came */
async function acksHeard(): Promise<unknown[]> {
  const { kiosk } = link();
  const heard: unknown[] = [];
  kiosk.on('message', (_topic, payload) => heard.push(JSON.parse(payload.toString('utf8'))));
  await kiosk.subscribeAsync('kiosk/k1/events/ack', { qos: 1 });
  return heard;
}

const ackOf = (heard: unknown[], count: number) =>
  eventually(() => heard, `${count} acks heard`, { withinMs: 10_000, until: (acks) => acks.length >= count });

describe('refused-event-resent-by-a-kiosk-before-refusals', () => {
  it('refused-event-resent-by-a-kiosk-before-refusals: sent again, the refused event is refused again then acked: a kiosk before the refusals drops it, one of this release drops it as refused', async () => {
    const { send } = link();
    const said = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const heard = await acksHeard();
    const broken = anomaly('pin blocked');
    await send('events', broken);
    await ackOf(heard, 1);
    const refusal = { kioskId: 'k1', of: 'refusedEvents', ids: [broken.id], code: EVENT_REFUSALS.malformed };
    expect(heard).toEqual([expect.objectContaining(refusal)]);
    // the release before reads no ack in it: it keeps the event and sends it again
    expect(ReleaseBeforeAck.safeParse(heard[0]).success).toBe(false);
    await send('events', broken);
    await ackOf(heard, 3);
    expect(heard.slice(1)).toEqual([
      expect.objectContaining(refusal),
      { kioskId: 'k1', ids: [broken.id], at: expect.any(String) },
    ]);
    // the release before drops it on the ack; this release's kiosk took the refusal first
    expect(ReleaseBeforeAck.safeParse(heard[2]).data).toMatchObject({ ids: [broken.id] });
    expect(readAck(Buffer.from(JSON.stringify(heard[1])), 'k1')).toMatchObject({ of: 'refusedEvents' });
    // never stored; said in the log by its code and id, never its body
    expect(await link().fleet.store.recentEvents('k1')).toEqual([]);
    const log = said.mock.calls.map(([line]) => String(line)).join('');
    expect(log).toContain(`${EVENT_REFUSALS.malformed}: event ${broken.id} of k1`);
    expect(log).not.toContain('pin blocked');
  });

  it('an event of another kiosk sent again likewise; a good event is stored and acked once, never refused', async () => {
    const { send } = link();
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const heard = await acksHeard();
    const stolen = { ...anomaly('PIN_BLOCKED'), kioskId: 'k2' };
    await send('events', stolen);
    await ackOf(heard, 1);
    await send('events', stolen);
    await ackOf(heard, 3);
    const good = anomaly('PIN_BLOCKED');
    await send('events', good);
    await ackOf(heard, 4);
    expect(heard).toEqual([
      expect.objectContaining({ of: 'refusedEvents', ids: [stolen.id], code: EVENT_REFUSALS.otherKiosk }),
      expect.objectContaining({ of: 'refusedEvents', ids: [stolen.id], code: EVENT_REFUSALS.otherKiosk }),
      { kioskId: 'k1', ids: [stolen.id], at: expect.any(String) },
      { kioskId: 'k1', ids: [good.id], at: expect.any(String) },
    ]);
    expect((await link().fleet.store.recentEvents('k1')).map((event) => event.id)).toEqual([good.id]);
  });
});
