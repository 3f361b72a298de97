/**
 * The card issuance's own waits by default: written once here for every room that falls back on
 * them (the configuration schema's defaults, the issue-card machine whose input gives none, the
 * specs' fixtures). `issuance-timeouts.spec.ts` holds them to the documented numbers.
 */

/**
 * Making one card, blank to card at the slot, may take this long with progress shown
 * (`timeouts.cardMakingMs`, 300 s, RULES.md "Session and hall").
 */
export const DEFAULT_CARD_MAKING_MS = 300_000;

/**
 * The QR fee screen's wait, and the validity the kiosk asks of the payment order: one value, so the
 * order is never payable after the kiosk gave up (`timeouts.feePaymentMs`, 120 s, ADR 0008).
 */
export const DEFAULT_FEE_PAYMENT_MS = 120_000;
