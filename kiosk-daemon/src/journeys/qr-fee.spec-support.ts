/**
 * The QR fee's world for the specs of the fee screen's wait: the real journal (SQLite in memory)
 * with one replace-card transaction and its journey tools, the fee's dependencies around the
 * issuance host the spec gives (polls and settlement tries fast), a fresh QR fee and its input;
 * the back office's order as the host answers it, the daemon's view of the pending order a fake
 * host keeps, and the boot's settlement of open orders in that world. The spec destroys `db` when
 * it wants it closed. And a back office with one order behind a link the spec takes down, the
 * resident paying it a moment before the fee step ends.
 */
import { expect } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { QrPaymentView } from '@kiosk/host-simulator/contract';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { FeeOrderScan } from '../journal/fee-order-scan.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { journeyTools } from './journey-tools.js';
import { QR_FEE, waitForQrFee, type QrFeeDeps } from './qr-fee.js';

export async function qrFeeWorld(issuance: IssuanceHostService) {
  const { db, journal } = await openMemoryJournal();
  const config = {
    kiosk: { id: 'JZ-0001' },
    journal: { retentionDays: 30 },
    timeouts: { feePaymentMs: 90_000 },
  } as KioskConfig;
  const tx = await journal.openTransaction('s1', 'replaceCard');
  const tools = journeyTools(
    journal,
    tx,
    () => 'zh-CN',
    () => undefined,
  );
  const deps = {
    issuance,
    journal,
    config,
    paymentPollMs: 5,
    feeSettlement: { retryMs: 1 },
  };
  const fee = QR_FEE.make();
  const input = { applicationId: 'A0000042', amountFen: 2000 };
  /** the boot's settlement of open fee orders in this world, through `issuance` */
  const bootFees = (host: IssuanceHostService) => ({
    journal,
    issuance: host,
    scan: new FeeOrderScan(db),
    log: { warn: () => {}, error: () => {} },
  });
  return { db, journal, tx, tools, deps, fee, input, bootFees };
}

/** A 20-yuan fee order of application A0000042 as the back office answers it. */
export function qrOrderView(paymentId: string, status: QrPaymentView['status']): QrPaymentView {
  return {
    paymentId,
    applicationNo: 'A0000042',
    amountFen: 2000,
    status,
    qrContent: `kioskpay:order/${paymentId}?amount=2000`,
    expiresAt: '2026-11-27T03:00:00.000Z',
    expiresInMs: status === 'pending' ? 90_000 : 0,
    paidAt: null,
  };
}

/**
 * A fake issuance host of the spec's `calls`, with the daemon's view of the order a resident is
 * asked to pay (`pendingQr`, `pendingQrOrder`); `pending()` reads that order.
 */
export function withPendingQr(calls: object) {
  let pending: QrPaymentView | null = null;
  const issuance = Object.defineProperties(calls, {
    pendingQr: { get: () => pending?.paymentId ?? null },
    pendingQrOrder: {
      get: () => pending,
      set: (order: QrPaymentView | null) => (pending = order),
    },
  }) as unknown as IssuanceHostService;
  return { issuance, pending: () => pending };
}

/**
 * A back office with one QR order the resident pays (`pay()`): `link.down` refuses every call
 * (unreachable, counted by `refused()`), `holdCloses()` keeps each close's answer until
 * `release()`; `sent` lists the calls that reached it.
 */
export function qrBackOffice() {
  const link = { down: false };
  const sent: string[] = [];
  let status: QrPaymentView['status'] = 'pending';
  let refused = 0;
  let release!: () => void;
  let held: Promise<void> | undefined;
  const view = (paymentId: string): QrPaymentView => qrOrderView(paymentId, status);
  const through = async <T>(what: string, act: () => T | Promise<T>): Promise<T> => {
    if (link.down) refused += 1;
    if (link.down) throw new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');
    sent.push(what);
    return act();
  };
  const { issuance } = withPendingQr({
    startQrPayment: () => through('create', () => view('QR00000001')),
    payment: (id: string) => through('poll', () => view(id)),
    closeQrPayment: (id: string) =>
      through('close', async () => {
        if (held) await held;
        if (status === 'pending') status = 'closed';
        return view(id);
      }),
    refundQrPayment: (id: string) =>
      through('refund', () => {
        if (status === 'paid') status = 'refunded';
        return view(id);
      }),
  });
  return {
    issuance,
    link,
    sent,
    pay: () => (status = 'paid'),
    status: () => status,
    /** host calls refused while the link was down */
    refused: () => refused,
    holdCloses: () => (held = new Promise<void>((resolve) => (release = resolve))),
    release: () => release(),
    /** the closes and refunds the back office was sent */
    settling: () => sent.filter((s) => s === 'close' || s === 'refund'),
  };
}

/**
 * The fee screen waits; at its second poll the resident has paid at the phone, a moment before
 * the step ends (cancelled), and the link is lost: the step's own close of the order fails.
 */
export async function paidThenCancelled(
  office: ReturnType<typeof qrBackOffice>,
  w: Awaited<ReturnType<typeof qrFeeWorld>>,
  deps: QrFeeDeps,
): Promise<void> {
  const step = new AbortController();
  let polls = 0;
  const original = office.issuance.payment.bind(office.issuance);
  (office.issuance as { payment: unknown }).payment = async (id: string, signal?: AbortSignal) => {
    polls += 1;
    if (polls === 2) {
      office.pay();
      office.link.down = true;
      step.abort();
      throw new KioskError(ErrorCode.SESSION_CANCELLED, 'The fee step ended.');
    }
    return original(id, signal);
  };
  await expect(waitForQrFee(deps, w.tools, w.fee, w.input, step.signal)).rejects.toBeDefined();
  await w.fee.settling;
}
