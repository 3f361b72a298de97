/** Card issuance contract: applications, replacement, fee, card making, issuer keys. */
import { ErrorCode } from '@kiosk/domain';
import { z } from 'zod';
import { decisiveList, openList } from '../contract-lists.js';
import { CardStateAnswer } from '../cards/card-lifecycle.schemas.js';
import { CardNumber, CardState, IdNumber } from '../cards/cards.schemas.js';
import { ISSUER_KEY_PURPOSES } from './issuer-keys.js';

export const ApplicationNo = z.string().regex(/^A\d{7}$/, 'an application number is A + 7 digits');
export const ApplicationParams = z.object({ applicationNo: ApplicationNo });

/** POST /v1/applications/lookup */
export const ApplicationLookup = z.object({ idNumber: IdNumber });
export type ApplicationLookup = z.input<typeof ApplicationLookup>;

export const ApplicationView = z.object({
  applicationNo: ApplicationNo,
  /** closed, as the status: they decide whether the kiosk asks a fee and makes a card (ADR 0013) */
  kind: decisiveList(['new', 'replacement'], ErrorCode.HOST_UNKNOWN_APPLICATION),
  /** awaitingFee → ready → issued; or cancelled */
  status: decisiveList(['awaitingFee', 'ready', 'issued', 'cancelled'], ErrorCode.HOST_UNKNOWN_APPLICATION),
  feeFen: z.number().int().nonnegative(),
  /** open: the kiosk only shows how a fee was paid (a new way reads as 'other') */
  feePaidBy: openList(['qr', 'account'], 'other').nullable(),
  replacesCardNumber: CardNumber.nullable(),
  reservedCardNumber: CardNumber.nullable(),
  issuedCardNumber: CardNumber.nullable(),
  createdAt: z.iso.datetime(),
});
export type ApplicationView = z.infer<typeof ApplicationView>;

export const ApplicationList = z.object({ applications: z.array(ApplicationView) });
export type ApplicationList = z.infer<typeof ApplicationList>;

/** POST /v1/residents/lookup: a resident identified by ID card (e.g. the card itself is lost) */
export const ResidentLookup = z.object({ idNumber: IdNumber });
export const CardSummary = z.object({
  cardNumber: CardNumber,
  state: CardState,
  issueDate: z.iso.date(),
  expiryDate: z.iso.date(),
});
/**
 * The holder's sex as the host keeps it: open (ADR 0013). It decides nothing at the kiosk; a value
 * the kiosk does not know (a code of another standard, 'unspecified', none) reads as 'unknown', and
 * a chip that needs a code takes the one the holder's ID number carries (GB 11643).
 */
export const HolderSex = openList(['male', 'female'], 'unknown');
export type HolderSex = z.infer<typeof HolderSex>;

export const ResidentAnswer = z.object({
  name: z.string(),
  sex: HolderSex,
  birthDate: z.iso.date(),
  /** every card the resident has had, newest first, states as of now */
  cards: z.array(CardSummary),
  /** open applications (awaiting the fee or ready to make) */
  applications: z.array(ApplicationView),
});
export type ResidentAnswer = z.infer<typeof ResidentAnswer>;

/** POST /v1/cards/:cardNumber/replacement */
export const ReplacementRequest = z
  .object({
    idNumber: IdNumber,
    reason: z.enum(['lost', 'damaged']),
    /** the damaged card was handed in (captured by the kiosk): the host cancels it at once */
    handedIn: z.boolean().optional(),
  })
  .refine((r) => r.handedIn !== true || r.reason === 'damaged', {
    message: 'only a damaged card can be handed in',
    path: ['handedIn'],
  });
export type ReplacementRequest = z.input<typeof ReplacementRequest>;

/** POST /v1/applications/:applicationNo/fee/account */
export const FeeFromAccount = z.object({ idNumber: IdNumber });

