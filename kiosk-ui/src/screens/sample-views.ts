/** Sample views for specs and screenshots: what the daemon might send. Not used by the app. */
import type { JourneyDetails, KioskView, PaymentQrView, SessionView } from '@kiosk/domain';

export const kioskInService: KioskView = {
  kioskId: 'JZ-0001',
  mode: 'inService',
  journeysOffered: ['balance'],
  devices: [],
  demo: true,
};

export const balanceSession = (over: Partial<SessionView> = {}): SessionView => ({
  sessionId: 'session-1',
  journey: 'balance',
  step: 'insertCard',
  locale: 'zh-CN',
  ...over,
});

/** A records journey's details with one medical payment paid `at`, nothing left to print. */
export const oneRecordPaidAt = (at: string): Extract<JourneyDetails, { kind: 'records' }> => ({
  kind: 'records',
  records: [{ at, kind: 'medicalPayment', amountFen: -2350, balanceAfterFen: 354430 }],
  unprintedCount: 0,
  recordsUntilPrintRequired: 60,
  printAvailable: true,
  printed: false,
});

/** A withdrawal of 300 yuan at its done screen, a receipt possible; `over` its end (printed, reversed). */
export const withdrawalDone = (
  over: Partial<Extract<JourneyDetails, { kind: 'withdraw' }>> = {},
): Extract<JourneyDetails, { kind: 'withdraw' }> => ({
  kind: 'withdraw',
  largestFen: 50_000,
  noteFen: 10_000,
  singleMaxFen: 50_000,
  amountFen: 30_000,
  receiptAvailable: true,
  ...over,
});

/** A QR code payment of 20 yuan, payable until `expiresAt`. */
export const qrPayableUntil = (expiresAt: string): PaymentQrView => ({
  qrContent: 'kioskpay:order/QR00000007?amount=2000',
  amountFen: 2000,
  expiresAt,
});
