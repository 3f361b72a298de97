/**
 * The faults of the damaged-card hand-in (`handInOldCard`: the chip read, then the reader's capture).
 *
 * It failed on the reader's own answer (the capture refused for a full capture bin,
 * DEVICE_BIN_FULL; the reader's own timeout, DEVICE_TIMEOUT) and ended the session plainly: the old
 * card, neither captured nor given back, was in the reader or at the slot with nothing saying
 * where, for nobody, and the resident was told to try again. Now the session accounts for it as for
 * a failed retract (ADR 0016): card.unaccounted after the retract, the session ended failed with
 * the reader's fault, the card kept for staff. A card pulled out during the hand-in (CARD_REMOVED)
 * has left the kiosk: nothing to account for.
 *
 * It ended on the generic 30 s step timer while the reader bounds its card moves itself
 * (`devices.cardReader.moveTimeoutMs`): a capture still running was stopped and the session ended
 * with the old card's whereabouts unsettled, for nobody. Now the step ends on the hand-in's answer;
 * past its backstop (the step's time for the read, the reader's bound plus the margin) the session
 * accounts for the card as its own card steps do (card.unaccounted after the retract, ADR 0016),
 * and the resident reads that the card stays in the kiosk for staff.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { handInBackstopMs } from '../journeys/issue-card/issue-card.setup.js';
import { settle } from '../testing/pending-actor.js';
import { CARD_MOVE_MS } from '../testing/session-fixtures.js';
import { accountedForAndKept, handingIn, view } from './session.old-card-hand-in.spec-support.js';

describe('session: a damaged-card hand-in that fails leaves no card unaccounted for', () => {
  it.each([
    ['capture refused, the capture bin full', ErrorCode.DEVICE_BIN_FULL],
    ['the reader’s own timeout', ErrorCode.DEVICE_TIMEOUT],
  ])(
    'fault: %s: the card is accounted for, the session ends failed with the reader’s fault, kept for staff',
    async (_fault, code) => {
      const s = await handingIn();
      s.fakes.handInOldCard.last.reject(new KioskError(code, 'The card reader did not capture the card.'));
      await accountedForAndKept(s, code);
    },
  );

  it('fault: someone else’s card not given back (its eject jammed): card.unaccounted names the eject, not a retract; ended failed, kept for staff', async () => {
    const s = await handingIn();
    s.fakes.handInOldCard.last.input.moving('eject');
    s.fakes.handInOldCard.last.reject(
      new KioskError(ErrorCode.CARD_READER_JAM, 'The card is jammed in the reader.'),
    );
    await accountedForAndKept(s, ErrorCode.CARD_READER_JAM, 'eject');
  });

  it('fault: the old card pulled out during the hand-in: ended failed, nothing to account for', async () => {
    const s = await handingIn();
    s.fakes.handInOldCard.last.reject(new KioskError('CARD_REMOVED', 'The card was pulled out.'));
    await s.until(() => s.actor.getSnapshot().status === 'done');
    expect(s.fakes.accountForCard.calls).toHaveLength(0);
    expect(s.actor.getSnapshot().output).toMatchObject({
      outcome: 'failed',
      error: { code: 'CARD_REMOVED' },
    });
    expect(s.actor.getSnapshot().output?.cardUnaccounted).toBeUndefined();
  });
});

describe('session: the damaged-card hand-in ends on the card reader’s answer', () => {
  it('card capture outlasts the step timeout: still waiting for the reader, then on to the application', async () => {
    const s = await handingIn();
    s.clock.increment(s.actor.getSnapshot().context.timeouts.stepMs + CARD_MOVE_MS - 1);
    await settle();
    expect(view(s).step).toBe('handingInOldCard');
    expect(s.fakes.handInOldCard.last.signal.aborted).toBe(false);
    await s.answer('handInOldCard', { chip: 'read' });
    await s.until(() => view(s).step === 'checkingApplication');
    expect(s.fakes.accountForCard.calls).toHaveLength(0);
  });

  it('card capture never answered past the backstop: the card is accounted for, the session ends failed, kept for staff', async () => {
    const s = await handingIn();
    s.fakes.handInOldCard.last.input.moving('retract'); // the chip read, the capture asked
    const stepMs = s.actor.getSnapshot().context.timeouts.stepMs;
    s.clock.increment(handInBackstopMs(stepMs, CARD_MOVE_MS));
    await accountedForAndKept(s, 'DEVICE_TIMEOUT');
  });
});
