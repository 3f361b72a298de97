/** Records the host keeps besides residents and cards: applications, withdrawals, QR payments, anomalies. */
import type { AnomalyAction, AnomalyRule } from '../anomalies/anomaly-verdicts.js';

export type ApplicationKind = 'new' | 'replacement';
export type ApplicationStatus = 'awaitingFee' | 'ready' | 'issued' | 'cancelled';

export interface Application {
  readonly applicationNo: string;
  readonly residentNo: string;
  readonly kind: ApplicationKind;
  status: ApplicationStatus;
  readonly createdAt: string;
  /** the card this one replaces (cancelled when the new card is issued), if any */
  readonly replacesCardNumber: string | null;
  /** a replacement's reason, and whether the damaged card was handed in (absent: a new card) */
  readonly replacement?: { readonly reason: 'lost' | 'damaged'; readonly handedIn: boolean };
  readonly feeFen: number;
  feePaidBy: 'qr' | 'account' | null;
  /** the card number reserved for the card being made, until it is issued or abandoned */
  reservedCardNumber: string | null;
  issuedCardNumber: string | null;
  /** the chip last personalised for the reserved card number (a retry on a new blank replaces it) */
  chipSerial: string | null;
}

export type WithdrawalStatus = 'authorised' | 'confirmed' | 'reversed';

export interface Withdrawal {
  readonly authorisationId: string;
  readonly kioskId: string;
  readonly transactionSerial: string;
  readonly cardNumber: string;
  readonly residentNo: string;
  readonly amountFen: number;
  /** still held (authorised, not yet paid out or reversed) */
  heldFen: number;
  paidFen: number;
  reversedFen: number;
  readonly businessDay: string;
  readonly authorisedAt: string;
  settledAt: string | null;
}

/** pending → paid | expired | closed (the kiosk gave up); paid → refunded (the kiosk gave up first) */
export type QrPaymentStatus = 'pending' | 'paid' | 'expired' | 'closed' | 'refunded';

export interface QrPayment {
  readonly paymentId: string;
  readonly applicationNo: string;
  readonly amountFen: number;
  status: QrPaymentStatus;
  readonly createdAt: string;
  readonly expiresAt: string;
  paidAt: string | null;
  /** when the kiosk closed the order (pending) or had it refunded (paid after the kiosk gave up) */
  closedAt?: string;
  refundedAt?: string;
}

export type { AnomalyRule };

export interface AnomalyRecord {
  readonly seq: number;
  readonly at: string;
  readonly rule: AnomalyRule;
  readonly cardNumber: string;
  readonly kioskId: string;
  /** flag: reported for review; block: withdrawals refused until staff clear it */
  readonly action: AnomalyAction;
  readonly detail: string;
}
