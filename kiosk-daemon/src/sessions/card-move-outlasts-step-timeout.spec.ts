/**
 * The session's card steps with the daemon's actors (its eject, retract and card accounting, the
 * real journal on SQLite in memory, the emulated card reader), on a simulated clock. The fault:
 * the card steps ended on the 30 s step timer while the reader's own bound of a card move may be
 * longer: an eject still running was followed by a retract against the busy reader, a retract
 * still running ended the session with the card's whereabouts unsettled. Now the steps end on the
 * reader's answer; a reader that never answers (its bound broken) has the card journaled for
 * field staff (`card.unaccounted`, where the reader says it is) and is asked no other move.
 */
import { describe, expect, it } from '@jest/globals';
import { type CardReaderPort } from '@kiosk/device-drivers';
import { DEFAULT_CARD_TAKE_MS } from '@kiosk/domain';
import { cardMoveBackstopMs } from '@kiosk/state-machines';
import { waitFor } from 'xstate';
import {
  cancelledBalanceSession,
  readerWithCard,
  sessionActorsOn,
} from './card-reader-session.spec-support.js';

/** a reader configured with a card move bound longer than the 30 s step timer */
const SLOW_READER_MS = 40_000;
const CARD_TAKE_MS = DEFAULT_CARD_TAKE_MS;

/** Where the spec holds a card move: it reaches the reader (`asked`) and waits for `answer()`. */
function gate() {
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  let ask: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (ask = resolve));
  return { opened, answer: () => open(), ask: () => ask(), asked };
}

/**
 * The emulated reader with a card in, its eject and retract held at a gate each: answered when the
 * spec opens it, or never (`never`: a reader that broke its own bound, still honouring its signal).
 */
async function heldReader(
  never: 'eject' | 'retract' | null,
  captureBin?: { count: number; capacity: number },
) {
  const r = await readerWithCard('zhang', {
    moveTimeoutMs: SLOW_READER_MS,
    ...(captureBin ? { captureBin } : {}),
  });
  const eject = gate();
  const retract = gate();
  const held =
    (move: 'eject' | 'retract', g: ReturnType<typeof gate>) =>
    async (signal?: AbortSignal): Promise<void> => {
      g.ask();
      if (never === move) {
        await new Promise((_, reject) => signal?.addEventListener('abort', () => reject(signal.reason)));
      }
      await g.opened;
      await r[move](signal);
    };
  const port = Object.assign(Object.create(r) as CardReaderPort, {
    eject: held('eject', eject),
    retract: held('retract', retract),
  });
  return { port, eject, retract, whereIs: () => r.listCards().find((c) => c.cardId === 'zhang')?.location };
}

