import { ErrorCode, KioskError } from '@kiosk/domain';
import type { QrPaymentView } from '@kiosk/host-simulator/contract';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { FeeOrderScan } from '../journal/fee-order-scan.service.js';
import type { JournalService, StepDetail } from '../journal/journal.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { overwriteStepDetail } from '../journal/step-detail.spec-support.js';
import { settleFeeOrdersOf } from './fee-order-boot-settlement.js';
import { settleQrOrder, unsettledQrOrders } from './fee-settlement.js';

type Status = QrPaymentView['status'];

/**
 * A back office's QR orders as the host keeps them: close and refund by state, each answer kept by
 * its idempotency key; `faults` makes the next calls of an operation time out.
 */
function fakeHost(initial: Status = 'pending') {
  const order = { paymentId: 'QR00000007', status: initial, refunds: 0 };
  const keys: string[] = [];
  const faults = { close: 0, refund: 0 };
  const view = (): QrPaymentView => ({
    paymentId: order.paymentId,
    applicationNo: 'A0000042',
    amountFen: 2000,
    status: order.status,
    qrContent: `kioskpay:order/${order.paymentId}?amount=2000`,
    expiresAt: '2026-11-27T03:00:00.000Z',
    expiresInMs: 0,
    paidAt: null,
  });
  const timedOut = () => new KioskError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.');
  const issuance = {
    startQrPayment: async (_app: string, serial: string, _s?: AbortSignal, o?: { attempt?: number }) => {
      keys.push(`${serial}:fee-qr:${o?.attempt ?? 1}`);
      return view();
    },
    closeQrPayment: async (paymentId: string, serial: string) => {
      keys.push(`${serial}:fee-close:${paymentId}`);
      if (faults.close > 0) {
        faults.close -= 1;
        // the close landed but its answer was lost, as a timing-out host does
        if (order.status === 'pending') order.status = 'closed';
        throw timedOut();
      }
      if (order.status === 'pending') order.status = 'closed';
      return view();
    },
    refundQrPayment: async (paymentId: string, serial: string) => {
      keys.push(`${serial}:fee-refund:${paymentId}`);
      if (faults.refund > 0) {
        faults.refund -= 1;
        throw timedOut();
      }
      if (order.status === 'paid') {
        order.status = 'refunded';
        order.refunds += 1;
      }
      return view();
    },
  } as unknown as IssuanceHostService;
  return { order, keys, faults, issuance };
}

async function journalWithOrder(steps: [string, 'intent' | 'done' | 'event', StepDetail?][] = []) {
  const { db, journal } = await openMemoryJournal();
  const tx = await journal.openTransaction('s1', 'replaceCard');
  await journal.recordStep(tx, 'fee.qr', 'intent', {
    amountFen: 2000,
    applicationNo: 'A0000042',
    attempt: 1,
  });
  for (const [step, phase, detail] of steps) await journal.recordStep(tx, step, phase, detail);
  const named = async () => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);
  const settledDetail = async () =>
    (await journal.stepsOf(tx)).filter((s) => s.step === 'fee.settled').map((s) => JSON.parse(s.detail!));
  return { db, journal, tx, named, settledDetail };
}

const ORDER = { attempt: 1, applicationNo: 'A0000042', paymentId: 'QR00000007' };
const FAST = { retryMs: 1 };
const quiet = { warn: () => undefined, error: () => undefined };

/** what recovery at boot settles of one transaction's open orders (fee-order-boot-settlement.ts) */
async function settledAtBoot(journal: JournalService, issuance: IssuanceHostService, tx: string) {
  return (await settleFeeOrdersOf({ journal, issuance, log: quiet }, tx)).settled;
}

