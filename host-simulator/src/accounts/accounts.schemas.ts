/** The personal-account API contract: zod schemas shared by the simulator and the daemon. */
import { z } from 'zod';
import { CardNumber, IdNumber } from '../cards/cards.schemas.js';
import { OTHER_RECORD, RECORD_DETAILS, RECORD_KINDS } from '@kiosk/domain';
import { openList } from '../contract-lists.js';

/** The kinds of record this simulator posts: the ones the kiosk words (a newer host adds more). */
export const MOVEMENT_KINDS = RECORD_KINDS;

/** POST /v1/accounts/balance (the ID number travels in the body, never in a URL) */
export const BalanceRequest = z.object({ cardNumber: CardNumber, idNumber: IdNumber });
export type BalanceRequest = z.input<typeof BalanceRequest>;

export const BalanceAnswer = z.object({
  cardNumber: CardNumber,
  balanceFen: z.number().int().nonnegative(),
  asOf: z.iso.datetime(),
});
export type BalanceAnswer = z.infer<typeof BalanceAnswer>;

/** GET /v1/accounts/:cardNumber/records?limit=20 (newest first) */
export const RecordsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
});

/** One language's wording of a record: text, trimmed; none (or another form) reads as none. */
const Wording = z.string().trim().min(1).optional().catch(undefined);

/**
 * A newer host's wording of a record in each language the kiosk offers (LOCALES in `domain`), for
 * the resident, each in that language only: `{ "zh-CN": "长护险个人缴费", "en": "Long-term care
 * premium" }`. Either may be missing (the kiosk then prints the record's code in the resident's
 * language frame, never the other language's text); languages the kiosk does not offer are left
 * out; `null` reads as none sent (an older host), a value of another form as no wording in any
 * language.
 */
export const RecordDescriptions = z
  .union([z.null().transform(() => undefined), z.object({ 'zh-CN': Wording, en: Wording })])
  .optional()
  .catch(() => ({}));
export type RecordDescriptions = z.infer<typeof RecordDescriptions>;

/**
 * Record kinds and details are the host's lists, open-ended (contract-lists.ts, ADR 0013): a host
 * may add a kind of booking or of medical payment in any release. A value the kiosk knows keeps
 * its meaning; any other reads as 'other' (the record is kept, with its date, amounts and the
 * host's description), so a new kind never fails the whole answer.
 */
export const AccountRecord = z.object({
  /** a host in China may well write its local offset (+08:00) rather than Z: both are read */
  at: z.iso.datetime({ offset: true }),
  kind: openList(RECORD_KINDS, OTHER_RECORD),
  /** signed: a credit to the personal account is positive, a debit negative */
  amountFen: z.number().int(),
  balanceAfterFen: z.number().int(),
  /** the host's own wording, for its staff (mixes languages): an older host's only wording */
  description: z.string(),
  /**
   * the host's wording for the resident in each language (newer hosts): what the kiosk shows for
   * a kind or detail it does not know, in the resident's language (`hostWordingIn` in `domain`)
   */
  descriptions: RecordDescriptions,
  /**
   * what the record was, as a code the kiosk words in the resident's language: the detail of a
   * medical payment, else the kind. Open-ended: a host may add codes, and a kiosk that does not
   * know one prints the description instead (one of another form is read as no code).
   */
  code: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.]{0,63}$/)
    .optional()
    .catch(undefined),
  /** what a medical payment was for: a code, so the kiosk shows it in the resident's language */
  detail: openList(RECORD_DETAILS, OTHER_RECORD).optional(),
});
export type AccountRecord = z.infer<typeof AccountRecord>;
/** A record as a host sends it: kind, detail and code are whatever the host's release has. */
export type AccountRecordSent = Omit<z.input<typeof AccountRecord>, 'kind' | 'detail' | 'code'> & {
  readonly kind: string;
  readonly detail?: string;
  readonly code?: string;
};

export const AccountRecords = z.array(AccountRecord);
export type AccountRecords = z.infer<typeof AccountRecords>;
