/** Card lifecycle contract: activation, temporary loss, unfreeze, PIN events. */
import { z } from 'zod';
import { CardNumber, CardState, IdNumber } from './cards.schemas.js';

/** body of activate / temporary-loss / unfreeze: the holder's ID number (read from the ID card) */
export const HolderProof = z.object({ idNumber: IdNumber });
export type HolderProof = z.input<typeof HolderProof>;

export const CardStateAnswer = z.object({
  cardNumber: CardNumber,
  state: CardState,
  /** both enabled together at activation */
  functions: z.object({ socialSecurity: z.boolean(), bank: z.boolean() }),
  stateChangedAt: z.iso.datetime(),
  /** when a temporary loss lapses back to active, else null */
  temporaryLossLapsesAt: z.iso.datetime().nullable(),
});
export type CardStateAnswer = z.infer<typeof CardStateAnswer>;

/**
 * POST /v1/cards/:cardNumber/pin-events: what the card answered to a PIN (never the PIN). Strict:
 * a field besides the outcome is refused (HOST_BAD_REQUEST naming it), not dropped unread.
 */
export const PinEvent = z.strictObject({ outcome: z.enum(['verified', 'wrong', 'blocked', 'reset']) });
export type PinEvent = z.input<typeof PinEvent>;

export const PinEventAnswer = z.object({
  cardNumber: CardNumber,
  /** wrong PINs reported within the anomaly window */
  recentFailures: z.number().int().nonnegative(),
  flagged: z.boolean(),
  withdrawalsBlocked: z.boolean(),
});
export type PinEventAnswer = z.infer<typeof PinEventAnswer>;
