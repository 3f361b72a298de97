/**
 * Fault: the host down at boot (a back-office outage, every call hanging until the host timeout).
 * Recovery asks the host at most once and waits one host timeout, not one per step: the resumed
 * release, the resumed reversal and the sweep of held withdrawals go to their background tries
 * without waiting again, the kiosk goes in service, and once the host is back each is settled once.
 *
 * The real journal, the embedded host simulator and the dispenser emulator
 * (`withdrawal-settlement.spec-support.ts`); the boot's host behind a link that hangs: a real
 * HTTP client with a short `host.timeoutMs` against a server that accepts and never answers.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { eventually } from '@kiosk/domain/testing';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { silentHostLink, WITHDRAWAL_HOST_CALLS } from '../host/silent-host-link.spec-support.js';
import { FeeOrderScan } from '../journal/fee-order-scan.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { FEE_SCAN_KEY } from './fee-order-boot-settlement.js';
import { qrOrderView } from './qr-fee.spec-support.js';
import { SWEEP_KEY } from './withdrawal-boot-settlement.js';
import { RELEASE_STEP, WithdrawalHoldRelease } from './withdrawal-hold-release.js';
import { isDone, withdrawalWorld as world } from './withdrawal-settlement.spec-support.js';
import { dispenserOnlyDevices } from '../sessions/recovery-devices.spec-support.js';

const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const ASKED_FOR_FEES = ['startQrPayment', 'closeQrPayment', 'refundQrPayment'] as const;

/**
 * The host as recovery reaches it: while `away`, each call goes to a back office that accepts
 * the connection and never answers, so it waits the host timeout (`waited` counts those); after,
 * `real` (the embedded host) as it is; `issuance` (QR fee orders) after, `realIssuance` where given.
 */
async function hangingLink(real?: HostService, realIssuance?: IssuanceHostService) {
  const silent = await silentHostLink((close) => cleanups.push(close));
  const host = silent.through(WITHDRAWAL_HOST_CALLS, silent.silentHost, real ?? silent.silentHost);
  const issuance = silent.through(
    ASKED_FOR_FEES,
    silent.silentIssuance,
    realIssuance ?? silent.silentIssuance,
  );
  return { host, issuance, link: silent.link };
}

/** Recovery at boot on a card reader with no card and a dispenser emulator. */
async function recoveryAtBoot(
  journal: JournalService,
  host: HostService,
  retrier: WithdrawalHoldRelease,
  fees?: { issuance: IssuanceHostService; scan: FeeOrderScan },
) {
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const devices = dispenserOnlyDevices(dispenser);
  const recovery = new SessionRecoveryService(
    devices,
    journal,
    host,
    fees?.issuance,
    fees?.scan,
    retrier,
    undefined,
    undefined,
    retrier.retries,
  );
  cleanups.push(async () => recovery.onApplicationShutdown());
  return recovery;
}

/** A replace-card transaction with one QR fee order (attempt 1) opened at the host. */
async function openOrder(journal: JournalService, session: string, paymentId: string) {
  const tx = await journal.openTransaction(session, 'replaceCard');
  await journal.recordStep(tx, 'fee.qr', 'intent', {
    amountFen: 2000,
    applicationNo: 'A0000042',
    attempt: 1,
  });
  await journal.recordStep(tx, 'fee.order', 'event', { attempt: 1, paymentId });
  return tx;
}

/** A back office whose QR orders were all paid: a close answers paid, a refund refunds it. */
function paidOrders() {
  const closes: string[] = [];
  const refunds: string[] = [];
  const issuance = {
    closeQrPayment: async (paymentId: string) => {
      closes.push(paymentId);
      return qrOrderView(paymentId, 'paid');
    },
    refundQrPayment: async (paymentId: string) => {
      refunds.push(paymentId);
      return qrOrderView(paymentId, 'refunded');
    },
  } as unknown as IssuanceHostService;
  return { closes, refunds, issuance };
}