describe('closing a QR fee order the kiosk stopped waiting for', () => {
  it('closes an unpaid order at the host, journaled first: close intent, then outcome', async () => {
    const host = fakeHost('pending');
    const w = await journalWithOrder([
      ['fee.qr', 'done'],
      ['fee.order', 'event', { attempt: 1, paymentId: 'QR00000007' }],
    ]);
    expect(await settleQrOrder(w.journal, host.issuance, w.tx, ORDER, FAST)).toBe('closed');
    expect(host.order.status).toBe('closed');
    expect((await w.named()).slice(-3)).toEqual(['fee.close:intent', 'fee.close:done', 'fee.settled:event']);
    expect(await w.settledDetail()).toEqual([{ attempt: 1, paymentId: 'QR00000007', outcome: 'closed' }]);
    expect(unsettledQrOrders(await w.journal.stepsOf(w.tx))).toEqual([]);
  });

  it('fault: paid racing the cancel: the close answers paid and the host refunds it, exactly once', async () => {
    const host = fakeHost('paid');
    const w = await journalWithOrder([['fee.order', 'event', { attempt: 1, paymentId: 'QR00000007' }]]);
    expect(await settleQrOrder(w.journal, host.issuance, w.tx, ORDER, FAST)).toBe('refunded');
    expect(host.order).toMatchObject({ status: 'refunded', refunds: 1 });
    expect((await w.named()).slice(-5)).toEqual([
      'fee.close:intent',
      'fee.close:done',
      'fee.refund:intent',
      'fee.refund:done',
      'fee.settled:event',
    ]);
    // a restart after that finds nothing to settle: no second close, no second refund
    expect(await settledAtBoot(w.journal, host.issuance, w.tx)).toBe(0);
    expect(host.order.refunds).toBe(1);
    expect(host.keys.filter((k) => k.includes('fee-refund'))).toHaveLength(1);
  });

  it('fault: host times out on cancel: retried by the same key until it answers, no hang', async () => {
    const host = fakeHost('pending');
    host.faults.close = 2;
    const w = await journalWithOrder();
    expect(await settleQrOrder(w.journal, host.issuance, w.tx, ORDER, { tries: 4, retryMs: 1 })).toBe(
      'closed',
    );
    const closes = host.keys.filter((k) => k.includes('fee-close'));
    expect(closes).toEqual([
      `${w.tx}:fee-close:QR00000007`,
      `${w.tx}:fee-close:QR00000007`,
      `${w.tx}:fee-close:QR00000007`,
    ]);
    // one intent, one outcome, whatever the tries
    expect((await w.named()).filter((s) => s.startsWith('fee.close'))).toEqual([
      'fee.close:intent',
      'fee.close:done',
    ]);
  });

  it('fault: host times out on every try: the close is journaled failed and recovery settles it later', async () => {
    const host = fakeHost('pending');
    host.faults.close = 10;
    const w = await journalWithOrder([['fee.order', 'event', { attempt: 1, paymentId: 'QR00000007' }]]);
    await expect(
      settleQrOrder(w.journal, host.issuance, w.tx, ORDER, { tries: 3, retryMs: 1 }),
    ).rejects.toMatchObject({
      code: ErrorCode.HOST_TIMEOUT,
    });
    expect(host.keys.filter((k) => k.includes('fee-close'))).toHaveLength(3);
    expect((await w.named()).slice(-2)).toEqual(['fee.close:intent', 'fee.close:failed']);
    expect(unsettledQrOrders(await w.journal.stepsOf(w.tx))).toEqual([ORDER]);
    // still listed by the boot scan, even once the session closed its transaction
    await w.journal.closeTransaction(w.tx, 'timedOut', ErrorCode.SESSION_TIMED_OUT);
    expect(await new FeeOrderScan(w.db).transactionsWithOpenOrders()).toEqual([w.tx]);
    host.faults.close = 0;
    expect(await settledAtBoot(w.journal, host.issuance, w.tx)).toBe(1);
    expect(await w.settledDetail()).toEqual([{ attempt: 1, paymentId: 'QR00000007', outcome: 'closed' }]);
    expect(await new FeeOrderScan(w.db).transactionsWithOpenOrders()).toEqual([]);
  });

  it('fault: killed before the order id was journaled: the order is found by its key and closed', async () => {
    const host = fakeHost('pending');
    const w = await journalWithOrder();
    const [open] = unsettledQrOrders(await w.journal.stepsOf(w.tx));
    expect(open).toEqual({ attempt: 1, applicationNo: 'A0000042' });
    expect(await settledAtBoot(w.journal, host.issuance, w.tx)).toBe(1);
    expect(host.keys.slice(0, 2)).toEqual([`${w.tx}:fee-qr:1`, `${w.tx}:fee-close:QR00000007`]);
    expect(host.order.status).toBe('closed');
  });

  it('leaves alone an order card making took, and settles only the orders not yet settled', async () => {
    const w = await journalWithOrder([
      ['fee.order', 'event', { attempt: 1, paymentId: 'QR00000001' }],
      ['fee.settled', 'event', { attempt: 1, paymentId: 'QR00000001', outcome: 'closed' }],
      ['fee.qr', 'intent', { amountFen: 2000, applicationNo: 'A0000042', attempt: 2 }],
      ['fee.order', 'event', { attempt: 2, paymentId: 'QR00000002' }],
      ['fee.paid', 'event', { attempt: 2, paymentId: 'QR00000002' }],
      ['fee.settled', 'event', { attempt: 2, paymentId: 'QR00000002', outcome: 'accepted' }],
      ['fee.qr', 'intent', { amountFen: 2000, applicationNo: 'A0000042', attempt: 3 }],
    ]);
    expect(unsettledQrOrders(await w.journal.stepsOf(w.tx))).toEqual([
      { attempt: 3, applicationNo: 'A0000042' },
    ]);
    expect(await new FeeOrderScan(w.db).transactionsWithOpenOrders()).toEqual([w.tx]);
  });
});

