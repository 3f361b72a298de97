/**
 * The key under which a card's PIN reports to the host (each PIN outcome, a PIN reset) go to the
 * background tries of host acts (`JournaledHostRetries`): one per card, so they reach the host one
 * after the other in the order the card gave them (its count of wrong PINs flags, then blocks, and
 * a reset clears it). The card masked, so the key can go to the log: two cards sharing the masked
 * number only wait for each other.
 */
import { maskCardNumber } from '@kiosk/domain';

export const pinReportsKey = (cardNumber: string): string => `pin-outcomes:${maskCardNumber(cardNumber)}`;
