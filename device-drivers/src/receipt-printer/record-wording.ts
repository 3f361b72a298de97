/**
 * What a personal-account record was, worded in the receipt's language from the host's record
 * code. The host's own description is for its staff and mixes languages ("药店购药 (pharmacy
 * purchase)"); it is printed only for a code this kiosk does not know yet.
 */
import type { ReceiptLocale } from './receipt-printer.port.js';

const zh: Readonly<Record<string, string>> = {
  opening: '上年结转',
  contribution: '个人账户划入',
  medicalPayment: '医疗消费',
  pharmacy: '药店购药',
  outpatient: '门诊结算',
  communityClinic: '社区卫生服务中心',
  inpatient: '住院自付',
  withdrawal: '自助机取现',
  withdrawalPaid: '取现付讫',
  withdrawalReversal: '取现退回',
  fee: '费用',
};

const en: Readonly<Record<string, string>> = {
  opening: 'Carried forward',
  contribution: 'Contribution',
  medicalPayment: 'Medical payment',
  pharmacy: 'Pharmacy',
  outpatient: 'Outpatient visit',
  communityClinic: 'Community clinic',
  inpatient: 'Inpatient co-pay',
  withdrawal: 'Cash withdrawal',
  withdrawalPaid: 'Cash paid out',
  withdrawalReversal: 'Withdrawal returned',
  fee: 'Fee',
};

const WORDS: Record<ReceiptLocale, Readonly<Record<string, string>>> = { 'zh-CN': zh, en };

/** The record codes a receipt words itself (the rest print the host's description). */
export const WORDED_RECORD_CODES: readonly string[] = Object.keys(zh);

/** The neutral label of a record of a kind this kiosk does not know (`OTHER_RECORD`). */
const OTHER: Record<ReceiptLocale, string> = { 'zh-CN': '其他', en: 'Other' };
const COLON: Record<ReceiptLocale, string> = { 'zh-CN': '：', en: ': ' };

export interface RecordToWord {
  /** the host's record code: worded alone when this kiosk knows it */
  readonly code?: string;
  /** the record's kind as the kiosk read it ('other' for one it does not know), when known */
  readonly kind?: string;
  /** the host's description, already fit for the resident (`residentSafeDescription`) */
  readonly description: string;
}

/**
 * The record in the receipt's language: its code worded when this kiosk knows it; else the kind
 * worded (a neutral "其他" / "Other" for a kind this kiosk does not know) and the host's
 * description after it; a record with neither a known code nor a kind prints the description.
 */
export function recordWording(locale: ReceiptLocale, record: RecordToWord): string {
  const words = WORDS[locale];
  const { code, kind, description } = record;
  if (code !== undefined && Object.hasOwn(words, code)) return words[code]!;
  if (kind === undefined) return description;
  const label = Object.hasOwn(words, kind) ? words[kind]! : OTHER[locale];
  return description === '' ? label : `${label}${COLON[locale]}${description}`;
}
