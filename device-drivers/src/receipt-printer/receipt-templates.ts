/**
 * The receipts residents take home, in zh-CN and en. Personal data is masked here, once, as
 * the domain rules say (name 张*明, ID 4108**********1234, card first 3 and last 3); money is
 * integer fen. Every receipt carries the transaction serial and a verification code, in text
 * and in a QR code, so a counter clerk can look the transaction up.
 */
import { createHmac } from 'node:crypto';
import {
  ErrorCode,
  KioskError,
  formatKioskTime,
  formatYuan,
  hostWordingIn,
  maskCardNumber,
  maskIdNumber,
  maskName,
  MOST_RECORDS_AT_ONCE,
  residentSafeDescription,
  type Fen,
  type HostRecordDescriptions,
  type Journey,
} from '@kiosk/domain';
import type { Receipt, ReceiptLine, ReceiptLocale } from './receipt-printer.port.js';
import { RECEIPT_TEXT, type ReceiptText } from './receipt-text.js';
import { recordWording } from './record-wording.js';

/**
 * Records on one receipt: as many as a region may let a card hold unprinted (the receipt that
 * clears the counter prints them all), not the default limit of 60.
 */
export const RECORDS_PER_RECEIPT = MOST_RECORDS_AT_ONCE;

export interface ReceiptContext {
  readonly locale: ReceiptLocale;
  readonly kioskId: string;
  /** transaction serial, as journaled and sent to the host */
  readonly serial: string;
  readonly printedAt: Date;
  /** the kiosk's IANA time zone (the profile's `kiosk.timeZone`); China Standard Time when absent */
  readonly timeZone?: string;
  /** given by the host when it has one; otherwise derived from the serial with `verificationKey` */
  readonly verificationCode?: string;
  readonly verificationKey?: string;
}

export interface Holder {
  readonly name: string;
  readonly cardNumber: string;
  readonly idNumber?: string;
}

export interface AccountRecord {
  /** YYYY-MM-DD */
  readonly date: string;
  /** the host's record code, worded in the receipt's language (see `recordWording`) */
  readonly code?: string;
  /**
   * the record's kind as the kiosk read it: 'other' (OTHER_RECORD) for a kind the host added
   * that this kiosk does not know, printed as "其他" / "Other" with the host's description
   */
  readonly kind?: string;
  /**
   * the host's own description: printed only when the code is missing or unknown here and the
   * host sent no `descriptions` (an older host), masked (the holder's name and card number, any
   * ID number) and cut to fit the line
   */
  readonly description: string;
  /**
   * a newer host's wording in each language: for a code unknown here, the receipt's language's
   * one is printed, masked as the description is; where the host has none in that language, the
   * code itself (never the other language's text)
   */
  readonly descriptions?: HostRecordDescriptions;
  /** signed: negative for spending and withdrawals */
  readonly amountFen: Fen;
}

/** 8 characters a clerk can read out: HMAC-SHA256(key, kiosk|serial), base 32 without 0/O/1/I. */
export function receiptVerificationCode(kioskId: string, serial: string, key = ''): string {
  const digest = createHmac('sha256', key).update(`${kioskId}|${serial}`).digest();
  const alphabet = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
  return Array.from(digest.subarray(0, 8), (b) => alphabet[b & 31]).join('');
}

/** The QR payload: scheme, kiosk, serial, verification code; ASCII only. */
export function receiptQrPayload(ctx: ReceiptContext): string {
  return `KSR1|K=${ctx.kioskId}|S=${ctx.serial}|V=${codeOf(ctx)}`;
}

/** the kiosk's date and time, one definition in the domain (receipts and the records on them) */
export { formatKioskTime };

function codeOf(ctx: ReceiptContext): string {
  return ctx.verificationCode ?? receiptVerificationCode(ctx.kioskId, ctx.serial, ctx.verificationKey);
}

function money(t: ReceiptText, fen: Fen): string {
  return t.money(formatYuan(fen));
}

function holderLines(t: ReceiptText, h: Holder, withId: boolean): ReceiptLine[] {
  const lines: ReceiptLine[] = [{ label: t.name, value: maskName(h.name) }];
  if (withId && h.idNumber) lines.push({ label: t.idNumber, value: maskIdNumber(h.idNumber) });
  lines.push({ label: t.cardNumber, value: maskCardNumber(h.cardNumber) });
  return lines;
}

function compose(ctx: ReceiptContext, title: string, lines: ReceiptLine[], notes: string[] = []): Receipt {
  const t = RECEIPT_TEXT[ctx.locale];
  const code = codeOf(ctx);
  return {
    locale: ctx.locale,
    title,
    subtitle: `${t.kiosk} ${ctx.kioskId}  ${formatKioskTime(ctx.printedAt, ctx.timeZone)}`,
    lines: [...lines, { label: t.serial, value: ctx.serial }],
    qr: receiptQrPayload(ctx),
    footer: [...notes, t.verification(code), t.keep],
  };
}

