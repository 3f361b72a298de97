/**
 * Pure transitions of the balance journey: `initialTransition` / `transition` compute the next
 * snapshot and the actions to run without starting an actor, a timer or a device. Invoke results
 * and timers are the events XState raises for them (`xstate.done.actor.<id>`,
 * `xstate.error.actor.<id>`, `xstate.after.<delay>.<state id>`).
 */
import { describe, expect, it } from '@jest/globals';
import { initialTransition, transition } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { sessionMachine } from './session.machine.js';
import type { SessionEvent } from './session.types.js';
import type { SessionSnapshot } from './session-view.js';
import { BALANCE, ZHANG_CARD, sessionInput } from '../testing/session-fixtures.js';

const NOW = 1_000_000;
const input = sessionInput(() => NOW, ['balance', 'records', 'withdraw']);

const done = (id: string, output?: unknown): AnyEventObject => ({ type: `xstate.done.actor.${id}`, output });
const failed = (id: string, error: unknown): AnyEventObject => ({ type: `xstate.error.actor.${id}`, error });
const timer = (delay: string, stateId: string): AnyEventObject => ({
  type: `xstate.after.${delay}.${stateId}`,
});

function run(events: readonly AnyEventObject[]): {
  snapshot: SessionSnapshot;
  actions: { type: string; params?: unknown }[];
} {
  let [snapshot, actions] = initialTransition(sessionMachine, input);
  for (const event of events) {
    [snapshot, actions] = transition(sessionMachine, snapshot, event as SessionEvent);
  }
  return { snapshot, actions: actions as { type: string; params?: unknown }[] };
}

function spawned(actions: readonly { type: string; params?: unknown }[]): string[] {
  return actions
    .filter((a) => a.type === 'xstate.spawnChild')
    .map((a) => String((a.params as { src: unknown }).src));
}

const select: AnyEventObject = { type: 'SELECT_JOURNEY', journey: 'balance' };
const inserted: AnyEventObject = { type: 'CARD_INSERTED' };
const toInsert = [select];
const toReading = [select, inserted];
const toPin = [...toReading, done('readCard', ZHANG_CARD)];
const toQuery = [...toPin, done('verifyPin', { result: 'ok' })];
const toShow = [...toQuery, done('queryBalance', BALANCE)];
const toEject = [...toShow, { type: 'FINISH' }];
const toTake = [...toEject, done('ejectCard')];
const toRetract = [...toTake, timer('cardTakeTimeout', 'session.takeCard')];

