/** Withdrawal contract: authorise → confirm / reverse (partial), limits, status. */
import { ErrorCode } from '@kiosk/domain';
import { z } from 'zod';
import { decisiveList } from '../contract-lists.js';
import { CardNumber, IdNumber } from '../cards/cards.schemas.js';

/** POST /v1/withdrawals/authorise; send `idempotency-key: <kioskId>:<transactionSerial>` */
export const WithdrawalRequest = z.object({
  cardNumber: CardNumber,
  idNumber: IdNumber,
  amountFen: z.number().int().positive(),
  /** the kiosk's own transaction serial (journal) */
  transactionSerial: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
});
export type WithdrawalRequest = z.input<typeof WithdrawalRequest>;

export const AuthorisationParams = z.object({ authorisationId: z.string().regex(/^W\d{8}$/) });

/** POST /v1/withdrawals/:authorisationId/reverse; without amountFen all that is held is reversed */
export const WithdrawalReversal = z.object({
  amountFen: z.number().int().positive().optional(),
  reason: z.enum(['retracted', 'dispenseFault', 'cancelled', 'timeout']),
});
export type WithdrawalReversal = z.input<typeof WithdrawalReversal>;

export const WithdrawalView = z.object({
  authorisationId: z.string(),
  cardNumber: CardNumber,
  transactionSerial: z.string(),
  /**
   * authorised: money held; confirmed: paid out (part may be reversed); reversed: nothing paid.
   * Closed: a status the kiosk does not know is neither paid nor not paid (ADR 0013).
   */
  status: decisiveList(['authorised', 'confirmed', 'reversed'], ErrorCode.HOST_UNKNOWN_WITHDRAWAL_STATUS),
  amountFen: z.number().int().positive(),
  heldFen: z.number().int().nonnegative(),
  paidFen: z.number().int().nonnegative(),
  reversedFen: z.number().int().nonnegative(),
  /** the personal account after this answer (held money excluded) */
  balanceAfterFen: z.number().int().nonnegative(),
  authorisedAt: z.iso.datetime(),
  settledAt: z.iso.datetime().nullable(),
});
export type WithdrawalView = z.infer<typeof WithdrawalView>;

/** POST /v1/withdrawals/limits: what the resident may still take today */
export const LimitsRequest = z.object({ cardNumber: CardNumber, idNumber: IdNumber });
export const WithdrawalLimits = z.object({
  cardNumber: CardNumber,
  balanceFen: z.number().int().nonnegative(),
  singleCapFen: z.number().int().positive(),
  dailyCapFen: z.number().int().positive(),
  dailyCount: z.number().int().positive(),
  usedTodayFen: z.number().int().nonnegative(),
  countToday: z.number().int().nonnegative(),
  /** the most one withdrawal may be now (0 when none is allowed) */
  availableFen: z.number().int().nonnegative(),
  withdrawalsBlocked: z.boolean(),
});
export type WithdrawalLimits = z.infer<typeof WithdrawalLimits>;

/**
 * GET /v1/withdrawals?status=authorised&limit=100: this kiosk's withdrawals, newest first (recovery
 * at boot); `transactionSerial=` finds the one withdrawal of that idempotency key, if any.
 */
export const WithdrawalListQuery = z.object({
  status: z.enum(['authorised', 'confirmed', 'reversed']).optional(),
  transactionSerial: z
    .string()
    .regex(/^[A-Za-z0-9._-]{1,64}$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const WithdrawalList = z.object({ withdrawals: z.array(WithdrawalView) });

/**
 * POST /v1/withdrawals/release; send `idempotency-key: <kioskId>:<transactionSerial>:release`.
 * The kiosk gives back whatever is held under the serial of its authorisation (its idempotency
 * key) when it does not know the authorisation id: the host's answer timed out or carried a
 * status the kiosk does not know. The answer is the withdrawals under that serial afterwards:
 * none when nothing was ever authorised (a no-op; an authorisation arriving later is refused).
 */
export const WithdrawalHoldRelease = z.object({
  transactionSerial: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/),
  reason: z.enum(['cancelled', 'timeout']),
});
export type WithdrawalHoldRelease = z.input<typeof WithdrawalHoldRelease>;
export type WithdrawalList = z.infer<typeof WithdrawalList>;