export function balanceReceipt(
  ctx: ReceiptContext,
  data: { holder: Holder; balanceFen: Fen; asOf: Date },
): Receipt {
  const t = RECEIPT_TEXT[ctx.locale];
  return compose(ctx, t.balanceTitle, [
    ...holderLines(t, data.holder, false),
    { label: t.balance, value: money(t, data.balanceFen), emphasis: true },
    { label: t.asOf, value: formatKioskTime(data.asOf, ctx.timeZone) },
  ]);
}

export function recordsReceipt(
  ctx: ReceiptContext,
  data: { holder: Holder; records: readonly AccountRecord[]; balanceFen: Fen },
): Receipt {
  const t = RECEIPT_TEXT[ctx.locale];
  if (data.records.length > RECORDS_PER_RECEIPT) {
    throw new KioskError(
      ErrorCode.RECEIPT_INVALID,
      `One receipt holds at most ${RECORDS_PER_RECEIPT} records; print the rest on another.`,
      { records: data.records.length },
    );
  }
  const records: ReceiptLine[] = data.records.map((r) => ({
    label: fitLabel(
      `${r.date} ${recordWording(ctx.locale, { ...r, description: residentSafeDescription(hostWordingIn(ctx.locale, r), data.holder) })}`,
    ),
    value: formatYuan(r.amountFen),
  }));
  return compose(ctx, t.recordsTitle, [
    ...holderLines(t, data.holder, false),
    { label: t.recordsHeading, value: t.amountHeading, emphasis: true },
    ...records,
    { label: t.recordCount, value: String(data.records.length) },
    { label: t.balance, value: money(t, data.balanceFen), emphasis: true },
  ]);
}

/** A receipt line's label holds 64 characters (it wraps on paper): "..." where the host's text is cut. */
function fitLabel(text: string, max = 64): string {
  const chars = Array.from(text);
  return chars.length <= max
    ? text
    : `${chars
        .slice(0, max - 3)
        .join('')
        .trimEnd()}...`;
}

export function withdrawalReceipt(
  ctx: ReceiptContext,
  data: { holder: Holder; amountFen: Fen; balanceAfterFen: Fen },
): Receipt {
  const t = RECEIPT_TEXT[ctx.locale];
  return compose(ctx, t.withdrawalTitle, [
    ...holderLines(t, data.holder, true),
    { label: t.withdrawn, value: money(t, data.amountFen), emphasis: true },
    { label: t.balanceAfter, value: money(t, data.balanceAfterFen) },
  ]);
}

export function cardIssuedReceipt(
  ctx: ReceiptContext,
  data: { holder: Holder; issuedOn: string; validUntil: string; replacement: boolean; feeFen?: Fen },
): Receipt {
  const t = RECEIPT_TEXT[ctx.locale];
  const lines: ReceiptLine[] = [
    ...holderLines(t, data.holder, true),
    { label: t.issueKind, value: data.replacement ? t.replacement : t.newCard },
    { label: t.issuedOn, value: data.issuedOn },
    { label: t.validUntil, value: data.validUntil },
  ];
  if (data.feeFen !== undefined) lines.push({ label: t.fee, value: money(t, data.feeFen) });
  return compose(ctx, t.cardIssuedTitle, lines, [t.activateHint]);
}

export function pinActivatedReceipt(ctx: ReceiptContext, data: { holder: Holder }): Receipt {
  const t = RECEIPT_TEXT[ctx.locale];
  return compose(
    ctx,
    t.pinActivatedTitle,
    [...holderLines(t, data.holder, false), { label: t.cardState, value: t.active }],
    [t.pinSecret],
  );
}

export function lossReportedReceipt(
  ctx: ReceiptContext,
  data: { holder: Holder; temporary: boolean; lapsesOn?: string },
): Receipt {
  const t = RECEIPT_TEXT[ctx.locale];
  const lines: ReceiptLine[] = [
    ...holderLines(t, data.holder, true),
    { label: t.cardState, value: data.temporary ? t.temporaryLoss : t.confirmedLoss },
  ];
  if (data.temporary && data.lapsesOn) lines.push({ label: t.lapsesOn, value: data.lapsesOn });
  return compose(ctx, t.lossTitle, lines, [data.temporary ? t.temporaryHint : t.replaceHint]);
}

export function failedTransactionReceipt(
  ctx: ReceiptContext,
  data: {
    journey: Journey;
    errorCode: ErrorCode;
    holder?: Holder;
    amountFen?: Fen;
    /** money or a card was given back / reversed */
    reversed?: boolean;
  },
): Receipt {
  const t = RECEIPT_TEXT[ctx.locale];
  const lines: ReceiptLine[] = data.holder ? holderLines(t, data.holder, false) : [];
  lines.push({ label: t.journey, value: t.journeys[data.journey] });
  lines.push({ label: t.reason, value: t.reasonOf(data.errorCode) });
  if (data.amountFen !== undefined) lines.push({ label: t.amount, value: money(t, data.amountFen) });
  if (data.reversed !== undefined) {
    lines.push({ label: t.outcome, value: data.reversed ? t.reversed : t.nothingCharged });
  }
  return compose(ctx, t.failedTitle, lines, [t.counterHint]);
}