/** [scenario, events from the start, expected state value, expected outcome when ended] */
const cases: [string, AnyEventObject[], unknown, string?][] = [
  ['a journey offered and implemented moves on to card insertion', toInsert, 'insertCard'],
  [
    'a journey not offered keeps the choice on screen',
    [{ type: 'SELECT_JOURNEY', journey: 'changePin' }],
    'chooseJourney',
  ],
  [
    'a withdrawal offered without its caps configured is refused',
    [{ type: 'SELECT_JOURNEY', journey: 'withdraw' }],
    'chooseJourney',
  ],
  [
    'another card journey also starts with the card',
    [{ type: 'SELECT_JOURNEY', journey: 'records' }],
    'insertCard',
  ],
  ['MORE_TIME on the choice keeps the choice', [{ type: 'MORE_TIME' }], 'chooseJourney'],
  ['CANCEL on the choice ends cancelled', [{ type: 'CANCEL' }], 'ended', 'cancelled'],
  [
    'ABORT on the choice ends failed',
    [{ type: 'ABORT', code: 'DEVICE_OFFLINE', message: 'x' }],
    'ended',
    'failed',
  ],
  ['no choice in time ends timed out', [timer('stepTimeout', 'session.chooseJourney')], 'ended', 'timedOut'],
  ['a card in the slot is read', toReading, { cardIn: 'readingCard' }],
  ['MORE_TIME while waiting for the card keeps waiting', [...toInsert, { type: 'MORE_TIME' }], 'insertCard'],
  ['CANCEL before the card ends cancelled', [...toInsert, { type: 'CANCEL' }], 'ended', 'cancelled'],
  [
    'ABORT before the card ends failed',
    [...toInsert, { type: 'ABORT', code: 'DEVICE_OFFLINE', message: 'x' }],
    'ended',
    'failed',
  ],
  [
    'no card in time ends timed out',
    [...toInsert, timer('stepTimeout', 'session.insertCard')],
    'ended',
    'timedOut',
  ],
  ['a card read leads to PIN entry', toPin, { cardIn: { enterPin: 'waiting' } }],
  [
    'a refused card is ejected',
    [...toReading, failed('readCard', { code: 'CARD_EXPIRED', message: 'x' })],
    'ejectingCard',
  ],
  [
    'a reader that never answers ejects',
    [...toReading, timer('stepTimeout', 'session.cardIn.readingCard')],
    'ejectingCard',
  ],
  ['a card pulled while read ends the session', [...toReading, { type: 'CARD_REMOVED' }], 'ended', 'failed'],
  ['CANCEL while reading ejects', [...toReading, { type: 'CANCEL' }], 'ejectingCard'],
  [
    'ABORT while reading ejects',
    [...toReading, { type: 'ABORT', code: 'DEVICE_OFFLINE', message: 'x' }],
    'ejectingCard',
  ],
  [
    'a PIN key keeps PIN entry',
    [...toPin, { type: 'PIN_KEY', entered: 1 }],
    { cardIn: { enterPin: 'waiting' } },
  ],
  [
    'MORE_TIME in PIN entry keeps PIN entry',
    [...toPin, { type: 'MORE_TIME' }],
    { cardIn: { enterPin: 'waiting' } },
  ],
  ['a right PIN queries the balance', toQuery, { cardIn: 'queryingBalance' }],
  [
    'a wrong PIN asks again',
    [...toPin, done('verifyPin', { result: 'wrong', attemptsLeft: 2 })],
    { cardIn: { enterPin: 'waiting' } },
  ],
  ['a blocked PIN ejects', [...toPin, done('verifyPin', { result: 'blocked' })], 'ejectingCard'],
  [
    'a PIN entry cancelled on the pad ejects',
    [...toPin, done('verifyPin', { result: 'cancelled' })],
    'ejectingCard',
  ],
  [
    'a PIN pad fault ejects',
    [...toPin, failed('verifyPin', { code: 'DEVICE_OFFLINE', message: 'x' })],
    'ejectingCard',
  ],
  [
    'no PIN key in time ejects',
    [...toPin, timer('stepTimeout', 'session.cardIn.enterPin.waiting')],
    'ejectingCard',
  ],
  ['CANCEL in PIN entry ejects', [...toPin, { type: 'CANCEL' }], 'ejectingCard'],
  ['a card pulled in PIN entry ends the session', [...toPin, { type: 'CARD_REMOVED' }], 'ended', 'failed'],
  ['a balance from the host is shown', toShow, { cardIn: 'showBalance' }],
  [
    'a host error ejects',
    [...toQuery, failed('queryBalance', { code: 'HOST_UNREACHABLE', message: 'x' })],
    'ejectingCard',
  ],
  [
    'a host that never answers ejects',
    [...toQuery, timer('stepTimeout', 'session.cardIn.queryingBalance')],
    'ejectingCard',
  ],
  ['CANCEL while querying ejects', [...toQuery, { type: 'CANCEL' }], 'ejectingCard'],
  ['FINISH on the balance ejects', toEject, 'ejectingCard'],
  [
    'MORE_TIME on the balance keeps it on screen',
    [...toShow, { type: 'MORE_TIME' }],
    { cardIn: 'showBalance' },
  ],
  [
    'the balance left on screen ejects',
    [...toShow, timer('stepTimeout', 'session.cardIn.showBalance')],
    'ejectingCard',
  ],
  ['CANCEL on the balance ejects', [...toShow, { type: 'CANCEL' }], 'ejectingCard'],
  ['an ejected card waits at the slot', toTake, 'takeCard'],
  [
    'a card taken while ejecting ends the session',
    [...toEject, { type: 'CARD_TAKEN' }],
    'ended',
    'completed',
  ],
  [
    'an eject fault retracts',
    [...toEject, failed('ejectCard', { code: 'DEVICE_HARDWARE_ERROR', message: 'x' })],
    'retractingCard',
  ],
  [
    'an eject the reader gave up on past its bound (DEVICE_TIMEOUT) retracts',
    [...toEject, failed('ejectCard', { code: 'DEVICE_TIMEOUT', message: 'x' })],
    'retractingCard',
  ],
  [
    'an eject never answered past the backstop accounts for the card, no retract',
    [...toEject, timer('cardMoveBackstop', 'session.ejectingCard')],
    'accountingForCard',
  ],
  [
    'the card accounted for after an unanswered move ends failed',
    [...toEject, timer('cardMoveBackstop', 'session.ejectingCard'), done('accountForCard')],
    'ended',
    'failed',
  ],
  ['a card taken from the slot ends completed', [...toTake, { type: 'CARD_TAKEN' }], 'ended', 'completed'],
  [
    'a card removed from the slot ends completed',
    [...toTake, { type: 'CARD_REMOVED' }],
    'ended',
    'completed',
  ],
  ['a card not taken is retracted', toRetract, 'retractingCard'],
  ['a retracted card ends the session', [...toRetract, done('retractCard')], 'ended', 'cardRetracted'],
  [
    'a retract fault accounts for the card',
    [...toRetract, failed('retractCard', { code: 'DEVICE_BIN_FULL', message: 'x' })],
    'accountingForCard',
  ],
  [
    'the card accounted for after a retract fault ends failed',
    [...toRetract, failed('retractCard', { code: 'DEVICE_BIN_FULL', message: 'x' }), done('accountForCard')],
    'ended',
    'failed',
  ],
  [
    'a retract never answered past the backstop accounts for the card',
    [...toRetract, timer('cardMoveBackstop', 'session.retractingCard')],
    'accountingForCard',
  ],
];

