import { describe, expect, it } from '@jest/globals';
import { SimulatedClock, createActor, initialTransition, transition, waitFor } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { newPinMachine } from './new-pin.machine.js';
import type { NewPinActorContracts, NewPinEvent, NewPinInput, NewPinVerdict } from './new-pin.machine.js';
import { PendingActor } from '../../testing/pending-actor.js';

const STEP_MS = 30_000;

function input(now: () => number): NewPinInput {
  return {
    sessionId: 's-1',
    timeouts: { stepMs: STEP_MS, warnMs: 20_000 },
    now,
    purpose: 'activate',
    cardNumber: 'H41080000105',
    idNumber: '410802199001011234',
    pinLength: 6,
  };
}

function start() {
  const clock = new SimulatedClock();
  const enterNewPin = new PendingActor<NewPinVerdict, { sessionId: string; length: number }>();
  const saveNewPin = new PendingActor<void, NewPinActorContracts['saveNewPin']['input']>();
  const actor = createActor(
    newPinMachine.provide({
      actors: { enterNewPin: enterNewPin.logic, saveNewPin: saveNewPin.logic },
    }),
    { input: input(() => clock.now()), clock },
  ).start();
  return { actor, clock, enterNewPin, saveNewPin };
}

const done = (id: string, output?: unknown) =>
  ({ type: `xstate.done.actor.${id}`, output }) as AnyEventObject as NewPinEvent;

function run(events: AnyEventObject[]) {
  let [s] = initialTransition(
    newPinMachine,
    input(() => 0),
  );
  for (const e of events) [s] = transition(newPinMachine, s, e as NewPinEvent);
  return s;
}

describe('new PIN journey (pure transitions)', () => {
  it.each<[string, AnyEventObject[], unknown]>([
    ['a strong new PIN entered twice activates the card', [done('enterNewPin', { result: 'ok' })], 'saving'],
    [
      'a weak new PIN is asked again',
      [done('enterNewPin', { result: 'weak', rule: 'sequence' })],
      { enterNewPin: 'waiting' },
    ],
    [
      'two different entries are asked again',
      [done('enterNewPin', { result: 'mismatch' })],
      { enterNewPin: 'waiting' },
    ],
    [
      'a PIN entry cancelled on the pad ends the journey',
      [done('enterNewPin', { result: 'cancelled' })],
      'done',
    ],
    [
      'no key in time ends the journey',
      [{ type: 'xstate.after.stepTimeout.newPin.enterNewPin.waiting' }],
      'done',
    ],
    ['a saved PIN is shown as done', [done('enterNewPin', { result: 'ok' }), done('saveNewPin')], 'saved'],
    [
      'a host refusal ends the journey',
      [
        done('enterNewPin', { result: 'ok' }),
        { type: 'xstate.error.actor.saveNewPin', error: { code: 'HOST_REJECTED', message: 'x' } },
      ],
      'done',
    ],
    [
      'FINISH on the result ends the journey',
      [done('enterNewPin', { result: 'ok' }), done('saveNewPin'), { type: 'FINISH' }],
      'done',
    ],
  ])('%s', (_, events, value) => {
    expect(run(events).value).toEqual(value);
  });

  it('keeps only the rule a weak PIN broke, never the PIN', () => {
    const s = run([done('enterNewPin', { result: 'weak', rule: 'birthDate' })]);
    expect(s.context).toMatchObject({ tries: 1, weakRule: 'birthDate', error: { code: 'PIN_WEAK' } });
  });
});

describe('new PIN journey (actors on a simulated clock)', () => {
  it('activates after a weak PIN and a mismatch, with the third entry', async () => {
    const h = start();
    h.enterNewPin.last.resolve({ result: 'weak', rule: 'default' });
    await waitFor(h.actor, () => h.enterNewPin.calls.length === 2);
    h.enterNewPin.last.resolve({ result: 'mismatch' });
    await waitFor(h.actor, () => h.enterNewPin.calls.length === 3);
    expect(h.actor.getSnapshot().context.error?.code).toBe('PIN_MISMATCH');
    h.enterNewPin.last.resolve({ result: 'ok' });
    await waitFor(h.actor, (s) => s.matches('saving'));
    expect(h.saveNewPin.last.input).toEqual({
      sessionId: 's-1',
      purpose: 'activate',
      cardNumber: 'H41080000105',
      idNumber: '410802199001011234',
    });
    h.saveNewPin.last.resolve();
    await waitFor(h.actor, (s) => s.matches('saved'));
    h.actor.send({ type: 'FINISH' });
    expect(h.actor.getSnapshot().output).toEqual({ outcome: 'completed', error: undefined });
  });

  it('gives up with PIN_WEAK after three refused entries', async () => {
    const h = start();
    for (let i = 1; i <= 3; i += 1) {
      h.enterNewPin.last.resolve({ result: 'weak', rule: 'repeated' });
      if (i < 3) await waitFor(h.actor, () => h.enterNewPin.calls.length === i + 1);
    }
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'failed', error: { code: 'PIN_WEAK' } });
    expect(h.saveNewPin.calls).toHaveLength(0);
  });

  it('times out when the resident walks away during new-PIN entry, and stops the PIN pad', () => {
    const h = start();
    h.clock.increment(25_000);
    h.actor.send({ type: 'PIN_KEY', entered: 3 });
    h.actor.send({ type: 'PIN_STAGE', stage: 'confirm' });
    expect(h.actor.getSnapshot().context.pin).toEqual({ entered: 0, stage: 'confirm' });
    h.clock.increment(STEP_MS - 1);
    expect(h.actor.getSnapshot().status).toBe('active');
    h.clock.increment(1);
    expect(h.actor.getSnapshot().output?.outcome).toBe('timedOut');
    expect(h.enterNewPin.last.signal.aborted).toBe(true);
  });

  it('ends failed with HOST_TIMEOUT when saving the PIN never finishes', async () => {
    const h = start();
    h.enterNewPin.last.resolve({ result: 'ok' });
    await waitFor(h.actor, (s) => s.matches('saving'));
    h.clock.increment(STEP_MS);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'HOST_TIMEOUT' },
    });
  });

  it('ends cancelled when the resident cancels on screen during entry', () => {
    const h = start();
    h.actor.send({ type: 'CANCEL' });
    expect(h.actor.getSnapshot().output?.outcome).toBe('cancelled');
    expect(h.enterNewPin.last.signal.aborted).toBe(true);
  });
});
