/**
 * The default PIN a newly made card carries until its activation (RULES.md, PIN: `@kiosk/domain`'s
 * `DEFAULT_PIN`), as the digits the PIN pad path builds a `SecurePin` from: the PIN written at card
 * making and the one an activation verifies before it replaces it. The weak-PIN rule that refuses
 * it as a new PIN is the domain's (`weakPinRuleOfDigits`), run on the collected digits.
 */
import { DEFAULT_PIN } from '@kiosk/domain';

export const DEFAULT_CARD_PIN_DIGITS: readonly number[] = Array.from(DEFAULT_PIN, Number);
