/** Calendar dates as 'YYYY-MM-DD' strings in UTC; the seed and the card rules work in whole days. */
export const DAY_MS = 86_400_000;

export function isoDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export function startOfDayUtc(date: Date): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate()));
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getTime() + days * DAY_MS);
}

/** The same day `years` later; 29 February becomes 28 February in a common year. */
export function addYears(yyyyMmDd: string, years: number): string {
  const [y, m, d] = yyyyMmDd.split('-').map(Number) as [number, number, number];
  const targetYear = y + years;
  const lastDay = new Date(Date.UTC(targetYear, m, 0)).getUTCDate();
  return `${String(targetYear).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(Math.min(d, lastDay)).padStart(2, '0')}`;
}

/** A card is valid 10 years from issue (RULES.md). */
export const CARD_VALID_YEARS = 10;
export const cardExpiryDate = (issueDate: string): string => addYears(issueDate, CARD_VALID_YEARS);