/** One session run by the daemon's session machine and actors, its transaction in the real journal. */
async function sessionOn(cardReader: CardReaderPort, cardMoveMs: number) {
  const { journal, factory } = await sessionActorsOn(cardReader);
  // the resident cancels while the card is read: the card goes back
  const { actor, clock, tx } = await cancelledBalanceSession(factory, journal, {
    cardTakeMs: CARD_TAKE_MS,
    cardMoveMs,
  });
  /** the session's end closes its transaction, as the daemon's sessions service does */
  const ended = async () => {
    await waitFor(actor, (s) => s.status === 'done', { timeout: 2_000 });
    const output = actor.getSnapshot().output;
    await journal.closeTransaction(tx, output?.outcome ?? 'failed', output?.error?.code ?? null);
    return output;
  };
  const steps = async () =>
    (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}${s.detail ? ` ${s.detail}` : ''}`);
  return { actor, clock, ended, steps };
}

const cardSteps = (steps: string[]) => steps.filter((s) => /^card\.(eject|retract|unaccounted)/.test(s));

describe('session card steps with the daemon’s actors', () => {
  it('card eject outlasts the step timeout: answered at the slot and taken, no retract journaled', async () => {
    const r = await heldReader(null);
    const s = await sessionOn(r.port, SLOW_READER_MS);
    await r.eject.asked;
    s.clock.increment(SLOW_READER_MS - 1); // past the old step timer, within the reader's bound
    r.eject.answer();
    await waitFor(s.actor, (x) => x.matches('takeCard'), { timeout: 2_000 });
    expect(r.whereIs()).toBe('atSlot');
    s.actor.send({ type: 'CARD_TAKEN' });
    expect(await s.ended()).toMatchObject({ outcome: 'cancelled' });
    expect(cardSteps(await s.steps())).toEqual(['card.eject:intent', 'card.eject:done']);
  });

  it('card retract outlasts the step timeout: the card is journaled in the capture bin', async () => {
    const r = await heldReader(null);
    const s = await sessionOn(r.port, SLOW_READER_MS);
    r.eject.answer();
    await waitFor(s.actor, (x) => x.matches('takeCard'), { timeout: 2_000 });
    s.clock.increment(CARD_TAKE_MS);
    await r.retract.asked;
    s.clock.increment(SLOW_READER_MS - 1);
    r.retract.answer();
    expect(await s.ended()).toMatchObject({ outcome: 'cardRetracted' });
    expect(r.whereIs()).toBe('captured');
    expect(cardSteps(await s.steps())).toEqual([
      'card.eject:intent',
      'card.eject:done',
      'card.retract:intent',
      'card.retract:done',
    ]);
  });

  it('card eject never answered (the reader broke its bound): the card is journaled for field staff, no retract beside the eject', async () => {
    const r = await heldReader('eject');
    const s = await sessionOn(r.port, SLOW_READER_MS);
    await r.eject.asked;
    s.clock.increment(cardMoveBackstopMs(SLOW_READER_MS));
    expect(await s.ended()).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      cardUnaccounted: 'eject',
    });
    expect(r.whereIs()).toBe('inReader');
    const steps = cardSteps(await s.steps());
    expect(steps).toContain(
      'card.unaccounted:event {"after":"eject","readerSays":"inReader","forStaff":true}',
    );
    expect(steps.filter((x) => x.startsWith('card.retract'))).toEqual([]);
  });

  it('card retract refused (the capture bin full): the card is journaled where the reader says it is, for field staff', async () => {
    const r = await heldReader(null, { count: 50, capacity: 50 });
    const s = await sessionOn(r.port, SLOW_READER_MS);
    r.eject.answer();
    r.retract.answer();
    await waitFor(s.actor, (x) => x.matches('takeCard'), { timeout: 2_000 });
    s.clock.increment(CARD_TAKE_MS);
    expect(await s.ended()).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_BIN_FULL' },
      cardUnaccounted: 'retract',
    });
    expect(r.whereIs()).toBe('atSlot');
    expect(cardSteps(await s.steps())).toEqual([
      'card.eject:intent',
      'card.eject:done',
      'card.retract:intent',
      'card.retract:failed {"code":"DEVICE_BIN_FULL"}',
      'card.unaccounted:event {"after":"retract","readerSays":"atSlot","forStaff":true}',
    ]);
  });

  it('card retract never answered (the reader broke its bound): the card is journaled for field staff', async () => {
    const r = await heldReader('retract');
    const s = await sessionOn(r.port, SLOW_READER_MS);
    r.eject.answer();
    await waitFor(s.actor, (x) => x.matches('takeCard'), { timeout: 2_000 });
    s.clock.increment(CARD_TAKE_MS);
    await r.retract.asked;
    s.clock.increment(cardMoveBackstopMs(SLOW_READER_MS));
    expect(await s.ended()).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      cardUnaccounted: 'retract',
    });
    const steps = cardSteps(await s.steps());
    expect(steps.slice(0, 3)).toEqual(['card.eject:intent', 'card.eject:done', 'card.retract:intent']);
    expect(steps).toContain(
      'card.unaccounted:event {"after":"retract","readerSays":"atSlot","forStaff":true}',
    );
  });
});
