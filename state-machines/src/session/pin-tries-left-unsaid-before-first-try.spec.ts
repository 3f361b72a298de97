/**
 * Fault: a card left one try short by an earlier session (a wrong PIN, the card taken back) showed
 * the PIN screen as for a fresh card; the resident learned the tries left only after a wrong PIN,
 * which on a card with one try left had already locked it. The card read says the tries left when
 * the card has fewer than a fresh card's (`CardSummary.pinTriesLeft`, from VERIFY without a PIN),
 * and the PIN screen says them before the first try.
 */
import { describe, expect, it } from '@jest/globals';
import type { AnyEventObject } from 'xstate';
import { toSessionView } from './session-view.js';
import { ZHANG_CARD } from '../testing/session-fixtures.js';
import { done, sessionAfter as run } from '../testing/session-transitions.js';

const cardRead = (card: unknown): AnyEventObject[] => [
  { type: 'SELECT_JOURNEY', journey: 'balance' },
  { type: 'CARD_INSERTED' },
  done('readCard', card),
];

describe('the PIN tries a card has left, said before the first try', () => {
  it('a card one try short: the PIN screen says 2 tries left before any key', () => {
    const s = run(cardRead({ ...ZHANG_CARD, pinTriesLeft: 2 }));
    expect(s.matches({ cardIn: { enterPin: 'waiting' } })).toBe(true);
    expect(toSessionView(s, 'en').pin).toEqual({ entered: 0, length: 6, attemptsLeft: 2 });
  });

  it('keeps the count while keys are typed, and a wrong PIN says the card’s new count', () => {
    const typing = run([...cardRead({ ...ZHANG_CARD, pinTriesLeft: 2 }), { type: 'PIN_KEY', entered: 3 }]);
    expect(toSessionView(typing, 'en').pin).toEqual({ entered: 3, length: 6, attemptsLeft: 2 });
    const wrong = run([
      ...cardRead({ ...ZHANG_CARD, pinTriesLeft: 2 }),
      done('verifyPin', { result: 'wrong', attemptsLeft: 1 }),
    ]);
    expect(toSessionView(wrong, 'en').pin).toEqual({ entered: 0, length: 6, attemptsLeft: 1 });
  });

  it('a card with all its tries: no count on the PIN screen', () => {
    const s = run(cardRead(ZHANG_CARD));
    expect(toSessionView(s, 'en').pin).toEqual({ entered: 0, length: 6 });
  });
});
