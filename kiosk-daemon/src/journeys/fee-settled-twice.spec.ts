/**
 * Fault: one QR fee order settled twice in the journal. A live session's close the host did not
 * answer is tried in the background (`fee-close-background.ts`); boot recovery re-runs after every
 * maintenance exit, and with the host reachable its scan of QR fee orders (`settleFeeOrdersAtBoot`)
 * finds the same order unsettled in the journal and closes it too. The host is safe (the same
 * idempotency keys), but both journaled `fee.settled`, two settlements of one order. Now the scan
 * leaves an order whose close the background tries own to them, and any two hands settling one
 * order (a session's own close and the scan) take turns, the later finding it settled in the
 * journal: one `fee.settled`, one close and one refund at the host.
 *
 * The real journal (SQLite in memory), the real background tries (`JournaledHostRetries`, the one
 * provider recovery hands its tries to), the real boot scan (`FeeOrderScan`), and a back office
 * whose answers to a close the spec holds until both hands are under way.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { FeeOrderScan } from '../journal/fee-order-scan.service.js';
import { feeCloseKey } from './fee-close-background.js';
import { settleFeeOrdersAtBoot } from './fee-order-boot-settlement.js';
import { settleQrOrder } from './fee-settlement.js';
import { paidThenCancelled as paidThenCancelledAt, qrBackOffice, qrFeeWorld } from './qr-fee.spec-support.js';
import { holdReleaseRetries } from './withdrawal-hold-release.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  jest.restoreAllMocks();
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const office = qrBackOffice();
  const w = await qrFeeWorld(office.issuance);
  cleanups.push(() => w.db.destroy());
  // only its background tries are used here: no withdrawal, no host of withdrawals
  const retrier = holdReleaseRetries(w.journal);
  retrier.retry = { firstMs: 5, maxMs: 40 };
  cleanups.push(() => retrier.onApplicationShutdown());
  const deps = { ...w.deps, feeRetry: retrier };
  const settled = async () => (await w.journal.stepsOf(w.tx)).filter((s) => s.step === 'fee.settled');
  /** the fee screen waits; the resident pays, then the link goes down and the step ends (cancelled) */
  const paidThenCancelled = async () => {
    await paidThenCancelledAt(office, w, deps);
    await w.journal.closeTransaction(w.tx, 'cancelled', ErrorCode.SESSION_CANCELLED);
  };
  return { ...w, office, retrier, settled, paidThenCancelled };
}

describe('one QR fee order settled by two hands at once is journaled settled once', () => {
  it('boot recovery re-run while the order is closed in the background: one fee.settled, one close and refund', async () => {
    const w = await setup();
    await w.paidThenCancelled();
    const key = feeCloseKey(w.tx, 1);
    expect(w.retrier.owns(key)).toBe(true);

    // the host back; the background try's close reaches it, its answer still on its way
    w.office.holdCloses();
    w.office.link.down = false;
    await eventually(async () => w.office.settling().length === 1, "the background try's close sent", {
      withinMs: 10_000,
    });

    // maintenance ends: recovery re-runs with the host reachable, on the same background tries
    const scan = new FeeOrderScan(w.db);
    expect(await scan.transactionsWithOpenOrders()).toEqual([w.tx]);
    let rerunDone = false;
    const rerun = settleFeeOrdersAtBoot(w.bootFees(w.office.issuance), new Set(), { away: false }, w.retrier);
    void rerun.then(() => (rerunDone = true));
    // the order is the background tries': the re-run leaves it to them, waits for nothing, sends nothing
    await eventually(async () => rerunDone, 'the re-run returned while the background close is under way', {
      withinMs: 10_000,
    });
    expect(w.office.settling()).toEqual(['close']);
    w.office.release();
    await rerun;
    await eventually(async () => !w.retrier.owns(key), 'the background close ended', { withinMs: 10_000 });

    const settled = await w.settled();
    expect(settled.map((s) => JSON.parse(s.detail!) as unknown)).toEqual([
      { attempt: 1, paymentId: 'QR00000001', outcome: 'refunded' },
    ]);
    expect(w.office.status()).toBe('refunded');
    expect(w.office.settling()).toEqual(['close', 'refund']);
    expect(await scan.transactionsWithOpenOrders()).toEqual([]);
  });

  it('the same order handed to settleQrOrder twice at once: one close and refund, one fee.settled', async () => {
    const w = await setup();
    await w.journal.recordStep(w.tx, 'fee.qr', 'intent', { attempt: 1, applicationNo: 'A0000042' });
    await w.journal.recordStep(w.tx, 'fee.order', 'event', { attempt: 1, paymentId: 'QR00000001' });
    w.office.pay();
    w.office.holdCloses();
    const order = { attempt: 1, applicationNo: 'A0000042', paymentId: 'QR00000001' };
    const first = settleQrOrder(w.journal, w.office.issuance, w.tx, order);
    const second = settleQrOrder(w.journal, w.office.issuance, w.tx, order, { again: true });
    await eventually(async () => w.office.settling().length >= 1, 'the first close sent', {
      withinMs: 10_000,
    });
    w.office.release();
    expect(await first).toBe('refunded');
    // the second finds the order settled: it sends nothing and journals nothing
    expect(await second).toBe('refunded');
    expect((await w.settled()).map((s) => JSON.parse(s.detail!) as unknown)).toEqual([
      { attempt: 1, paymentId: 'QR00000001', outcome: 'refunded' },
    ]);
    expect(w.office.settling()).toEqual(['close', 'refund']);
  });
});
