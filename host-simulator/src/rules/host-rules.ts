/**
 * The host's policy numbers, defaults from the domain rules; a region overrides some of them.
 * The kiosk checks the same caps first, but the host's answer wins.
 */
import { z } from 'zod';

const fen = z.number().int().positive();
const count = z.number().int().positive();

export const HostRules = z.object({
  /** one withdrawal at most 500 yuan (1000 in some regions) */
  singleWithdrawalCapFen: fen.default(50_000),
  /** at most 1000 yuan a day */
  dailyWithdrawalCapFen: fen.default(100_000),
  /** at most 2 withdrawals a day */
  dailyWithdrawalCount: count.default(2),
  /** amounts are whole yuan; the kiosk further holds them to the notes it has loaded */
  withdrawalUnitFen: fen.default(100),
  /** replacement card fee, 20 yuan (0: a region that replaces cards free of charge) */
  replacementFeeFen: z.number().int().nonnegative().default(2_000),
  /** a card is valid this many years from issue (10) */
  cardValidityYears: z.number().int().min(1).max(30).default(10),
  /** a temporary loss lapses back to active after 15 days */
  temporaryLossLapseDays: count.default(15),
  /** the business day's offset from UTC (China: +8 h) for daily caps and counts */
  dayOffsetMinutes: z.number().int().min(-720).max(840).default(480),
  /** anomaly: a day's withdrawals at or above this share of the daily cap are "near the cap" */
  nearCapRatio: z.number().gt(0).max(1).default(0.9),
  nearCapDaysToFlag: count.default(2),
  nearCapDaysToBlock: count.default(3),
  /** anomaly: the same card at two kiosks within this many minutes blocks withdrawals */
  twoKioskWindowMinutes: count.default(10),
  /** anomaly: wrong PINs within the window that flag, then block withdrawals */
  pinFailureWindowHours: count.default(24),
  pinFailuresToFlag: count.default(3),
  pinFailuresToBlock: count.default(6),
  /** anomaly: cash retracted (not taken) within the window: the first flags, this many block */
  retractionWindowHours: count.default(24),
  retractionsToBlock: count.default(2),
  /** a QR payment order stays payable this long */
  qrPaymentTtlMinutes: count.default(5),
});
export type HostRules = z.infer<typeof HostRules>;
export type HostRulesInput = z.input<typeof HostRules>;

export const DEFAULT_HOST_RULES: HostRules = HostRules.parse({});

/** The business day (YYYY-MM-DD) an instant falls in. */
export function businessDay(rules: HostRules, at: Date): string {
  return new Date(at.getTime() + rules.dayOffsetMinutes * 60_000).toISOString().slice(0, 10);
}
