/**
 * The `pin` section: the PIN's length and the wrong PINs that lock it (RULES.md: 6 digits, 3), and
 * the card types the card read asks their PIN tries left.
 */
import { z } from 'zod';

const pinLengthError = {
  error: 'expected 4–12 digits (ISO 9564: what the PIN pad collects and the card’s PIN takes)',
};

const atrError =
  'expected the ATR of a card type in hex as pcsc_scan shows it, 2–33 bytes from 3B or 3F (e.g. "3B 8A 80 01 53 53 43 41 52 44 2D 4A 5A 33 11")';

/** an ATR in hex, bytes apart or together (spaces or colons), kept in capitals without them */
const atr = z
  .string({ error: atrError })
  .regex(/^\s*3[BF](?:[\s:]?[0-9A-F]{2}){1,32}\s*$/i, { error: atrError })
  .transform((hex) => hex.replace(/[\s:]/g, '').toUpperCase());

export const PinConfigSchema = z
  .strictObject({
    /**
     * the digits of a resident's PIN (RULES.md: 6): 4–12, what ISO 9564 allows and the PIN pad
     * collects, and what the card's PIN takes (BCD padded with F). The default PIN a new card
     * carries (123456) is the kiosk's own to give, never typed: card making writes it, activation
     * verifies it and writes the resident's new PIN of this length
     */
    length: z.int(pinLengthError).min(4, pinLengthError).max(12, pinLengthError),
    maxAttempts: z.int().min(1, { error: 'expected 1–10' }).max(10, { error: 'expected 1–10' }),
    /**
     * the ATRs of the card types the card read asks their PIN tries left (VERIFY without a PIN):
     * those checked to answer it as ISO 7816-4 says, spending no try. No answer tells a chip that
     * took the query for a wrong PIN from one that did not, so any other card is never asked: its
     * count comes from the answer to the resident's PIN, and a card locked elsewhere is found at its
     * first PIN instead of at the read (ADR 0006). Default none.
     */
    triesQueryAtrs: z.array(atr).max(50, { error: 'expected at most 50 card types' }).default([]),
    /**
     * retired: the switch of the releases before `triesQueryAtrs` (true asked every card, which
     * spends a try on a chip in the field). The production profile wrote it, so a kiosk's profile
     * made from one still has it: read and dropped, never an unknown key that stops the upgraded
     * kiosk's boot; either value now asks only the card types listed above (ADR 0006)
     */
    queryTriesLeft: z
      .boolean({ error: 'expected true or false (retired: list the card types in pin.triesQueryAtrs)' })
      .optional(),
  })
  .transform(({ queryTriesLeft: _retired, ...pin }) => pin);
