/**
 * The QR fee paid exactly once, closed at every end (ADR 0008, "The fee"), through the real daemon
 * process and the host simulator as its own process. Between them a small HTTP relay plays the
 * network's faults: it can hold the kiosk's payment polls (so a payment lands at the host before
 * the kiosk sees it) and swallow the answer of a close (the close lands, the kiosk times out).
 * After each fault the host's order and application say where the fee is: kept only with a card,
 * else refunded.
 */
import { KIOSK_ID } from './qr-fee-at-host.js';
import {
  FEE_WAIT_MS,
  FEE_WARN_BEFORE_MS,
  feeCloseWorld,
  HOST_TIMEOUT_MS,
} from './fee-payment-close.helpers.js';

describe('the QR fee, exactly once and closed at every end', () => {
  const world = feeCloseWorld();
  const { start, stopDaemon, leave, lastReplaceCard, qrOnScreen, order, pay, application } = world;
  const { settledOrder, journaledSettlement } = world;

  it('fault: pay after the fee step timed out: the order was closed, the payment is refused, nothing charged', async () => {
    const client = await start();
    const shown = await qrOnScreen(client);
    // the screen's deadline is the order's expiry as the host gave it (ADR 0015): its countdown and
    // its "payable until" are that one instant, and "need more time?" comes first
    const view = await client.waitForSession((v) => v?.payment !== undefined);
    const deadline = view!.deadline!;
    expect(deadline.at - deadline.warnAt).toBe(FEE_WARN_BEFORE_MS);
    expect(deadline.at).toBe(Date.parse(view!.payment!.expiresAt));
    // the host's expiry on its own clock, one clock with the kiosk's here: the deadline is never
    // after it, and short of it only by the kiosk's status read on its way to the host
    const hostExpiry = Date.parse(shown.expiresAt);
    expect(deadline.at).toBeLessThanOrEqual(hostExpiry);
    expect(hostExpiry - deadline.at).toBeLessThan(HOST_TIMEOUT_MS);
    // the code leaves the screen with the wait
    const timedOut = await client.waitForSession(
      (v) => v?.error?.code === 'FEE_NOT_PAID' && v.payment === undefined,
      FEE_WAIT_MS + 10_000,
    );
    expect(timedOut?.step).toBe('payFee');
    // the order ends with the wait: closed by the kiosk, or expired at the same moment at the host
    const ended = await settledOrder(shown.paymentId);
    expect(['closed', 'expired']).toContain(ended.status);
    const late = await pay(shown.paymentId);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe(
      ended.status === 'closed' ? 'PAYMENT_ORDER_CLOSED' : 'PAYMENT_STATE_CONFLICT',
    );
    expect((await application(shown.applicationNo))?.status).toBe('awaitingFee');
    expect(await journaledSettlement(shown.paymentId)).toEqual([
      'fee.order:event',
      'fee.close:intent',
      'fee.close:done',
      'fee.settled:event',
    ]);
    // the resident does not try again: the session goes on without the card
    expect(await client.emit('session.command', { command: 'cancel' })).toEqual({ ok: true });
    await leave(client);
    await stopDaemon();
  }, 90_000);

  it('"need more time?" gives a fresh code for the full time; the first order is closed, a late pay of it refused', async () => {
    const client = await start();
    const first = await qrOnScreen(client);
    expect(await client.emit('session.command', { command: 'moreTime' })).toEqual({ ok: true });
    const fresh = await client.waitForSession(
      (v) => v?.payment !== undefined && !v.payment.qrContent.includes(first.paymentId),
      15_000,
    );
    expect(fresh?.step).toBe('payFee');
    expect((await settledOrder(first.paymentId)).status).toBe('closed');
    expect(await pay(first.paymentId)).toMatchObject({ status: 409, body: { code: 'PAYMENT_ORDER_CLOSED' } });
    expect(await journaledSettlement(first.paymentId)).toEqual(
      expect.arrayContaining(['fee.close:intent', 'fee.close:done', 'fee.settled:event']),
    );
    // the resident walks away from the fresh code: it is closed as well
    const second = /order\/(QR\d{8})/.exec(fresh!.payment!.qrContent)![1]!;
    expect(await client.emit('session.command', { command: 'cancel' })).toEqual({ ok: true });
    expect((await settledOrder(second)).status).toBe('closed');
    await leave(client);
    await stopDaemon();
  }, 90_000);

  it('fault: pay racing the cancel: the payment landed before the close, so the host refunds it exactly once', async () => {
    const client = await start();
    const shown = await qrOnScreen(client);
    // the kiosk does not see the payment before the resident cancels: its polls are held
    world.relay.holdPolls = true;
    expect((await pay(shown.paymentId)).body.status).toBe('paid');
    expect((await application(shown.applicationNo))?.status).toBe('ready');
    expect(await client.emit('session.command', { command: 'cancel' })).toEqual({ ok: true });
    const refunded = await settledOrder(shown.paymentId, 'paid');
    world.relay.releasePolls();
    expect(refunded.status).toBe('refunded');
    expect(await application(shown.applicationNo)).toMatchObject({ status: 'awaitingFee', feePaidBy: null });
    const steps = await journaledSettlement(shown.paymentId);
    expect(steps).toEqual([
      'fee.order:event',
      'fee.close:intent',
      'fee.close:done',
      'fee.refund:intent',
      'fee.refund:done',
      'fee.settled:event',
    ]);
    // no card was begun for it
    expect(steps).not.toContain('fee.paid:event');
    await leave(client);
    await stopDaemon();
  }, 90_000);

  it('fault: host times out on the cancel: the close is tried again by its key, the kiosk does not hang', async () => {
    const client = await start();
    const shown = await qrOnScreen(client);
    world.relay.swallowCloses = 1;
    world.relay.closeKeys.length = 0;
    const givenUp = world.relay.swallowedGivenUp;
    expect(await client.emit('session.command', { command: 'cancel' })).toEqual({ ok: true });
    // the screen moves on at once, the close still awaited (hung up at the host timeout): off its path
    await client.waitForSession((v) => v?.step !== 'payFee', 15_000);
    expect(world.relay.swallowedGivenUp).toBe(givenUp);
    expect((await settledOrder(shown.paymentId)).status).toBe('closed');
    const steps = await journaledSettlement(shown.paymentId);
    expect(world.relay.swallowedGivenUp).toBe(givenUp + 1);
    expect(world.relay.closeKeys.length).toBeGreaterThanOrEqual(2);
    expect(new Set(world.relay.closeKeys).size).toBe(1);
    expect(world.relay.closeKeys[0]).toMatch(new RegExp(`^${KIOSK_ID}:.+:fee-close:${shown.paymentId}$`));
    // one intent, one outcome, whatever the tries
    expect(steps).toEqual(['fee.order:event', 'fee.close:intent', 'fee.close:done', 'fee.settled:event']);
    await leave(client);
    await stopDaemon();
  }, 90_000);

  it('fault: daemon killed while waiting for the payment, the resident pays meanwhile: the restart closes the order and the fee is refunded', async () => {
    const client = await start();
    const shown = await qrOnScreen(client);
    client.close();
    await stopDaemon('SIGKILL');
    // the kiosk is dark, the code still payable: the resident pays
    expect((await pay(shown.paymentId)).body.status).toBe('paid');

    const after = await start();
    await after.waitForKiosk((k) => k.journeysOffered.includes('replaceCard'), 20_000);
    expect((await order(shown.paymentId)).status).toBe('refunded');
    expect(await application(shown.applicationNo)).toMatchObject({ status: 'awaitingFee', feePaidBy: null });
    expect(await journaledSettlement(shown.paymentId)).toEqual(
      expect.arrayContaining(['fee.close:intent', 'fee.close:done', 'fee.refund:done', 'fee.settled:event']),
    );
    expect(lastReplaceCard()).toEqual({ status: 'closed', outcome: 'interrupted' });
    await stopDaemon();
  }, 90_000);

  it('fault: daemon restarted (a clean stop) while the code was on screen: the order ends closed, a later pay refused', async () => {
    const client = await start();
    const shown = await qrOnScreen(client);
    client.close();
    await stopDaemon('SIGTERM');
    const after = await start();
    await after.waitForKiosk((k) => k.journeysOffered.includes('replaceCard'), 20_000);
    // closed by the stop itself or, had it no time, by recovery at boot: either way before service
    expect((await order(shown.paymentId)).status).toBe('closed');
    expect(await pay(shown.paymentId)).toMatchObject({ status: 409, body: { code: 'PAYMENT_ORDER_CLOSED' } });
    expect(await journaledSettlement(shown.paymentId)).toEqual(
      expect.arrayContaining(['fee.close:intent', 'fee.close:done', 'fee.settled:event']),
    );
    await stopDaemon();
  }, 90_000);

  it.each([
    ['after:fee.close:intent', false, 'closed'],
    ['before:fee.refund:done', true, 'refunded'],
  ] as const)(
    'fault: power lost at %s while closing: the restart settles the order once, by its keys',
    async (point, paidFirst, final) => {
      const client = await start('--set', `journal.crashAt=${point}`);
      const shown = await qrOnScreen(client);
      if (paidFirst) {
        world.relay.holdPolls = true;
        expect((await pay(shown.paymentId)).body.status).toBe('paid');
      }
      const dead = world.daemon!.ended;
      // the daemon may die before it answers
      await client.emit('session.command', { command: 'cancel' }).catch(() => undefined);
      await dead; // the daemon killed itself at the point
      world.relay.releasePolls();
      await stopDaemon('SIGKILL');

      const after = await start();
      await after.waitForKiosk((k) => k.journeysOffered.includes('replaceCard'), 20_000);
      expect((await order(shown.paymentId)).status).toBe(final);
      expect(await application(shown.applicationNo)).toMatchObject({
        status: 'awaitingFee',
        feePaidBy: null,
      });
      const steps = await journaledSettlement(shown.paymentId);
      // the cut close (or refund) has no outcome; recovery's own is journaled, then one settlement
      expect(steps.filter((s) => s === 'fee.settled:event')).toHaveLength(1);
      const count = (name: string) => steps.filter((s) => s === name).length;
      expect(count('fee.close:intent')).toBe(2);
      expect(count('fee.close:done')).toBe(paidFirst ? 2 : 1);
      expect(count('fee.refund:intent')).toBe(paidFirst ? 2 : 0);
      expect(count('fee.refund:done')).toBe(paidFirst ? 1 : 0);
      await stopDaemon();
    },
    90_000,
  );
});
