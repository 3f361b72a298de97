/** The personal-account API contract: zod schemas shared by the simulator and the daemon. */
import { z } from 'zod';
import { CardNumber, IdNumber } from '../cards/cards.schemas.js';
import { RECORD_DETAILS } from '@kiosk/domain';

export const MOVEMENT_KINDS = [
  'opening',
  'contribution',
  'medicalPayment',
  'withdrawal',
  'withdrawalPaid',
  'withdrawalReversal',
  'fee',
] as const;

/** POST /v1/accounts/balance (the ID number travels in the body, never in a URL) */
export const BalanceRequest = z.object({ cardNumber: CardNumber, idNumber: IdNumber });
export type BalanceRequest = z.input<typeof BalanceRequest>;

export const BalanceAnswer = z.object({
  cardNumber: CardNumber,
  balanceFen: z.number().int().nonnegative(),
  asOf: z.iso.datetime(),
});
export type BalanceAnswer = z.infer<typeof BalanceAnswer>;

/** GET /v1/accounts/:cardNumber/records?limit=20 (newest first) */
export const RecordsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

export const AccountRecord = z.object({
  at: z.iso.datetime(),
  kind: z.enum(MOVEMENT_KINDS),
  /** signed: a credit to the personal account is positive, a debit negative */
  amountFen: z.number().int(),
  balanceAfterFen: z.number().int(),
  /** the host's own wording, for its staff (mixes languages): the kiosk's fallback only */
  description: z.string(),
  /**
   * what the record was, as a code the kiosk words in the resident's language: the detail of a
   * medical payment, else the kind. Open-ended: a host may add codes, and a kiosk that does not
   * know one prints the description instead.
   */
  code: z.string().regex(/^[A-Za-z][A-Za-z0-9.]{0,63}$/),
  /** what a medical payment was for: a code, so the kiosk shows it in the resident's language */
  detail: z.enum(RECORD_DETAILS).optional(),
});
export type AccountRecord = z.infer<typeof AccountRecord>;

export const AccountRecords = z.array(AccountRecord);
export type AccountRecords = z.infer<typeof AccountRecords>;
