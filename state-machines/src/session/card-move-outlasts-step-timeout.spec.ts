/**
 * The fault: the card steps (ejectingCard, retractingCard) ended on the 30 s step timer while the
 * card reader bounds its moves itself. An eject still running at 30 s was followed by a retract
 * against the busy reader; a retract still running at 30 s ended the session failed with the
 * card's whereabouts not settled. Now both steps end on the reader's answer (the card moved, or
 * its coded fault after its own bound, `timeouts.cardMoveMs`); the backstop past that bound and a
 * margin fires only for a reader that broke it, and then the card is accounted for
 * (`accountForCard`, journaled for field staff) and no other move is asked of the reader.
 */
import { describe, expect, it } from '@jest/globals';
import { KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { settle } from '../testing/pending-actor.js';
import {
  CARD_MOVE_MS,
  CARD_TAKE_MS,
  reachShowBalance,
  startSession,
  type SessionHarness,
} from '../testing/session-fixtures.js';
import { cardMoveBackstopMs } from './session.setup.js';

/** a reader whose configured bound of a card move is longer than the 30 s step timer */
const SLOW_READER_MS = 40_000;
const BACKSTOP_MS = cardMoveBackstopMs(SLOW_READER_MS);

const slowReaderSession = () => startSession(['balance'], { cardMoveMs: SLOW_READER_MS });
async function reachEjecting(h: SessionHarness): Promise<void> {
  await reachShowBalance(h);
  h.actor.send({ type: 'FINISH' });
  await waitFor(h.actor, (s) => s.matches('ejectingCard'));
}

async function reachRetracting(h: SessionHarness): Promise<void> {
  await reachEjecting(h);
  h.ejectCard.last.resolve();
  await waitFor(h.actor, (s) => s.matches('takeCard'));
  h.clock.increment(CARD_TAKE_MS);
  await waitFor(h.actor, (s) => s.matches('retractingCard'));
}

/** the step still waits for the reader: its act not stopped, no other move asked */
async function stillWaitingAfter(h: SessionHarness, ms: number, step: string): Promise<void> {
  h.clock.increment(ms);
  await settle();
  expect(h.actor.getSnapshot().value).toBe(step);
  const act = step === 'ejectingCard' ? h.ejectCard : h.retractCard;
  expect(act.calls).toHaveLength(1);
  expect(act.last.signal.aborted).toBe(false);
  expect(h.accountForCard.calls).toHaveLength(0);
}

describe('session: the card steps end on the card reader’s answer', () => {
  it('the backstop is the reader’s bound plus a margin', () => {
    expect(cardMoveBackstopMs(CARD_MOVE_MS)).toBeGreaterThan(CARD_MOVE_MS);
    expect(BACKSTOP_MS).toBeGreaterThan(SLOW_READER_MS);
  });

  it('card eject outlasts the step timeout: no retract beside it, and the card answered at the slot is taken', async () => {
    const h = slowReaderSession();
    await reachEjecting(h);
    // past the old step timer, within the reader's bound
    await stillWaitingAfter(h, SLOW_READER_MS, 'ejectingCard');
    expect(h.retractCard.calls).toHaveLength(0);

    h.ejectCard.last.resolve();
    await waitFor(h.actor, (s) => s.matches('takeCard'));
    h.actor.send({ type: 'CARD_TAKEN' });
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'completed' });
    expect(h.retractCard.calls).toHaveLength(0);
  });

  it('card eject timeout from the reader (its own bound): retracted only then', async () => {
    const h = slowReaderSession();
    await reachEjecting(h);
    await stillWaitingAfter(h, SLOW_READER_MS, 'ejectingCard');
    h.ejectCard.last.reject(new KioskError('DEVICE_TIMEOUT', 'The card reader did not finish the eject.'));
    await waitFor(h.actor, (s) => s.matches('retractingCard'));
    h.retractCard.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'cardRetracted',
      error: { code: 'DEVICE_TIMEOUT' },
    });
    expect(h.actor.getSnapshot().output?.cardUnaccounted).toBeUndefined();
  });

  it('card eject never answered past the backstop: the card is accounted for, never retracted beside the eject', async () => {
    const h = slowReaderSession();
    await reachEjecting(h);
    await stillWaitingAfter(h, BACKSTOP_MS - 1, 'ejectingCard');
    h.clock.increment(1);
    await waitFor(h.actor, (s) => s.matches('accountingForCard'));
    expect(h.accountForCard.last.input).toEqual({ sessionId: 'session-1', act: 'eject' });
    expect(h.retractCard.calls).toHaveLength(0);

    h.accountForCard.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      cardUnaccounted: 'eject',
    });
    expect(h.retractCard.calls).toHaveLength(0);
  });

  it('card retract outlasts the step timeout: the card answered in the capture bin ends retracted', async () => {
    const h = slowReaderSession();
    await reachRetracting(h);
    await stillWaitingAfter(h, SLOW_READER_MS, 'retractingCard');
    h.retractCard.last.resolve();
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'cardRetracted' });
    expect(h.accountForCard.calls).toHaveLength(0);
  });

  it('card retract never answered past the backstop (the default bound): the card is accounted for, then the session ends failed', async () => {
    const h = startSession();
    await reachRetracting(h);
    await stillWaitingAfter(h, cardMoveBackstopMs(CARD_MOVE_MS) - 1, 'retractingCard');
    h.clock.increment(1);
    await waitFor(h.actor, (s) => s.matches('accountingForCard'));
    expect(h.accountForCard.last.input).toEqual({ sessionId: 'session-1', act: 'retract' });
    // the journal not answering either: the session still ends, with the card's fault
    h.accountForCard.last.reject(new KioskError('JOURNAL_WRITE_FAILED', 'x'));
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      cardUnaccounted: 'retract',
    });
    expect(h.retractCard.calls).toHaveLength(1);
  });
});
