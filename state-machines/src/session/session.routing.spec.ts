/**
 * Pure transitions of the session's routing to the journey machines: which journey needs what
 * (PIN, ID card + face) once per session, and where each journey's end leads. Journey machines
 * end with `xstate.done.actor.journey` carrying their output.
 */
import { describe, expect, it } from '@jest/globals';
import type { AnyEventObject } from 'xstate';
import { BALANCE, ZHANG_CARD } from '../testing/session-fixtures.js';
import { done, sessionAfter as run } from '../testing/session-transitions.js';
const select = (journey: string): AnyEventObject => ({ type: 'SELECT_JOURNEY', journey });
const identified = done('journey', {
  outcome: 'completed',
  faceTries: 1,
  faceScore: 90,
  resident: {
    idNumber: ZHANG_CARD.idNumber,
    name: ZHANG_CARD.name,
    birthDate: '1980-03-15',
    validTo: '2035-01-01',
  },
});
const identifyFailed = done('journey', {
  outcome: 'failed',
  error: { code: 'FACE_NOT_MATCHED', message: 'x' },
  faceTries: 3,
});
const journeyCompleted = done('journey', { outcome: 'completed' });
const journeyFailed = done('journey', { outcome: 'failed', error: { code: 'HOST_REJECTED', message: 'x' } });
const cardIn = (journey: string) => [
  select(journey),
  { type: 'CARD_INSERTED' },
  done('readCard', ZHANG_CARD),
];
const pinOk = done('verifyPin', { result: 'ok' });
/** a journey after another: the host still holds the card active (`checkCard`) */
const cardChecked = done('checkCard', undefined);

describe('session routing to journey machines (pure transitions)', () => {
  it.each<[string, AnyEventObject[], unknown]>([
    ['records: PIN first, then the records', [...cardIn('records'), pinOk], { cardIn: 'records' }],
    ['withdraw: PIN first', cardIn('withdraw'), { cardIn: { enterPin: 'waiting' } }],
    [
      'withdraw: after the PIN, the ID card and face',
      [...cardIn('withdraw'), pinOk],
      { cardIn: 'identifyingHolder' },
    ],
    [
      'withdraw: identified, the withdrawal',
      [...cardIn('withdraw'), pinOk, identified],
      { cardIn: 'withdrawing' },
    ],
    [
      'withdraw: not identified, the card back',
      [...cardIn('withdraw'), pinOk, identifyFailed],
      'ejectingCard',
    ],
    [
      'withdraw: done, anything else?',
      [...cardIn('withdraw'), pinOk, identified, journeyCompleted],
      { cardIn: 'journeyDone' },
    ],
    [
      'withdraw: failed, the card back',
      [...cardIn('withdraw'), pinOk, identified, journeyFailed],
      'ejectingCard',
    ],
    [
      'withdraw: card pulled during the withdrawal, the end without eject',
      [...cardIn('withdraw'), pinOk, identified, { type: 'CARD_REMOVED' }, journeyCompleted],
      'ended',
    ],
    ['activatePin: no PIN, the ID card and face', cardIn('activatePin'), { cardIn: 'identifyingHolder' }],
    ['activatePin: identified, the new PIN', [...cardIn('activatePin'), identified], { cardIn: 'newPin' }],
    ['changePin: PIN first', cardIn('changePin'), { cardIn: { enterPin: 'waiting' } }],
    ['changePin: after the PIN, the new PIN', [...cardIn('changePin'), pinOk], { cardIn: 'newPin' }],
    ['resetPin: no PIN, the ID card and face', cardIn('resetPin'), { cardIn: 'identifyingHolder' }],
    ['resetPin: identified, the new PIN', [...cardIn('resetPin'), identified], { cardIn: 'newPin' }],
    ['reportLoss: no card, the ID card and face', [select('reportLoss')], { noCard: 'identifying' }],
    ['reportLoss: identified, the report', [select('reportLoss'), identified], { noCard: 'reportingLoss' }],
    ['reportLoss: not identified, the end', [select('reportLoss'), identifyFailed], 'ended'],
    ['reportLoss: reported, the end', [select('reportLoss'), identified, journeyCompleted], 'ended'],
    [
      'a card inserted during a loss report is ignored',
      [select('reportLoss'), { type: 'CARD_INSERTED' }],
      { noCard: 'identifying' },
    ],
    [
      'anything else? balance, without the PIN again',
      [...cardIn('records'), pinOk, journeyCompleted, select('balance'), cardChecked],
      { cardIn: 'queryingBalance' },
    ],
    [
      'anything else? a withdrawal, with the ID card and face',
      [...cardIn('records'), pinOk, journeyCompleted, select('withdraw'), cardChecked],
      { cardIn: 'identifyingHolder' },
    ],
    [
      'anything else? a withdrawal after one, without the ID card again',
      [...cardIn('withdraw'), pinOk, identified, journeyCompleted, select('withdraw'), cardChecked],
      { cardIn: 'withdrawing' },
    ],
    [
      'anything else? balance after a new PIN asks the new PIN',
      [...cardIn('changePin'), pinOk, journeyCompleted, select('balance'), cardChecked],
      { cardIn: { enterPin: 'waiting' } },
    ],
    [
      'anything else? a lost-card report needs no card and is refused here',
      [...cardIn('records'), pinOk, journeyCompleted, select('reportLoss')],
      { cardIn: 'journeyDone' },
    ],
    [
      'anything else? FINISH, the card back',
      [...cardIn('records'), pinOk, journeyCompleted, { type: 'FINISH' }],
      'ejectingCard',
    ],
    [
      'anything else? no answer, the card back',
      [
        ...cardIn('records'),
        pinOk,
        journeyCompleted,
        { type: 'xstate.after.stepTimeout.session.cardIn.journeyDone' },
      ],
      'ejectingCard',
    ],
    [
      'the balance on screen, then the records',
      [...cardIn('balance'), pinOk, done('queryBalance', BALANCE), select('records'), cardChecked],
      { cardIn: 'records' },
    ],
  ])('%s', (_, events, value) => {
    expect(run(events).value).toEqual(value);
  });

  it('keeps each journey’s result and the face score, never the resident from the ID card', () => {
    const s = run([...cardIn('withdraw'), pinOk, identified, journeyFailed]);
    expect(s.context.results).toEqual([
      { journey: 'identify', output: { outcome: 'completed', faceTries: 1, faceScore: 90 } },
      { journey: 'withdraw', output: { outcome: 'failed', error: { code: 'HOST_REJECTED', message: 'x' } } },
    ]);
    expect(s.context).toMatchObject({ outcome: 'failed', error: { code: 'HOST_REJECTED' } });
  });
});
