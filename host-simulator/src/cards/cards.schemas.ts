/** The cards API contract: zod schemas shared by the simulator and the daemon's host client. */
import { ErrorCode, isValidResidentId } from '@kiosk/domain';
import { z } from 'zod';
import { decisiveList } from '../contract-lists.js';
import { CARD_STATES } from '../store/host-store.js';

export const CardNumber = z.string().regex(/^[A-Z0-9]{6,20}$/, 'a card number is 6-20 of A-Z 0-9');
export type CardNumber = z.infer<typeof CardNumber>;

/** A GB 11643 ID number (any region; the kiosk checks the region it serves). */
export const IdNumber = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^\d{17}[\dX]$/, 'an ID number has 17 digits and a check character')
  .refine((value) => isValidResidentId(value), 'the ID number fails its checks');

/** closed: a card's state decides what the kiosk lets it do (ADR 0013) */
export const CardState = decisiveList(CARD_STATES, ErrorCode.HOST_UNKNOWN_CARD_STATE);
export type CardStateName = z.infer<typeof CardState>;

export const CardParams = z.object({ cardNumber: CardNumber });

/** GET /v1/cards/:cardNumber */
export const CardInfo = z.object({
  cardNumber: CardNumber,
  /** the state as of now: a temporary loss older than 15 days reads as active, a card past expiry as expired */
  state: CardState,
  idNumber: z.string(),
  name: z.string(),
  issueDate: z.iso.date(),
  expiryDate: z.iso.date(),
  /** the issuing agency's region code (Jiaozuo: 410800) */
  regionCode: z.string().regex(/^\d{6}$/),
});
export type CardInfo = z.infer<typeof CardInfo>;

/** Every error answer. `code` is an `ErrorCode` value. */
export const HostErrorBody = z.object({ code: z.string(), message: z.string() });
export type HostErrorBody = z.infer<typeof HostErrorBody>;
