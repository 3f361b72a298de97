/**
 * The resident takes their ID card off the reader while the fee's QR code shows (ADR 0008, "The
 * fee"): the ID card is their proof, so the journey is abandoned the way a timeout ends the wait.
 * The payment order is closed at the host once, journaled first; a payment that landed just
 * before the close is refunded once; no blank is fed. Real daemon process, the host simulator as
 * its own process, a relay between them that can hold the kiosk's payment polls.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { FaultRelay } from './host-fault-relay.js';
import { lastTransactionClosed } from './journal-steps.js';
import {
  qrOnScreen as qrOnScreenAt,
  settledFeeSteps,
  settledOrder as settledOrderAt,
  startFeeKiosk,
  stepsFromOrder,
  zhang,
  type FeeHost,
  type FeeKiosk,
  type Order,
} from './qr-fee-at-host.js';
import type { UiClient } from './ui-client.js';

describe('the ID card taken away while the fee QR code shows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-fee-id-card-'));
  let kiosk: FeeKiosk | undefined;
  let fees: FeeHost;
  let relay: FaultRelay;
  let ui: UiClient;

  beforeAll(async () => {
    kiosk = await startFeeKiosk(
      [
        ...['--set', 'demo.panel=true', '--set', 'timeouts.feePaymentMs=60000'],
        ...['--set', 'timeouts.endedViewMs=500'],
      ],
      dir,
    );
    ({ fees, ui } = kiosk);
    relay = fees.relay;
  }, 60_000);

  afterAll(async () => {
    await kiosk?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  const qrOnScreen = (): Promise<Order> => qrOnScreenAt(ui, fees);
  const order = (paymentId: string) => fees.order(paymentId);
  const pay = (paymentId: string) => fees.pay(paymentId);
  const application = (applicationNo: string) => fees.application(applicationNo);
  /** every step of the payment order's transaction from its `fee.order` on */
  const stepsFrom = (paymentId: string): string[] => stepsFromOrder(dir, paymentId);

  /** how the transaction of the payment order's session was closed */
  function transactionOf(paymentId: string): { outcome: string; errorCode: string } {
    const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
    try {
      return db
        .prepare(
          `SELECT t.outcome, t.errorCode FROM journal_transaction t JOIN journal_step s ON s.transactionId = t.id
           WHERE s.step = 'fee.order' AND s.detail LIKE ?`,
        )
        .get(`%${paymentId}%`) as { outcome: string; errorCode: string };
    } finally {
      db.close();
    }
  }

  const settledSteps = (paymentId: string) => settledFeeSteps(dir, paymentId, { withinMs: 10_000 });

  const settledOrder = (paymentId: string, from: string) => settledOrderAt(fees, paymentId, from);

  it('fault: ID card removed during the fee QR: the session ends, the order is closed once, a later pay is refused, nothing made', async () => {
    const shown = await qrOnScreen();
    expect(shown.status).toBe('pending');
    // the ended view stays 500 ms: waited for from the lift on
    const ended = await ui.emitAndWaitForSession(
      'demo.idCard',
      { action: 'remove' },
      (v) => v?.step === 'ended',
      15_000,
    );
    expect(ended?.error?.code).toBe('ID_CARD_REMOVED');
    expect(ended?.payment).toBeUndefined();

    expect((await settledOrder(shown.paymentId, 'pending')).status).toBe('closed');
    expect(await pay(shown.paymentId)).toMatchObject({ status: 409, body: { code: 'PAYMENT_ORDER_CLOSED' } });
    expect(await application(shown.applicationNo)).toMatchObject({ status: 'awaitingFee', feePaidBy: null });
    const steps = (await settledSteps(shown.paymentId)).filter((s) => /^(fee|card)\./.test(s));
    // journaled first, closed once, settled once; no blank fed
    expect(steps).toEqual(['fee.order:event', 'fee.close:intent', 'fee.close:done', 'fee.settled:event']);
    // the journey ended as abandoned, in the journal as on screen (closed after the ended view)
    await lastTransactionClosed(join(dir, 'journal.sqlite'), 'replaceCard');
    expect(transactionOf(shown.paymentId)).toEqual({ outcome: 'failed', errorCode: 'ID_CARD_REMOVED' });
    await ui.waitForSession((v) => v === null, 10_000);
  }, 90_000);

  it('fault: ID card removed just as the payment lands: the payment is refunded exactly once, no card made', async () => {
    const shown = await qrOnScreen();
    // the payment reaches the host while the kiosk's poll is on its way: it has not seen it yet
    relay.holdPolls = true;
    await relay.pollHeld();
    expect((await pay(shown.paymentId)).body.status).toBe('paid');
    // the ended view stays 500 ms: waited for from the lift on
    const ended = await ui.emitAndWaitForSession(
      'demo.idCard',
      { action: 'remove' },
      (v) => v?.step === 'ended',
      15_000,
    );
    expect(ended?.error?.code).toBe('ID_CARD_REMOVED');
    const refunded = await settledOrder(shown.paymentId, 'paid');
    relay.releasePolls();
    expect(refunded.status).toBe('refunded');
    expect(await application(shown.applicationNo)).toMatchObject({ status: 'awaitingFee', feePaidBy: null });
    const steps = (await settledSteps(shown.paymentId)).filter((s) => /^(fee|card)\./.test(s));
    expect(steps).toEqual([
      'fee.order:event',
      'fee.close:intent',
      'fee.close:done',
      'fee.refund:intent',
      'fee.refund:done',
      'fee.settled:event',
    ]);
    // the polls let go find nothing more to do: the kiosk gave them up when the step ended (no
    // answer of theirs reached it), so the order stays refunded, settled once
    expect(await relay.heldPollsAnswered()).toBe(0);
    expect((await order(shown.paymentId)).status).toBe('refunded');
    expect(stepsFrom(shown.paymentId).filter((s) => s === 'fee.settled:event')).toHaveLength(1);
    await ui.waitForSession((v) => v === null, 10_000);
  }, 90_000);

  it('fault: ID card lifted before the fee is paid: paying is refused with ID_CARD_ABSENT, no order made; placed back, the code shows', async () => {
    await ui.waitForKiosk((k) => k.journeysOffered.includes('replaceCard'), 15_000);
    expect(await ui.emit('session.start', { journey: 'replaceCard' })).toEqual({ ok: true });
    await ui.waitForSession((v) => v?.step === 'placeIdCard');
    // the first face match fails; the resident lifts the ID card meanwhile, the retry matches
    await ui.emit('demo.face', { score: 40 });
    await ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    await ui.waitForSession((v) => v?.step === 'faceNotMatched', 15_000);
    await ui.emit('demo.idCard', { action: 'remove' });
    await ui.emit('demo.face', { score: 92 });
    await ui.emit('session.command', { command: 'retry' });
    await ui.waitForSession((v) => v?.step === 'payFee', 30_000);
    expect(await ui.emit('session.payFee', { method: 'qr' })).toEqual({ ok: true });
    const refused = await ui.waitForSession((v) => v?.error?.code === 'ID_CARD_ABSENT', 10_000);
    expect(refused?.step).toBe('payFee');
    expect(refused?.payment).toBeUndefined();
    const db = new Database(join(dir, 'journal.sqlite'), { readonly: true });
    const feeSteps = db
      .prepare(
        `SELECT s.step FROM journal_step s WHERE s.step LIKE 'fee.%' AND s.transactionId =
           (SELECT id FROM journal_transaction WHERE journey = 'replaceCard' ORDER BY serial DESC LIMIT 1)`,
      )
      .all();
    db.close();
    expect(feeSteps).toEqual([]);

    // placed back: the code shows; the resident then cancels, and the order is closed
    await ui.emit('demo.idCard', { action: 'place', idCardId: zhang.key });
    expect(await ui.emit('session.payFee', { method: 'qr' })).toEqual({ ok: true });
    const shown = await ui.waitForSession((v) => v?.payment !== undefined, 15_000);
    const paymentId = /order\/(QR\d{8})/.exec(shown!.payment!.qrContent)![1]!;
    expect(await ui.emit('session.command', { command: 'cancel' })).toEqual({ ok: true });
    expect((await settledOrder(paymentId, 'pending')).status).toBe('closed');
    await ui.emit('demo.idCard', { action: 'remove' });
    await ui.waitForSession((v) => v === null, 15_000);
  }, 90_000);
});
