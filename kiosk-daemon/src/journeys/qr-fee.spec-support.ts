/**
 * The QR fee's world for the specs of the fee screen's wait: the real journal (SQLite in memory)
 * with one replace-card transaction and its journey tools, the fee's dependencies around the
 * issuance host the spec gives (polls and settlement tries fast), a fresh QR fee and its input;
 * the back office's order as the host answers it, the daemon's view of the pending order a fake
 * host keeps, and the boot's settlement of open orders in that world. The spec destroys `db` when
 * it wants it closed.
 */
import type { KioskConfig } from '@kiosk/config';
import type { QrPaymentView } from '@kiosk/host-simulator/contract';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { FeeOrderScan } from '../journal/fee-order-scan.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import { journeyTools } from './journey-tools.js';
import { QR_FEE } from './qr-fee.js';

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
