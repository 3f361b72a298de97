/**
 * Which amounts the kiosk offers and accepts: within the withdrawal rules and payable from the
 * notes held (RULES.md "Balance, records and withdrawal"), by the note mix in `@kiosk/domain`,
 * the dispenser's own rule, so an amount offered here is one the dispenser pays.
 */
import { ErrorCode, makeableAmounts, mixNotes } from '@kiosk/domain';
import type { CashUnit, Fen } from '@kiosk/domain';
import { largestWithdrawal, withdrawalRefusal } from './withdrawal-rules.js';
import type { WithdrawalQuota, WithdrawalRefusal, WithdrawalRules } from './withdrawal-rules.js';

/** The amounts the kiosk offers now: within the rules, the day and the balance, and payable. */
export function offeredAmounts(
  quota: WithdrawalQuota,
  rules: WithdrawalRules,
  cash: readonly CashUnit[],
): Fen[] {
  return makeableAmounts(cash, largestWithdrawal(quota, rules)).filter(
    (amount) => withdrawalRefusal(amount, quota, rules) === null,
  );
}

export type AmountRefusal = WithdrawalRefusal | typeof ErrorCode.CASH_AMOUNT_NOT_PAYABLE;

/** Why the kiosk refuses this amount (the rules first, then the notes), or null: ask the host. */
export function amountRefusal(
  amountFen: Fen,
  quota: WithdrawalQuota,
  rules: WithdrawalRules,
  cash: readonly CashUnit[],
): AmountRefusal | null {
  const refusal = withdrawalRefusal(amountFen, quota, rules);
  if (refusal) return refusal;
  return mixNotes(amountFen, cash).ok ? null : ErrorCode.CASH_AMOUNT_NOT_PAYABLE;
}

export const CASH_NOT_PAYABLE_MESSAGE =
  'The kiosk cannot pay out this amount with the notes it holds; please choose another amount.';
