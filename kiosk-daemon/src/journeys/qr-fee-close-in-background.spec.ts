/**
 * Fault: the host does not answer the close of a QR fee order a live session stopped waiting for
 * (the resident cancelled, lifted the ID card, the fee screen timed out). The order may be a refund
 * owed: it is settled by the background tries once the host answers, not at the next boot, and
 * exactly once (one close and refund sent after the host is back, one `fee.settled`); a boot in
 * between settles it once too, and a boot after sends nothing.
 *
 * The real journal (SQLite in memory, `qr-fee.spec-support.ts`), the real background tries
 * (`JournaledHostRetries`), the real boot scan (`FeeOrderScan`), and a back office behind a link
 * the spec takes down.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import { FeeOrderScan } from '../journal/fee-order-scan.service.js';
import { feeCloseKey } from './fee-close-background.js';
import { FEE_SCAN_KEY, settleFeeOrdersAtBoot } from './fee-order-boot-settlement.js';
import { paidThenCancelled as paidThenCancelledAt, qrBackOffice, qrFeeWorld } from './qr-fee.spec-support.js';
import { holdReleaseRetries } from './withdrawal-hold-release.js';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function setup() {
  const office = qrBackOffice();
  const w = await qrFeeWorld(office.issuance);
  cleanups.push(() => w.db.destroy());
  const newRetrier = () => {
    const retrier = holdReleaseRetries(w.journal);
    retrier.retry = { firstMs: 5, maxMs: 40 };
    cleanups.push(() => retrier.onApplicationShutdown());
    return retrier;
  };
  const retrier = newRetrier();
  const unsettled: string[] = [];
  const deps = {
    ...w.deps,
    feeRetry: retrier,
    onFeeUnsettled: (_tx: string, code: string) => unsettled.push(code),
  };
  const steps = async (name: string) => (await w.journal.stepsOf(w.tx)).filter((s) => s.step === name);
  /** the fee screen waits; the resident pays, then the link goes down and the step ends (cancelled) */
  const paidThenCancelled = () => paidThenCancelledAt(office, w, deps);
  const phases = async (name: string) => (await steps(name)).map((s) => s.phase);
  const rows = async () => (await w.journal.stepsOf(w.tx)).length;
  /** waits while the back office refuses `tries` more tries of `perTry` host calls each */
  const unanswered = async (tries: number, perTry: number) => {
    const target = office.refused() + tries * perTry;
    await eventually(async () => office.refused() >= target, `${tries} unanswered tries`, {
      withinMs: 10_000,
    });
  };
  return { ...w, office, retrier, newRetrier, unsettled, steps, phases, rows, unanswered, paidThenCancelled };
}

describe('QR fee order close failing in a live session is settled in the background once the host answers', () => {
  it('closes and refunds the paid order once the host is back, one fee.settled, and the next boot sends nothing', async () => {
    const w = await setup();
    await w.paidThenCancelled();
    expect(w.unsettled).toEqual([ErrorCode.HOST_UNREACHABLE]);
    expect((await w.steps('fee.close')).map((s) => s.phase)).toEqual(['intent', 'failed']);
    expect(await w.steps('fee.settled')).toHaveLength(0);
    // handed to the background tries under its own key, not left to the next boot
    expect(w.retrier.owns(feeCloseKey(w.tx, 1))).toBe(true);
    await w.journal.closeTransaction(w.tx, 'cancelled', ErrorCode.SESSION_CANCELLED);

    w.office.link.down = false;
    await eventually(async () => !w.retrier.owns(feeCloseKey(w.tx, 1)), 'the background close ended', {
      withinMs: 10_000,
    });
    const settled = await w.steps('fee.settled');
    expect(settled).toHaveLength(1);
    expect(JSON.parse(settled[0]!.detail!)).toMatchObject({ attempt: 1, outcome: 'refunded' });
    expect(w.office.status()).toBe('refunded');
    expect(w.office.sent.filter((s) => s === 'close' || s === 'refund')).toEqual(['close', 'refund']);

    // the next boot's scan finds nothing open and sends nothing
    const sentBefore = w.office.sent.length;
    const scan = new FeeOrderScan(w.db);
    expect(await scan.transactionsWithOpenOrders()).toEqual([]);
    const fees = w.bootFees(w.office.issuance);
    await settleFeeOrdersAtBoot(fees, new Set(), { away: false }, w.newRetrier());
    expect(w.office.sent.length).toBe(sentBefore);
    expect(await w.steps('fee.settled')).toHaveLength(1);
  });

  it('a restart before the host answers: the boot scan settles the order once, nothing skipped or sent twice', async () => {
    const w = await setup();
    await w.paidThenCancelled();
    expect(w.retrier.owns(feeCloseKey(w.tx, 1))).toBe(true);
    await w.journal.closeTransaction(w.tx, 'cancelled', ErrorCode.SESSION_CANCELLED);
    // the kiosk stops: its background tries end with it
    w.retrier.onApplicationShutdown();

    w.office.link.down = false;
    const scan = new FeeOrderScan(w.db);
    expect(await scan.transactionsWithOpenOrders()).toEqual([w.tx]);
    const fees = w.bootFees(w.office.issuance);
    const later = w.newRetrier();
    await settleFeeOrdersAtBoot(fees, new Set(), { away: false }, later);
    const settled = await w.steps('fee.settled');
    expect(settled).toHaveLength(1);
    expect(JSON.parse(settled[0]!.detail!)).toMatchObject({ attempt: 1, outcome: 'refunded' });
    expect(w.office.sent.filter((s) => s === 'close' || s === 'refund')).toEqual(['close', 'refund']);
    // and a second boot sends nothing
    await settleFeeOrdersAtBoot(fees, new Set(), { away: false }, w.newRetrier());
    expect(w.office.sent.filter((s) => s === 'close' || s === 'refund')).toEqual(['close', 'refund']);
    expect(await w.steps('fee.settled')).toHaveLength(1);
  });
});

