import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { SimulatedClock, createActor, initialTransition, transition, waitFor } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { identifyMachine } from './identify.machine.js';
import type { FaceMatch, IdCardSummary, IdentifyEvent, IdentifyInput } from './identify.machine.js';
import { PendingActor } from '../../testing/pending-actor.js';

const STEP_MS = 30_000;
const ID_CARD: IdCardSummary = {
  idNumber: '410802198003151310',
  name: '张三明',
  birthDate: '1980-03-15',
  validTo: '2035-01-01',
};

function input(now: () => number, expectedIdNumber?: string): IdentifyInput {
  return { sessionId: 's-1', timeouts: { stepMs: STEP_MS, warnMs: 20_000 }, now, expectedIdNumber };
}

function start(expectedIdNumber?: string) {
  const clock = new SimulatedClock();
  const readIdCard = new PendingActor<IdCardSummary, { sessionId: string }>();
  const matchFace = new PendingActor<FaceMatch, { sessionId: string }>();
  const actor = createActor(
    identifyMachine.provide({ actors: { readIdCard: readIdCard.logic, matchFace: matchFace.logic } }),
    { input: input(() => clock.now(), expectedIdNumber), clock },
  ).start();
  return { actor, clock, readIdCard, matchFace };
}

const done = (id: string, output?: unknown): AnyEventObject => ({ type: `xstate.done.actor.${id}`, output });
const failed = (id: string, error: unknown): AnyEventObject => ({ type: `xstate.error.actor.${id}`, error });

function run(events: AnyEventObject[], expectedIdNumber?: string) {
  let [s] = initialTransition(
    identifyMachine,
    input(() => 0, expectedIdNumber),
  );
  for (const e of events) [s] = transition(identifyMachine, s, e as IdentifyEvent);
  return s;
}

const read = done('readIdCard', ID_CARD);
const low = done('matchFace', { score: 40 });

describe('identify journey (pure transitions)', () => {
  it.each<[string, AnyEventObject[], unknown, string | null]>([
    ['an ID card read leads to the face match', [read], { matchingFace: 'waiting' }, null],
    [
      'a refused ID card ends failed',
      [failed('readIdCard', { code: 'ID_CARD_EXPIRED', message: 'x' })],
      'done',
      'failed',
    ],
    [
      'no ID card in time ends timed out',
      [{ type: 'xstate.after.stepTimeout.identify.placeIdCard.waiting' }],
      'done',
      'timedOut',
    ],
    ['MORE_TIME keeps waiting for the ID card', [{ type: 'MORE_TIME' }], { placeIdCard: 'waiting' }, null],
    ['CANCEL while waiting for the ID card ends cancelled', [{ type: 'CANCEL' }], 'done', 'cancelled'],
    ['a score at the threshold identifies', [read, done('matchFace', { score: 70 })], 'done', null],
    ['a score under the threshold offers another try', [read, low], 'faceNotMatched', null],
    [
      'no face detected offers another try',
      [read, failed('matchFace', { code: 'FACE_NOT_DETECTED', message: 'x' })],
      'faceNotMatched',
      null,
    ],
    [
      'a camera fault ends failed',
      [read, failed('matchFace', { code: 'DEVICE_OFFLINE', message: 'x' })],
      'done',
      'failed',
    ],
    ['RETRY matches again', [read, low, { type: 'RETRY' }], { matchingFace: 'waiting' }, null],
    [
      'no answer to "try again?" ends timed out',
      [read, low, { type: 'xstate.after.stepTimeout.identify.faceNotMatched' }],
      'done',
      'timedOut',
    ],
    [
      'a face that never comes ends timed out',
      [read, { type: 'xstate.after.stepTimeout.identify.matchingFace.waiting' }],
      'done',
      'timedOut',
    ],
    [
      'the third failed match sends the resident to a counter',
      [read, low, { type: 'RETRY' }, low, { type: 'RETRY' }, low],
      'done',
      'failed',
    ],
  ])('%s', (_, events, value, outcome) => {
    const s = run(events);
    expect(s.value).toEqual(value);
    expect(s.context.outcome ?? null).toBe(outcome);
  });

  it('a region’s own numbers (faceMatch.acceptScore 80, maxTries 2): 75 is another try, the second low score a counter', () => {
    const region = (events: AnyEventObject[]) => {
      let [s] = initialTransition(identifyMachine, { ...input(() => 0), faceThreshold: 80, maxFaceTries: 2 });
      for (const e of events) [s] = transition(identifyMachine, s, e as IdentifyEvent);
      return s;
    };
    const at75 = done('matchFace', { score: 75 });
    expect(region([read, at75]).value).toBe('faceNotMatched');
    expect(region([read, done('matchFace', { score: 80 })]).context.outcome ?? null).toBeNull();
    const twice = region([read, at75, { type: 'RETRY' }, at75]);
    expect([twice.value, twice.context.outcome]).toEqual(['done', 'failed']);
  });

  it('refuses an ID card that is not the card holder’s with ID_MISMATCH', () => {
    const s = run([done('readIdCard', { ...ID_CARD, idNumber: '410803196211092424' })], ID_CARD.idNumber);
    expect(s.value).toBe('done');
    expect(s.context.error?.code).toBe('ID_MISMATCH');
  });
});

