/**
 * The `pin` section: the PIN's length and the wrong PINs that lock it (RULES.md: 6 digits, 3), and
 * the card types the card read asks their PIN tries left.
 */
import { DEFAULT_PIN } from '@kiosk/domain';
import { z } from 'zod';

const atrError =
  'expected the ATR of a card type in hex as pcsc_scan shows it, 2–33 bytes from 3B or 3F (e.g. "3B 8A 80 01 53 53 43 41 52 44 2D 4A 5A 33 11")';

/** an ATR in hex, bytes apart or together (spaces or colons), kept in capitals without them */
const atr = z
  .string({ error: atrError })
  .regex(/^\s*3[BF](?:[\s:]?[0-9A-F]{2}){1,32}\s*$/i, { error: atrError })
  .transform((hex) => hex.replace(/[\s:]/g, '').toUpperCase());

export const PinConfigSchema = z.strictObject({
  /**
   * the default PIN's length (RULES.md: 6 digits, 123456): a new card carries that default, which
   * activation verifies and the weak-PIN rule refuses as a new PIN; a PIN of another length could
   * never be it, and RULES.md gives no default of another length
   */
  length: z.int().refine((length) => length === DEFAULT_PIN.length, {
    error: `expected ${DEFAULT_PIN.length} digits, the length of the default PIN a new card carries (RULES.md): a PIN of another length could never be the default, which activation verifies and the new PIN must not be`,
  }),
  maxAttempts: z.int().min(1, { error: 'expected 1–10' }).max(10, { error: 'expected 1–10' }),
  /**
   * the ATRs of the card types the card read asks their PIN tries left (VERIFY without a PIN):
   * those checked to answer it as ISO 7816-4 says, spending no try. No answer tells a chip that
   * took the query for a wrong PIN from one that did not, so any other card is never asked: its
   * count comes from the answer to the resident's PIN, and a card locked elsewhere is found at its
   * first PIN instead of at the read (ADR 0006). Default none.
   */
  triesQueryAtrs: z.array(atr).max(50, { error: 'expected at most 50 card types' }).default([]),
});
