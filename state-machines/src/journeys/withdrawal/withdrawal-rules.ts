/**
 * The kiosk's own check of a withdrawal from the medical-insurance personal account (RULES.md
 * "Balance, records and withdrawal"): amount a positive multiple of the smallest note loaded,
 * single cap, daily cap, count per day, balance. The host checks again and its answer wins.
 */
import { ErrorCode } from '@kiosk/domain';
import type { Fen } from '@kiosk/domain';

export interface WithdrawalRules {
  /** 500 yuan by default (1000 in some regions) */
  readonly singleMaxFen: Fen;
  /** 1000 yuan by default */
  readonly dailyMaxFen: Fen;
  /** withdrawals a day (2) */
  readonly dailyCountMax: number;
  /** the smallest note loaded: 100 yuan by default, 50 where loaded */
  readonly noteFen: Fen;
}

/** The host's own caps for the card (policy: the host's answer wins). */
export interface HostWithdrawalCaps {
  readonly singleMaxFen: Fen;
  readonly dailyMaxFen: Fen;
  readonly dailyCountMax: number;
}

/** What the host says the resident may still do today. */
export interface WithdrawalQuota {
  readonly balanceFen: Fen;
  readonly withdrawnTodayFen: Fen;
  readonly withdrawalsToday: number;
  /** the host's caps, when it says them: where stricter than the kiosk's, they bind */
  readonly hostCaps?: HostWithdrawalCaps;
}

/**
 * The kiosk's rules, tightened to the host's caps where the host is stricter: the kiosk never
 * offers or accepts an amount the host has already said no to (its own caps still bind when the
 * host is looser).
 */
export function rulesWithHostCaps(rules: WithdrawalRules, hostCaps?: HostWithdrawalCaps): WithdrawalRules {
  if (!hostCaps) return rules;
  return {
    ...rules,
    singleMaxFen: Math.min(rules.singleMaxFen, hostCaps.singleMaxFen),
    dailyMaxFen: Math.min(rules.dailyMaxFen, hostCaps.dailyMaxFen),
    dailyCountMax: Math.min(rules.dailyCountMax, hostCaps.dailyCountMax),
  };
}

export type WithdrawalRefusal =
  | typeof ErrorCode.WITHDRAWAL_AMOUNT_INVALID
  | typeof ErrorCode.WITHDRAWAL_NOT_NOTE_MULTIPLE
  | typeof ErrorCode.WITHDRAWAL_SINGLE_CAP_EXCEEDED
  | typeof ErrorCode.WITHDRAWAL_DAILY_COUNT_EXCEEDED
  | typeof ErrorCode.WITHDRAWAL_DAILY_CAP_EXCEEDED
  | typeof ErrorCode.INSUFFICIENT_BALANCE;

/** Why the kiosk refuses this amount, or null when it may go to the host. */
export function withdrawalRefusal(
  amountFen: Fen,
  quota: WithdrawalQuota,
  rules: WithdrawalRules,
): WithdrawalRefusal | null {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) return ErrorCode.WITHDRAWAL_AMOUNT_INVALID;
  if (quota.withdrawalsToday >= rules.dailyCountMax) return ErrorCode.WITHDRAWAL_DAILY_COUNT_EXCEEDED;
  if (amountFen % rules.noteFen !== 0) return ErrorCode.WITHDRAWAL_NOT_NOTE_MULTIPLE;
  if (amountFen > rules.singleMaxFen) return ErrorCode.WITHDRAWAL_SINGLE_CAP_EXCEEDED;
  if (quota.withdrawnTodayFen + amountFen > rules.dailyMaxFen) return ErrorCode.WITHDRAWAL_DAILY_CAP_EXCEEDED;
  if (amountFen > quota.balanceFen) return ErrorCode.INSUFFICIENT_BALANCE;
  return null;
}

/** The largest amount the kiosk would accept now (0 when none): for the quick-amount buttons. */
export function largestWithdrawal(quota: WithdrawalQuota, rules: WithdrawalRules): Fen {
  if (quota.withdrawalsToday >= rules.dailyCountMax) return 0;
  const limit = Math.min(rules.singleMaxFen, rules.dailyMaxFen - quota.withdrawnTodayFen, quota.balanceFen);
  return Math.max(0, Math.floor(limit / rules.noteFen) * rules.noteFen);
}

/** What the resident reads for each refusal, with the next step to take. */
export const WITHDRAWAL_REFUSAL_MESSAGES: Readonly<Record<WithdrawalRefusal, string>> = {
  WITHDRAWAL_AMOUNT_INVALID: 'Please choose an amount greater than zero.',
  WITHDRAWAL_NOT_NOTE_MULTIPLE:
    'The amount must be a multiple of the smallest note in the kiosk; please choose again.',
  WITHDRAWAL_SINGLE_CAP_EXCEEDED: 'This is more than one withdrawal allows; please choose a smaller amount.',
  WITHDRAWAL_DAILY_COUNT_EXCEEDED:
    'You have made the most withdrawals allowed today; please come back tomorrow.',
  WITHDRAWAL_DAILY_CAP_EXCEEDED: 'This is more than today’s limit allows; please choose a smaller amount.',
  INSUFFICIENT_BALANCE: 'Your balance is not enough for this amount; please choose a smaller amount.',
};