describe('identify journey (actors on a simulated clock)', () => {
  it('identifies the card holder after a failed first face match', async () => {
    const h = start(ID_CARD.idNumber);
    h.readIdCard.last.resolve(ID_CARD);
    await waitFor(h.actor, (s) => s.matches('matchingFace'));
    h.matchFace.last.resolve({ score: 55 });
    await waitFor(h.actor, (s) => s.matches('faceNotMatched'));
    h.actor.send({ type: 'RETRY' });
    h.matchFace.last.resolve({ score: 91 });
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toEqual({
      outcome: 'completed',
      error: undefined,
      resident: ID_CARD,
      faceScore: 91,
      faceTries: 2,
    });
  });

  it('sends the resident to a counter with FACE_NOT_MATCHED after three failed matches', async () => {
    const h = start();
    h.readIdCard.last.resolve(ID_CARD);
    for (let i = 1; i <= 3; i += 1) {
      await waitFor(h.actor, (s) => s.matches('matchingFace'));
      h.matchFace.last.resolve({ score: 10 * i });
      if (i < 3) {
        await waitFor(h.actor, (s) => s.matches('faceNotMatched'));
        h.actor.send({ type: 'RETRY' });
      }
    }
    await waitFor(h.actor, (s) => s.status === 'done');
    const output = h.actor.getSnapshot().output;
    expect(output).toMatchObject({
      outcome: 'failed',
      error: { code: 'FACE_NOT_MATCHED' },
      faceTries: 3,
      faceScore: 30,
    });
    expect(output?.resident).toBeUndefined();
  });

  it('refuses an expired ID card with ID_CARD_EXPIRED', async () => {
    const h = start();
    h.readIdCard.last.reject(new KioskError('ID_CARD_EXPIRED', 'Your ID card has expired.'));
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'ID_CARD_EXPIRED' },
    });
  });

  it('stops the ID reader when nobody places an ID card for 30 s, unless more time is asked', () => {
    const h = start();
    h.clock.increment(20_000);
    h.actor.send({ type: 'MORE_TIME' });
    h.clock.increment(STEP_MS - 1);
    expect(h.actor.getSnapshot().status).toBe('active');
    expect(h.readIdCard.calls).toHaveLength(1);
    h.clock.increment(1);
    expect(h.actor.getSnapshot().output?.outcome).toBe('timedOut');
    expect(h.readIdCard.last.signal.aborted).toBe(true);
  });

  it('times out when the resident leaves at "try again?"', async () => {
    const h = start();
    h.readIdCard.last.resolve(ID_CARD);
    await waitFor(h.actor, (s) => s.matches('matchingFace'));
    h.matchFace.last.resolve({ score: 5 });
    await waitFor(h.actor, (s) => s.matches('faceNotMatched'));
    h.clock.increment(STEP_MS);
    expect(h.actor.getSnapshot().output?.outcome).toBe('timedOut');
  });

  it('stops the camera when the resident cancels during the face match', async () => {
    const h = start();
    h.readIdCard.last.resolve(ID_CARD);
    await waitFor(h.actor, (s) => s.matches('matchingFace'));
    h.actor.send({ type: 'CANCEL' });
    expect(h.matchFace.last.signal.aborted).toBe(true);
    expect(h.actor.getSnapshot().output?.outcome).toBe('cancelled');
  });
});
