/**
 * The session's own waits by default: written once here for every room that falls back on them or
 * stands for them (the configuration schema's defaults, the specs' harnesses and fixtures).
 * `session-timeouts.spec.ts` holds them to the documented numbers. The waits of RULES.md are asked
 * of every profile (the schema gives no default for them; each shipped profile says them).
 */

/**
 * A waiting step ends after this long without input (`timeouts.stepMs`, 30 s, RULES.md "Session
 * and hall").
 */
export const DEFAULT_STEP_MS = 30_000;

/** The "need more time?" prompt shows after this long (`timeouts.warnMs`, 20 s, RULES.md). */
export const DEFAULT_WARN_MS = 20_000;

/**
 * A card presented at the slot waits this long for the resident before it is retracted
 * (`timeouts.cardTakeMs`, 30 s, RULES.md "Issuing a card on the spot").
 */
export const DEFAULT_CARD_TAKE_MS = 30_000;

/**
 * Presented cash waits this long for the resident before it is retracted and reversed
 * (`timeouts.cashTakeMs`, 30 s, RULES.md "Balance, records and withdrawal").
 */
export const DEFAULT_CASH_TAKE_MS = 30_000;

/**
 * An ended session's last screen stays this long before the home screen comes back
 * (`timeouts.endedViewMs`, 5 s; the kiosk's own choice, not a rule: RULES.md asks only that
 * nothing of the session is left on screen).
 */
export const DEFAULT_ENDED_VIEW_MS = 5_000;
