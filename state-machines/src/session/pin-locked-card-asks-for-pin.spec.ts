/**
 * Fault: a card whose PIN was locked already (an earlier session's wrong PINs; the chip answers
 * VERIFY without a PIN with 69 83, `pinTriesLeft` 0 at the card read) still showed the PIN screen;
 * the resident typed a PIN the card refuses whatever it is, and only then heard PIN_BLOCKED. A
 * journey that needs the PIN (or activation, which changes the default PIN) now goes back from the
 * card read with PIN_ALREADY_BLOCKED, before any key; the reset, which needs none, goes on. Not
 * this session's lock: the session's end says no `pinLocked` (no PIN_BLOCKED alert to the fleet).
 */
import { describe, expect, it } from '@jest/globals';
import type { AnyEventObject } from 'xstate';
import { toSessionView } from './session-view.js';
import { ZHANG_CARD } from '../testing/session-fixtures.js';
import { done, sessionAfter as run } from '../testing/session-transitions.js';

const LOCKED = { ...ZHANG_CARD, pinTriesLeft: 0 };
const lockedCardIn = (journey: string): AnyEventObject[] => [
  { type: 'SELECT_JOURNEY', journey },
  { type: 'CARD_INSERTED' },
  done('readCard', LOCKED),
];
const identified = done('journey', {
  outcome: 'completed',
  faceTries: 1,
  faceScore: 90,
  resident: { idNumber: ZHANG_CARD.idNumber, name: ZHANG_CARD.name, birthDate: '1980-03-15' },
});

describe('a card whose PIN is locked already, told at the card read', () => {
  it.each(['balance', 'records', 'withdraw', 'changePin', 'activatePin'])(
    '%s: no PIN screen; the card goes back with PIN_ALREADY_BLOCKED',
    (journey) => {
      const s = run(lockedCardIn(journey));
      expect(s.value).toBe('ejectingCard');
      const view = toSessionView(s, 'en');
      expect(view.error?.code).toBe('PIN_ALREADY_BLOCKED');
      expect(view).not.toHaveProperty('pin');
      expect(s.context.outcome).toBe('failed');
    },
  );

  it('the card handed back: the session fails with the code, and no PIN lock of its own', () => {
    const s = run([...lockedCardIn('balance'), done('ejectCard'), { type: 'CARD_TAKEN' }]);
    expect(s.status).toBe('done');
    expect(s.output).toMatchObject({ outcome: 'failed', error: { code: 'PIN_ALREADY_BLOCKED' } });
    expect(s.output).not.toHaveProperty('pinLocked');
  });

  it('the PIN reset needs no PIN: it goes on to the ID card and face, then the new PIN', () => {
    expect(run(lockedCardIn('resetPin')).matches({ cardIn: 'identifyingHolder' })).toBe(true);
    expect(run([...lockedCardIn('resetPin'), identified]).matches({ cardIn: 'newPin' })).toBe(true);
  });

  it('after the reset, another journey’s PIN screen says no count from the read (the reset restored the tries)', () => {
    const s = run([
      ...lockedCardIn('resetPin'),
      identified,
      done('journey', { outcome: 'completed' }),
      { type: 'SELECT_JOURNEY', journey: 'balance' },
      done('checkCard', undefined),
    ]);
    expect(s.matches({ cardIn: { enterPin: 'waiting' } })).toBe(true);
    expect(toSessionView(s, 'en').pin).toEqual({ entered: 0, length: 6 });
  });

  it('a card with tries left is read as before: the PIN screen', () => {
    const s = run([
      { type: 'SELECT_JOURNEY', journey: 'balance' },
      { type: 'CARD_INSERTED' },
      done('readCard', { ...ZHANG_CARD, pinTriesLeft: 1 }),
    ]);
    expect(toSessionView(s, 'en').pin).toEqual({ entered: 0, length: 6, attemptsLeft: 1 });
  });
});