describe('host away for many tries: the fee close is journaled failed once, settled once', () => {
  it('ten unanswered background tries add no journal row; the host back: close and refund done, one fee.settled', async () => {
    const w = await setup();
    await w.paidThenCancelled();
    // the live close's host calls, as many as each background try makes
    const perTry = w.office.refused();
    expect(await w.phases('fee.close')).toEqual(['intent', 'failed']);
    const before = await w.rows();

    await w.unanswered(10, perTry);
    expect(w.retrier.owns(feeCloseKey(w.tx, 1))).toBe(true);
    expect(await w.rows()).toBe(before);
    expect(await w.phases('fee.close')).toEqual(['intent', 'failed']);

    w.office.link.down = false;
    await eventually(async () => !w.retrier.owns(feeCloseKey(w.tx, 1)), 'the background close ended', {
      withinMs: 10_000,
    });
    expect(await w.phases('fee.close')).toEqual(['intent', 'failed', 'done']);
    expect(await w.phases('fee.refund')).toEqual(['intent', 'done']);
    const settled = await w.steps('fee.settled');
    expect(settled.map((s) => JSON.parse(s.detail!) as unknown)).toEqual([
      { attempt: 1, paymentId: 'QR00000001', outcome: 'refunded' },
    ]);
    expect(w.office.sent.filter((s) => s === 'close' || s === 'refund')).toEqual(['close', 'refund']);
  });

  it('a restart after many tries: the boot scan still finds the order open; the boot failure journaled once over its background tries, then settled once', async () => {
    const w = await setup();
    await w.paidThenCancelled();
    const perTry = w.office.refused();
    await w.unanswered(10, perTry);
    await w.journal.closeTransaction(w.tx, 'cancelled', ErrorCode.SESSION_CANCELLED);
    w.retrier.onApplicationShutdown();

    // the boot: the order is open in the journal, the host still away
    const scan = new FeeOrderScan(w.db);
    expect(await scan.transactionsWithOpenOrders()).toEqual([w.tx]);
    const fees = w.bootFees(w.office.issuance);
    const later = w.newRetrier();
    const refusedBefore = w.office.refused();
    await settleFeeOrdersAtBoot(fees, new Set(), { away: false }, later);
    // the boot's close of the order, as many host calls as each of the scan's background tries
    const perScanTry = w.office.refused() - refusedBefore;
    expect(later.owns(FEE_SCAN_KEY)).toBe(true);
    // the boot's own close: intent and failure journaled once
    expect(await w.phases('fee.close')).toEqual(['intent', 'failed', 'intent', 'failed']);
    const atBoot = await w.rows();
    // five: the scan's host calls wait half a second between the two tries of each
    await w.unanswered(5, perScanTry);
    expect(await w.rows()).toBe(atBoot);

    w.office.link.down = false;
    await eventually(async () => !later.owns(FEE_SCAN_KEY), 'the background scan ended', {
      withinMs: 10_000,
    });
    expect(await w.phases('fee.close')).toEqual(['intent', 'failed', 'intent', 'failed', 'done']);
    expect(await w.phases('fee.refund')).toEqual(['intent', 'done']);
    expect(await w.steps('fee.settled')).toHaveLength(1);
    expect(await scan.transactionsWithOpenOrders()).toEqual([]);
    expect(w.office.sent.filter((s) => s === 'close' || s === 'refund')).toEqual(['close', 'refund']);
  });
});
