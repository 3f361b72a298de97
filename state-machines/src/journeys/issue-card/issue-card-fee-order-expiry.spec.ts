/**
 * The QR fee screen never shows a payment code past its order's own expiry (ADR 0015): the
 * deadline is the order's expiry as the host gave it (reported by `payFee` once the order is
 * made), not the moment the journey entered the step. On a simulated clock, with the host's
 * answers played by the spec: a slow order, an order given less time than asked, a payment
 * confirmed after the deadline, an order that expired before its answer came.
 */
import { describe, expect, it } from '@jest/globals';
import { waitFor } from 'xstate';
import { PAY_MS, STEP_MS, startIssue, type IssueHarness } from '../../testing/issue-card-harness.js';
import { settle } from '../../testing/pending-actor.js';

/** a replacement up to the QR wait: the order asked of the host, not yet made */
async function qrAsked(): Promise<IssueHarness> {
  const h = startIssue('replacement');
  h.fakes.checkApplication.last.resolve({ applicationId: 'app-8', feeDueFen: 2_000 });
  await waitFor(h.actor, (s) => s.matches('confirmFee'));
  h.actor.send({ type: 'PAY_WITH', method: 'qr' });
  expect(h.actor.getSnapshot().matches({ paying: 'opening' })).toBe(true);
  return h;
}

/** the daemon reports the order made: payable `payableForMs` longer from now */
const orderOpened = (h: IssueHarness, payableForMs: number) =>
  h.fakes.payFee.last.input.orderOpened({ payableForMs });

const LEAD = STEP_MS - 20_000;

describe('the QR fee screen ends at its order’s expiry', () => {
  it('a slow host call: the deadline is the order’s expiry as the host gave it, not the step’s start plus the wait', async () => {
    const h = await qrAsked();
    // the host took 7 s to make the order and keeps it payable 83 s longer
    h.clock.increment(7_000);
    orderOpened(h, 83_000);
    const expiry = h.clock.now() + 83_000;
    expect(h.actor.getSnapshot().matches({ paying: 'showingCode' })).toBe(true);
    expect(h.actor.getSnapshot().context.deadline).toEqual({ at: expiry, warnAt: expiry - LEAD });
    h.clock.increment(83_000 - 1);
    expect(h.actor.getSnapshot().matches({ paying: 'showingCode' })).toBe(true);
    h.clock.increment(1);
    await waitFor(h.actor, (s) => s.matches('confirmFee'));
    expect(h.fakes.payFee.last.signal.aborted).toBe(true);
    expect(h.actor.getSnapshot().context.error?.code).toBe('FEE_NOT_PAID');
  });

  it('fault: the host keeps the order payable for less than the screen would wait: the code leaves at the order’s expiry', async () => {
    const h = await qrAsked();
    // the host's own cap (or an older order handed back): 45 s where the kiosk asked for PAY_MS
    orderOpened(h, 45_000);
    expect(h.actor.getSnapshot().context.deadline?.at).toBe(h.clock.now() + 45_000);
    h.clock.increment(45_000);
    await waitFor(h.actor, (s) => s.matches('confirmFee'));
    expect(h.clock.now()).toBeLessThan(PAY_MS);
    expect(h.fakes.payFee.last.signal.aborted).toBe(true);
    expect(h.actor.getSnapshot().context.error?.code).toBe('FEE_NOT_PAID');
  });

  it('fault: paid at the last moment, the host confirms after the screen’s deadline: the code left at the expiry, the late confirmation makes no card', async () => {
    const h = await qrAsked();
    orderOpened(h, 60_000);
    const wait = h.fakes.payFee.last;
    // the resident pays in the order's last moment; the kiosk hears of it only after the expiry
    h.clock.increment(60_000);
    await waitFor(h.actor, (s) => s.matches('confirmFee'));
    expect(wait.signal.aborted).toBe(true); // the daemon closes the order: a payment that raced it is refunded
    wait.resolve({ paymentId: 'pay-late' });
    await settle();
    expect(h.actor.getSnapshot().matches('confirmFee')).toBe(true);
    expect(h.actor.getSnapshot().context.feePaid).toBe(false);
    expect(h.fakes.makeCard.calls).toHaveLength(0);
    // the resident may pay again: a fresh order
    h.actor.send({ type: 'PAY_WITH', method: 'qr' });
    expect(h.fakes.payFee.calls).toHaveLength(2);
  });

  it.each([
    ['already past its expiry', -2_000],
    ['at its very expiry', 0],
  ])(
    'fault: the host answers the order’s creation after it expired (%s): its code is never shown, FEE_NOT_PAID',
    async (_, payableForMs) => {
      const h = await qrAsked();
      h.clock.increment(PAY_MS - 1_000);
      const shown: boolean[] = [];
      h.actor.subscribe((s) => shown.push(s.matches({ paying: 'showingCode' })));
      orderOpened(h, payableForMs);
      await waitFor(h.actor, (s) => s.matches('confirmFee'));
      expect(shown).not.toContain(true);
      expect(h.fakes.payFee.last.signal.aborted).toBe(true);
      expect(h.actor.getSnapshot().context.error).toMatchObject({
        code: 'FEE_NOT_PAID',
        message: expect.stringContaining('already expired'),
      });
    },
  );
});
