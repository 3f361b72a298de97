/**
 * A replacement's old card (RULES.md "Issuing a card on the spot"): reported lost, or handed in
 * damaged. Where the kiosk takes damaged cards in, the resident says why first; a damaged card goes
 * into the card reader, is read as far as it can be and captured, and only then is the host asked
 * for the application (told the card was handed in). Faults: not inserted in time, someone else's
 * card, a chip that does not answer, a reader that does not finish.
 */
import { describe, expect, it } from '@jest/globals';
import { DEFAULT_CARD_MOVE_TIMEOUT_MS, KioskError } from '@kiosk/domain';
import { waitFor } from 'xstate';
import { STEP_MS, startIssue } from '../../testing/issue-card-harness.js';
import { settle } from '../../testing/pending-actor.js';
import { handInBackstopMs } from './issue-card.setup.js';

const handIn = () => startIssue('replacement', { handInDamaged: true });

async function damagedCardInReader(h: ReturnType<typeof handIn>) {
  h.actor.send({ type: 'REPLACEMENT_REASON', reason: 'damaged' });
  expect(h.actor.getSnapshot().value).toBe('insertOldCard');
  h.fakes.awaitOldCard.last.resolve();
  await waitFor(h.actor, (s) => s.matches('handingInOldCard'));
}