export const QrPaymentView = z.object({
  paymentId: z.string(),
  applicationNo: ApplicationNo,
  amountFen: z.number().int().positive(),
  /** pending → paid | expired | closed (the kiosk closed it); paid → refunded (the kiosk had given up) */
  status: decisiveList(
    ['pending', 'paid', 'expired', 'closed', 'refunded'],
    ErrorCode.HOST_UNKNOWN_PAYMENT_STATUS,
  ),
  /** what the kiosk renders as a QR code */
  qrContent: z.string(),
  expiresAt: z.iso.datetime(),
  /**
   * how long the order stays payable as the host answers, on the host's own clock (0 once it is
   * not pending): the kiosk counts it from when it asked, never reading `expiresAt` on its own clock
   * (ADR 0015). Fresh on every status read; a replayed creation answer repeats its first value.
   */
  expiresInMs: z.int().nonnegative(),
  paidAt: z.iso.datetime().nullable(),
  closedAt: z.iso.datetime().optional(),
  refundedAt: z.iso.datetime().optional(),
});
export type QrPaymentView = z.infer<typeof QrPaymentView>;
/** POST /v1/applications/:applicationNo/fee/qr: how long the kiosk waits (the order is payable as long, capped by the host) */
export const QrOrderRequest = z.strictObject({ validForMs: z.int().positive().optional() });
export const PaymentParams = z.object({ paymentId: z.string().regex(/^QR\d{8}$/) });

/** POST /v1/applications/:applicationNo/card: reserve a card number and get what to write */
export const CardOrder = z.object({ idNumber: IdNumber });
export const CardPersonalisation = z.object({
  applicationNo: ApplicationNo,
  cardNumber: CardNumber,
  issuerRegionCode: z.string().regex(/^\d{6}$/),
  issueDate: z.iso.date(),
  expiryDate: z.iso.date(),
  holder: z.object({
    idNumber: z.string(),
    name: z.string(),
    sex: HolderSex,
    birthDate: z.iso.date(),
  }),
  /** the issuer key version to ask for with POST /v1/cards/:cardNumber/issuer-key */
  keyVersion: z.number().int().positive(),
});
export type CardPersonalisation = z.infer<typeof CardPersonalisation>;

/** POST /v1/applications/:applicationNo/issued: the card was taken, or making was abandoned */
export const IssuanceReport = z.object({
  cardNumber: CardNumber,
  outcome: z.enum(['issued', 'abandoned']),
  reason: z.string().max(200).optional(),
});
export type IssuanceReport = z.input<typeof IssuanceReport>;

export const IssuanceAnswer = z.object({
  application: ApplicationView,
  /** the new card (state made) when issued, else null */
  card: CardStateAnswer.nullable(),
  /** the old card number cancelled by this issuance, if any */
  cancelledCardNumber: CardNumber.nullable(),
});
export type IssuanceAnswer = z.infer<typeof IssuanceAnswer>;

/** POST /v1/cards/:cardNumber/issuer-key */
export const IssuerKeyRequest = z.object({
  purpose: z.enum(ISSUER_KEY_PURPOSES),
  /**
   * The chip serial (EF05 card identifier, 16 bytes as hex) read from the card in the reader: the
   * answer is then the chip's own key, diversified from the issuer key by it as the chip does
   * (AES-128-ECB), so the kiosk can authenticate to the chip without holding the issuer key.
   */
  cardIdentifier: z
    .string()
    .regex(/^[0-9A-Fa-f]{32}$/)
    .optional(),
  /** for 'pinUnlock': the ID number of the ID card the kiosk matched the face against (the holder's) */
  idNumber: z.string().length(18).optional(),
});
export const IssuerKeyAnswer = z.object({
  cardNumber: CardNumber,
  purpose: z.enum(ISSUER_KEY_PURPOSES),
  keyVersion: z.number().int().positive(),
  /** 16-byte card key, 32 hex digits; never log it */
  keyHex: z.string().regex(/^[0-9A-F]{32}$/),
});
export type IssuerKeyAnswer = z.infer<typeof IssuerKeyAnswer>;