describe('a fee order’s journaled detail that does not read at boot (a torn write, a hand-edited journal)', () => {
  it('fault: a fee.settled that does not read: the order it may have ended is neither closed nor refunded again', async () => {
    // card making took the paid fee; its settled row is what boot cannot read
    const host = fakeHost('paid');
    const w = await journalWithOrder([
      ['fee.order', 'event', { attempt: 1, paymentId: 'QR00000007' }],
      ['fee.settled', 'event', { attempt: 1, paymentId: 'QR00000007', outcome: 'accepted' }],
    ]);
    await overwriteStepDetail(w.db, w.tx, 'fee.settled', 'event', '{"attempt":1,"paymentId":"QR0');
    expect(unsettledQrOrders(await w.journal.stepsOf(w.tx))).toEqual([]);
    expect(await settledAtBoot(w.journal, host.issuance, w.tx)).toBe(0);
    expect(host.keys).toEqual([]);
    expect(host.order).toMatchObject({ status: 'paid', refunds: 0 });
  });

  it('fault: a fee.settled whose attempt is not a number (another daemon’s shape): no order is settled on a guess', async () => {
    const host = fakeHost('paid');
    const w = await journalWithOrder([
      ['fee.order', 'event', { attempt: 1, paymentId: 'QR00000007' }],
      ['fee.settled', 'event', { attempt: 1, paymentId: 'QR00000007', outcome: 'accepted' }],
    ]);
    await overwriteStepDetail(w.db, w.tx, 'fee.settled', 'event', '{"attempt":"first","outcome":"accepted"}');
    expect(await settledAtBoot(w.journal, host.issuance, w.tx)).toBe(0);
    expect(host.order).toMatchObject({ status: 'paid', refunds: 0 });
  });

  it('fault: the order’s id (fee.order) does not read: the order is found by its key and closed', async () => {
    const host = fakeHost('pending');
    const w = await journalWithOrder([['fee.order', 'event', { attempt: 1, paymentId: 'QR00000007' }]]);
    await overwriteStepDetail(w.db, w.tx, 'fee.order', 'event', '{"attempt":1,"paym');
    expect(unsettledQrOrders(await w.journal.stepsOf(w.tx))).toEqual([
      { attempt: 1, applicationNo: 'A0000042' },
    ]);
    expect(await settledAtBoot(w.journal, host.issuance, w.tx)).toBe(1);
    expect(host.keys).toEqual([`${w.tx}:fee-qr:1`, `${w.tx}:fee-close:QR00000007`]);
    expect(host.order.status).toBe('closed');
  });

  it('fault: the order (fee.qr) does not read: its application unknown, it is left as one without an application', async () => {
    const host = fakeHost('pending');
    const w = await journalWithOrder();
    await overwriteStepDetail(w.db, w.tx, 'fee.qr', 'intent', '{"amountFen":2000,"applicationNo":"A00');
    expect(unsettledQrOrders(await w.journal.stepsOf(w.tx))).toEqual([]);
    expect(await settledAtBoot(w.journal, host.issuance, w.tx)).toBe(0);
    expect(host.keys).toEqual([]);
  });

  it('fault: a background try whose earlier close intent does not read: the close is journaled again, not thrown', async () => {
    const host = fakeHost('pending');
    const w = await journalWithOrder([
      ['fee.order', 'event', { attempt: 1, paymentId: 'QR00000007' }],
      ['fee.close', 'intent', { attempt: 1, paymentId: 'QR00000007' }],
    ]);
    await overwriteStepDetail(w.db, w.tx, 'fee.close', 'intent', '{"attempt":1,"pay');
    expect(await settleQrOrder(w.journal, host.issuance, w.tx, ORDER, { ...FAST, again: true })).toBe(
      'closed',
    );
    expect((await w.named()).slice(-4)).toEqual([
      'fee.close:intent',
      'fee.close:intent',
      'fee.close:done',
      'fee.settled:event',
    ]);
  });
});
