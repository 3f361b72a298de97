/**
 * The 60-record rule (RULES.md "The social-security card"): after 60 transactions not yet
 * printed, the card refuses further use until the resident prints the records at a kiosk;
 * printing resets the counter. The limit is configurable per region.
 */
export const RECORDS_PRINT_LIMIT = 60;

/** Records shown on screen (the latest first). */
export const RECORDS_ON_SCREEN = 20;

/** How many more transactions the card allows before it insists on printing. */
export function recordsUntilPrintRequired(unprintedCount: number, limit = RECORDS_PRINT_LIMIT): number {
  return Math.max(0, limit - Math.max(0, Math.trunc(unprintedCount)));
}

export function isPrintRequired(unprintedCount: number, limit = RECORDS_PRINT_LIMIT): boolean {
  return recordsUntilPrintRequired(unprintedCount, limit) === 0;
}
