/**
 * The fault: a device's fault that stopped card making after the resident paid the fee
 * (DEVICE_OFFLINE down the reject road: the chip station lost, the printer offline) ended on the
 * fault's words alone, the resident who had just paid not told that the fee is kept with the
 * application (ADR 0008: no refund, no second fee when the card is made later). The ended view now
 * says so (`feeKept`) whenever card making ended with no card after a paid fee, and never when no
 * fee was paid.
 */
import { describe, expect, it } from '@jest/globals';
import { idAndFace, startJourneySession } from '../testing/session-journeys-harness.js';
import type { JourneySession } from '../testing/session-journeys-harness.js';
import { toSessionView } from './session-view.js';

const view = (s: JourneySession) => toSessionView(s.actor.getSnapshot(), 'en');

/** Card making stopped at its first blank by `code` (a fault after which no blank is made). */
async function stoppedBy(s: JourneySession, code: string): Promise<void> {
  await s.until(() => s.fakes.makeCard.calls.length === 1);
  s.fakes.makeCard.last.reject({ code, message: 'down' });
  await s.until(() => s.fakes.rejectBlank.calls.length === 1);
  s.fakes.rejectBlank.last.reject({
    code,
    message: 'The card printer cannot make a card right now; please go to a service counter.',
  });
  await s.answer('reportIssuance', undefined);
  await s.until(() => view(s).step === 'ended');
}

describe('session: the fee kept when card making stops', () => {
  it('device fault stops card making after the fee is paid: the ended view says the fee is kept', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'replaceCard' });
    await idAndFace(s);
    await s.answer('checkApplication', { applicationId: 'app-2', feeDueFen: 2_000 });
    s.actor.send({ type: 'PAY_WITH', method: 'account' });
    await s.answer('payFee', { paymentId: 'account' });
    await stoppedBy(s, 'DEVICE_OFFLINE');
    expect(view(s)).toMatchObject({
      step: 'ended',
      outcome: 'failed',
      error: { code: 'DEVICE_OFFLINE' },
      feeKept: true,
    });
  });

  it('device fault stops card making with no fee paid (a new card): no fee claimed kept', async () => {
    const s = startJourneySession();
    s.actor.send({ type: 'SELECT_JOURNEY', journey: 'issueCard' });
    await idAndFace(s);
    await s.answer('checkApplication', { applicationId: 'app-3', feeDueFen: 0 });
    await stoppedBy(s, 'DEVICE_OFFLINE');
    expect(view(s)).toMatchObject({ step: 'ended', error: { code: 'DEVICE_OFFLINE' } });
    expect(view(s).feeKept).toBeUndefined();
  });
});