describe('replacement: lost, or damaged and handed in', () => {
  it('asks why before anything is asked of the host', () => {
    const h = handIn();
    expect(h.actor.getSnapshot().value).toBe('askingReason');
    expect(h.fakes.checkApplication.calls).toHaveLength(0);
  });

  it('a lost card goes on to the application as today, the host told it is lost', () => {
    const h = handIn();
    h.actor.send({ type: 'REPLACEMENT_REASON', reason: 'lost' });
    expect(h.actor.getSnapshot().value).toBe('checkingApplication');
    expect(h.fakes.checkApplication.last.input).toMatchObject({
      kind: 'replacement',
      replacementReason: 'lost',
    });
    expect(h.fakes.awaitOldCard.calls).toHaveLength(0);
  });

  it('a damaged card is read and captured, then the host is told it was handed in; fee and card follow', async () => {
    const h = handIn();
    await damagedCardInReader(h);
    expect(h.fakes.handInOldCard.last.input).toEqual({
      sessionId: 's-1',
      idNumber: '410802198003151310',
      moving: expect.any(Function),
      cardLeftForStaff: expect.any(Function),
    });
    h.fakes.handInOldCard.last.resolve({ chip: 'read' });
    await waitFor(h.actor, (s) => s.matches('checkingApplication'));
    expect(h.fakes.checkApplication.last.input).toMatchObject({
      kind: 'replacement',
      replacementReason: 'damaged',
    });
    h.fakes.checkApplication.last.resolve({ applicationId: 'app-9', feeDueFen: 2_000 });
    await waitFor(h.actor, (s) => s.matches('confirmFee'));
    h.actor.send({ type: 'CANCEL' });
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'cancelled',
      replacementReason: 'damaged',
      oldCard: { chip: 'read' },
    });
  });

  it('fault: chip unreadable: normal for a damaged card, captured all the same and the replacement goes on', async () => {
    const h = handIn();
    await damagedCardInReader(h);
    h.fakes.handInOldCard.last.resolve({ chip: 'unreadable' });
    await waitFor(h.actor, (s) => s.matches('checkingApplication'));
    expect(h.actor.getSnapshot().context.oldCard).toEqual({ chip: 'unreadable' });
  });

  it('fault: someone else’s card: refused with ID_MISMATCH, nothing asked of the host', async () => {
    const h = handIn();
    await damagedCardInReader(h);
    h.fakes.handInOldCard.last.reject(
      new KioskError('ID_MISMATCH', 'This card is not yours; it was given back.'),
    );
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({ outcome: 'failed', error: { code: 'ID_MISMATCH' } });
    expect(h.actor.getSnapshot().output?.oldCard).toBeUndefined();
    // given back: it lies at the slot, for the session to wait for and retract if left there
    expect(h.actor.getSnapshot().output?.oldCardAtSlot).toBe(true);
    expect(h.fakes.checkApplication.calls).toHaveLength(0);
  });

  it('fault: old card not inserted in time: ends timed out, the wait stopped, nothing made or charged', () => {
    const h = handIn();
    h.actor.send({ type: 'REPLACEMENT_REASON', reason: 'damaged' });
    h.clock.increment(STEP_MS);
    expect(h.fakes.awaitOldCard.last.signal.aborted).toBe(true);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'SESSION_TIMED_OUT' },
      feePaid: false,
    });
    expect(h.fakes.checkApplication.calls).toHaveLength(0);
  });

  it('card capture outlasts the step timeout: the hand-in ends on the reader’s answer, the card captured', async () => {
    const h = handIn();
    await damagedCardInReader(h);
    h.clock.increment(STEP_MS + DEFAULT_CARD_MOVE_TIMEOUT_MS); // past the old step timer, within the reader's bound
    await settle();
    expect(h.actor.getSnapshot().value).toBe('handingInOldCard');
    expect(h.fakes.handInOldCard.last.signal.aborted).toBe(false);
    h.fakes.handInOldCard.last.resolve({ chip: 'read' });
    await waitFor(h.actor, (s) => s.matches('checkingApplication'));
    expect(h.actor.getSnapshot().context.oldCard).toEqual({ chip: 'read' });
  });

  it('card capture timeout from the reader (its own bound): the reader’s fault, the card neither captured nor given back is to be accounted for', async () => {
    const h = handIn();
    await damagedCardInReader(h);
    h.fakes.handInOldCard.last.reject(
      new KioskError('DEVICE_TIMEOUT', 'The card reader did not finish the capture.'),
    );
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      oldCardUnaccounted: 'retract',
    });
    expect(h.fakes.checkApplication.calls).toHaveLength(0);
  });

  it('fault: capture refused, the capture bin full: DEVICE_BIN_FULL, the card to be accounted for, nothing asked of the host', async () => {
    const h = handIn();
    await damagedCardInReader(h);
    h.fakes.handInOldCard.last.reject(new KioskError('DEVICE_BIN_FULL', 'The capture bin is full.'));
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_BIN_FULL' },
      oldCardUnaccounted: 'retract',
    });
    expect(h.fakes.checkApplication.calls).toHaveLength(0);
  });

  it('fault: someone else’s card that the reader could not give back (the eject jammed): the card to be accounted for after the eject, not a retract', async () => {
    const h = handIn();
    await damagedCardInReader(h);
    h.fakes.handInOldCard.last.input.moving('eject');
    h.fakes.handInOldCard.last.reject(new KioskError('CARD_READER_JAM', 'The card is jammed in the reader.'));
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CARD_READER_JAM' },
      oldCardUnaccounted: 'eject',
    });
    expect(h.actor.getSnapshot().output?.oldCardAtSlot).toBeUndefined();
    expect(h.fakes.checkApplication.calls).toHaveLength(0);
  });

  it('fault: the old card pulled out during the hand-in: CARD_REMOVED, no card left to account for', async () => {
    const h = handIn();
    await damagedCardInReader(h);
    h.fakes.handInOldCard.last.reject(new KioskError('CARD_REMOVED', 'The card was pulled out.'));
    await waitFor(h.actor, (s) => s.status === 'done');
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CARD_REMOVED' },
    });
    expect(h.actor.getSnapshot().output?.oldCardUnaccounted).toBeUndefined();
  });

  it('fault: the reader never answers the capture past the backstop: DEVICE_TIMEOUT, the card to be accounted for after the retract, nothing asked of the host', async () => {
    const h = handIn();
    await damagedCardInReader(h);
    h.fakes.handInOldCard.last.input.moving('retract');
    expect(handInBackstopMs(STEP_MS)).toBe(handInBackstopMs(STEP_MS, DEFAULT_CARD_MOVE_TIMEOUT_MS));
    expect(handInBackstopMs(STEP_MS)).toBeGreaterThan(STEP_MS + DEFAULT_CARD_MOVE_TIMEOUT_MS);
    h.clock.increment(handInBackstopMs(STEP_MS) - 1);
    await settle();
    expect(h.actor.getSnapshot().value).toBe('handingInOldCard');
    h.clock.increment(1);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'DEVICE_TIMEOUT' },
      oldCardUnaccounted: 'retract',
    });
    // the hand-in, stopped, reads that the card is left for staff: it moves nothing more
    expect(h.fakes.handInOldCard.last.signal.aborted).toBe(true);
    expect(h.fakes.handInOldCard.last.input.cardLeftForStaff()).toBe(true);
    expect(h.fakes.checkApplication.calls).toHaveLength(0);
  });

  it('CANCEL is honoured at the question and while the old card is awaited, not while it is captured', async () => {
    const asked = handIn();
    asked.actor.send({ type: 'CANCEL' });
    expect(asked.actor.getSnapshot().output?.outcome).toBe('cancelled');
    const waiting = handIn();
    waiting.actor.send({ type: 'REPLACEMENT_REASON', reason: 'damaged' });
    waiting.actor.send({ type: 'CANCEL' });
    expect(waiting.fakes.awaitOldCard.last.signal.aborted).toBe(true);
    expect(waiting.actor.getSnapshot().output?.outcome).toBe('cancelled');
    const capturing = handIn();
    await damagedCardInReader(capturing);
    capturing.actor.send({ type: 'CANCEL' });
    expect(capturing.actor.getSnapshot().value).toBe('handingInOldCard');
  });

  it('no answer to the question ends timed out', () => {
    const h = handIn();
    h.clock.increment(STEP_MS);
    expect(h.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'SESSION_TIMED_OUT' },
    });
  });

  it('a kiosk that takes no damaged card in asks nothing: the old card is reported lost', () => {
    const h = startIssue('replacement');
    expect(h.actor.getSnapshot().value).toBe('checkingApplication');
    expect(h.fakes.checkApplication.last.input).not.toHaveProperty('replacementReason');
  });
});
