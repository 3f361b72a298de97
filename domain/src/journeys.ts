/** The resident journeys the kiosk can offer. */
export const JOURNEYS = [
  'balance',
  'records',
  'withdraw',
  'issueCard',
  'replaceCard',
  'activatePin',
  'changePin',
  'resetPin',
  'reportLoss',
] as const;
export type Journey = (typeof JOURNEYS)[number];

/**
 * Withdrawals that need proof at a counter (RULES.md): the kiosk offers them only to explain and
 * refuse with WITHDRAWAL_SPECIAL_AT_COUNTER.
 */
export const SPECIAL_WITHDRAWAL_KINDS = ['leavingJob', 'movingRegion', 'fullBalance'] as const;
export type SpecialWithdrawalKind = (typeof SPECIAL_WITHDRAWAL_KINDS)[number];

/** Money is always integer fen (1 yuan = 100 fen); never floating yuan. */
export type Fen = number;

export function yuanToFen(yuan: number): Fen {
  return Math.round(yuan * 100);
}

export function formatYuan(fen: Fen): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