describe('balance journey transitions (pure)', () => {
  // padded to four columns: Jest would pass its `done` callback in a missing last column
  const table = cases.map(
    ([name, events, value, outcome]) => [name, events, value, outcome ?? null] as const,
  );
  it.each(table)('%s', (_, events, value, outcome) => {
    const { snapshot } = run(events);
    expect(snapshot.value).toEqual(value);
    if (outcome) expect(snapshot.context.outcome).toBe(outcome);
  });

  it('starts on the journey choice with its deadline stamped from now()', () => {
    const [snapshot, actions] = initialTransition(sessionMachine, input);
    expect(snapshot.value).toBe('chooseJourney');
    expect(snapshot.context.deadline).toEqual({ at: NOW + 30_000, warnAt: NOW + 20_000 });
    expect(actions.map((a) => a.type)).toContain('xstate.raise');
  });

  it('invokes exactly the actor each state needs', () => {
    expect(spawned(run(toReading).actions)).toEqual(['readCard']);
    expect(spawned(run(toPin).actions)).toEqual(['verifyPin']);
    expect(spawned(run(toQuery).actions)).toEqual(['queryBalance']);
    expect(spawned(run(toEject).actions)).toEqual(['ejectCard']);
    expect(spawned(run(toRetract).actions)).toEqual(['retractCard']);
    expect(spawned(run([...toPin, done('verifyPin', { result: 'wrong', attemptsLeft: 1 })]).actions)).toEqual(
      ['verifyPin'],
    );
    expect(spawned(run([...toPin, { type: 'PIN_KEY', entered: 2 }]).actions)).toEqual([]);
  });

  it('keeps the card and the balance in context only while the card is in', () => {
    expect(run(toShow).snapshot.context).toMatchObject({ card: ZHANG_CARD, balance: BALANCE });
    const ended = run([...toTake, { type: 'CARD_TAKEN' }]).snapshot.context;
    expect(ended.card).toBeUndefined();
    expect(ended.balance).toBeUndefined();
    expect(ended.deadline).toBeUndefined();
  });

  it('clears the deadline while a device or the host works', () => {
    expect(run(toReading).snapshot.context.deadline).toBeUndefined();
    expect(run(toQuery).snapshot.context.deadline).toBeUndefined();
    expect(run(toPin).snapshot.context.deadline).toEqual({ at: NOW + 30_000, warnAt: NOW + 20_000 });
  });

  it('keeps the earlier error as the outcome of a session whose card was then taken', () => {
    const events = [
      ...toQuery,
      failed('queryBalance', { code: 'HOST_UNREACHABLE', message: 'x' }),
      done('ejectCard'),
    ];
    const { snapshot } = run([...events, { type: 'CARD_TAKEN' }]);
    expect(snapshot.context).toMatchObject({ outcome: 'failed', error: { code: 'HOST_UNREACHABLE' } });
  });
});