describe('host down at boot: recovery waits one host timeout, not one per step', () => {
  it('a release, a reversal and held withdrawals to settle: one call waits, each settled once when the host is back', async () => {
    // background tries 400 ms after a failure: none of them starts before the host is back
    const w = await world(400);
    // the journey's reversal the host did not answer, then the kiosk stopped
    await w.reversalUnansweredThenStopped();
    // another session's release by serial (its authorisation's answer not read) cut off by the stop
    const other = await w.journal.openTransaction('s2', 'withdraw');
    await w.journal.recordStep(other, 'withdrawal.authorise', 'intent', { amountFen: 10_000 });
    await w.journal.recordStep(other, RELEASE_STEP, 'intent', { amountFen: 10_000, reason: 'timeout' });
    await w.journal.closeTransaction(other, 'failed', ErrorCode.HOST_TIMEOUT);

    const { host, link } = await hangingLink(w.host);
    const retrier: WithdrawalHoldRelease = w.newRetrier(host);
    const recovery = await recoveryAtBoot(w.journal, host, retrier);

    // nothing undecided: the kiosk goes in service after one host timeout
    await expect(recovery.recoverUnfinished()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(link.waited).toBe(1);
    // nothing skipped: the release, the reversal and the sweep all wait in the background
    expect(retrier.retries.owns(other)).toBe(true);
    expect(retrier.retries.owns(w.tx)).toBe(true);
    expect(retrier.retries.owns(SWEEP_KEY)).toBe(true);

    link.away = false;
    await eventually(() => isDone('withdrawal.reverse')(w), 'the reversal done', { withinMs: 10_000 });
    await eventually(
      async () => (await w.journal.stepsOf(other)).some((s) => s.step === RELEASE_STEP && s.phase === 'done'),
      'the release done',
      { withinMs: 10_000 },
    );
    await eventually(async () => !retrier.retries.owns(SWEEP_KEY), 'the sweep ran once', {
      withinMs: 10_000,
    });
    expect(link.waited).toBe(1);
    expect(w.balance()).toBe(w.before);
    expect(w.ledger('withdrawalReversal')).toBe(1);

    // the next boot finds nothing left to settle
    await expect(w.boot()).resolves.toMatchObject({ withdrawalsSettled: 0 });
    expect(w.ledger('withdrawalReversal')).toBe(1);
    expect(w.ledger('withdrawalPaid')).toBe(0);
  });

  it('a QR fee order left open in a closed transaction is not asked at boot: one call waits, the order goes to the background', async () => {
    const { db, journal } = await openMemoryJournal();
    cleanups.push(async () => db.destroy());
    const tx = await journal.openTransaction('s1', 'replaceCard');
    await journal.recordStep(tx, 'fee.qr', 'intent', {
      amountFen: 2000,
      applicationNo: 'A0000042',
      attempt: 1,
    });
    await journal.recordStep(tx, 'fee.order', 'event', { attempt: 1, paymentId: 'QR00000007' });
    await journal.closeTransaction(tx, 'timedOut', ErrorCode.SESSION_TIMED_OUT);

    const { host, issuance, link } = await hangingLink();
    const retrier = new WithdrawalHoldRelease(journal, host, db);
    cleanups.push(async () => retrier.retries.onApplicationShutdown());
    const scan = new FeeOrderScan(db);
    const recovery = await recoveryAtBoot(journal, host, retrier, { issuance, scan });

    // the sweep's list waits; the order's close (two tries) is not sent after it
    await expect(recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 0 });
    expect(link.waited).toBe(1);
    expect(retrier.retries.owns(SWEEP_KEY)).toBe(true);
    expect(retrier.retries.owns(FEE_SCAN_KEY)).toBe(true);
    expect((await journal.stepsOf(tx)).map((s) => s.step)).toEqual(['fee.qr', 'fee.order']);
    expect(await scan.transactionsWithOpenOrders()).toEqual([tx]);
  });

  it('fault: QR fee order left open while the host is away at boot is settled once the host is back, without a restart', async () => {
    const { db, journal } = await openMemoryJournal();
    cleanups.push(async () => db.destroy());
    // the resident paid while the session was closing the order: a refund is owed
    const tx = await openOrder(journal, 's1', 'QR00000007');
    await journal.closeTransaction(tx, 'timedOut', ErrorCode.SESSION_TIMED_OUT);

    const backOffice = paidOrders();
    const { host, issuance, link } = await hangingLink(undefined, backOffice.issuance);
    const retrier = new WithdrawalHoldRelease(journal, host, db);
    retrier.retries.retry = { firstMs: 50, maxMs: 100 };
    cleanups.push(async () => retrier.retries.onApplicationShutdown());
    const scan = new FeeOrderScan(db);
    const recovery = await recoveryAtBoot(journal, host, retrier, { issuance, scan });

    await expect(recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 0 });
    expect(link.waited).toBe(1);
    expect(retrier.retries.owns(FEE_SCAN_KEY)).toBe(true);
    // a session in service meanwhile, its own order open: not the background's
    const live = await openOrder(journal, 's2', 'QR00000008');

    // tried in the background while the host is still away, and again after
    await eventually(async () => link.waited >= 2, 'a background try while the host is away', {
      withinMs: 10_000,
    });
    expect(backOffice.closes).toEqual([]);
    link.away = false;
    await eventually(
      async () => !retrier.retries.owns(FEE_SCAN_KEY),
      'the QR fee orders settled in the background',
      { withinMs: 10_000 },
    );
    expect(backOffice.closes).toEqual(['QR00000007']);
    expect(backOffice.refunds).toEqual(['QR00000007']);
    expect((await journal.stepsOf(tx)).filter((s) => s.step === 'fee.settled').map((s) => s.detail)).toEqual([
      JSON.stringify({ attempt: 1, paymentId: 'QR00000007', outcome: 'refunded' }),
    ]);
    expect((await journal.stepsOf(live)).map((s) => s.step)).toEqual(['fee.qr', 'fee.order']);

    // the next boot finds it settled: no second close, no second refund
    await journal.closeTransaction(live, 'completed', null);
    await journal.recordStep(live, 'fee.settled', 'event', { attempt: 1, outcome: 'accepted' });
    const next = await recoveryAtBoot(journal, host, retrier, { issuance, scan });
    await next.recoverUnfinished();
    expect(backOffice.closes).toEqual(['QR00000007']);
    expect(backOffice.refunds).toEqual(['QR00000007']);
  });

  it('fault: the host does not answer a QR fee order at boot: the rest are not asked, all settled once in the background', async () => {
    const { db, journal } = await openMemoryJournal();
    cleanups.push(async () => db.destroy());
    const first = await openOrder(journal, 's1', 'QR00000007');
    const second = await openOrder(journal, 's2', 'QR00000008');
    for (const tx of [first, second])
      await journal.closeTransaction(tx, 'timedOut', ErrorCode.SESSION_TIMED_OUT);

    const backOffice = paidOrders();
    const { issuance, link } = await hangingLink(undefined, backOffice.issuance);
    // the withdrawals' host answers (nothing held): only the fee orders' back office hangs
    const host = { authorisedWithdrawals: async () => [] } as unknown as HostService;
    const retrier = new WithdrawalHoldRelease(journal, host, db);
    retrier.retries.retry = { firstMs: 50, maxMs: 100 };
    cleanups.push(async () => retrier.retries.onApplicationShutdown());
    const scan = new FeeOrderScan(db);
    const recovery = await recoveryAtBoot(journal, host, retrier, { issuance, scan });

    await expect(recovery.recoverUnfinished()).resolves.toMatchObject({ recovered: 0 });
    // the first order's close, two tries; the second not asked at boot
    expect(link.waited).toBe(2);
    expect((await journal.stepsOf(second)).map((s) => s.step)).toEqual(['fee.qr', 'fee.order']);
    expect(retrier.retries.owns(FEE_SCAN_KEY)).toBe(true);

    link.away = false;
    await eventually(
      async () => !retrier.retries.owns(FEE_SCAN_KEY),
      'the QR fee orders settled in the background',
      { withinMs: 10_000 },
    );
    expect(backOffice.closes).toEqual(['QR00000007', 'QR00000008']);
    expect(backOffice.refunds).toEqual(['QR00000007', 'QR00000008']);
    expect(await scan.transactionsWithOpenOrders()).toEqual([]);
  });
});
