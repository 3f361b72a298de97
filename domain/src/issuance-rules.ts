/**
 * The card issuance's rules that more than one room applies: written once here for the
 * configuration schema (its enum and defaults), the issue-card machine whose input gives none,
 * the gateway's contract and the session's view. `issuance-rules.spec.ts` holds them to RULES.md.
 */

/**
 * The ways a replacement card's fee may be paid: a QR payment order, or from the personal account
 * (`card.replacementFeeMethods`, both by default; RULES.md "Issuing a card on the spot").
 */
export const FEE_METHODS = ['qr', 'account'] as const;
export type FeeMethod = (typeof FEE_METHODS)[number];

/**
 * Blanks spoiled at the chip or the print that are followed by another before the resident is sent
 * to a counter: 2 retries, 3 blanks in all (`card.makingRetries`, RULES.md "Issuing a card on the
 * spot").
 */
export const DEFAULT_CARD_MAKING_RETRIES = 2;
