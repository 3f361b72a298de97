/**
 * The `card` section: the numbers RULES.md names for the social-security card and its making, each
 * with the rule's default where the schema gives one (the unprinted-records limit, records on
 * screen, validity, the replacement fee and the ways a region takes it, retries after a spoiled
 * blank), and the layout of the printed card face.
 */
import { DEFAULT_CARD_MAKING_RETRIES, FEE_METHODS, MOST_RECORDS_AT_ONCE } from '@kiosk/domain';
import { z } from 'zod';
import { CardFaceLayoutSchema, DEFAULT_CARD_FACE } from './card-face-config.js';

/** at most what one receipt prints: the receipt that clears the card's counter holds them all */
const recordsError = `expected 1–${MOST_RECORDS_AT_ONCE} records`;
const records = z
  .int({ error: recordsError })
  .min(1, { error: recordsError })
  .max(MOST_RECORDS_AT_ONCE, { error: recordsError });

export const CardConfigSchema = z.strictObject({
  /** unprinted transactions after which the card refuses use until its records are printed (60) */
  recordsUntilPrintRequired: records,
  /** account records on screen, the latest first */
  recordsOnScreen: records.default(20),
  /** a card is valid this many years from issue (10) */
  validityYears: z.int().min(1, { error: 'expected 1–30 years' }).max(30, { error: 'expected 1–30 years' }),
  /** the replacement card's fee (2000 fen = 20 yuan); 0 where a region takes none */
  replacementFeeFen: z.int({ error: 'expected a whole number of fen, 0 or more' }).min(0, {
    error: 'expected a whole number of fen, 0 or more',
  }),
  /** the ways the region takes the replacement fee: a QR payment, the personal account, or both */
  replacementFeeMethods: z
    .array(z.enum(FEE_METHODS, { error: `expected ${FEE_METHODS.join(' or ')}` }))
    .min(1, { error: 'expected at least one way to pay' })
    .refine((ways) => new Set(ways).size === ways.length, { error: 'expected each way once' })
    .default([...FEE_METHODS]),
  /**
   * a replacement asks "lost, or damaged and with you?" and takes a damaged card in (the card
   * reader captures it; offered only while the reader works and its capture bin has room)
   */
  damagedCardHandIn: z.boolean({ error: 'expected true or false' }).default(true),
  /** a blank spoiled at the chip or the print goes to the reject bin; at most this many more are tried */
  makingRetries: z
    .int({ error: 'expected 0–5 retries' })
    .min(0, { error: 'expected 0–5 retries' })
    .max(5, { error: 'expected 0–5 retries' })
    .default(DEFAULT_CARD_MAKING_RETRIES),
  /** where each item of the printed card face goes */
  face: CardFaceLayoutSchema.default(DEFAULT_CARD_FACE),
});
