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

/** The record in the receipt's language; the host's description for an unknown or missing code. */
export function recordWording(locale: ReceiptLocale, code: string | undefined, description: string): string {
  if (code === undefined || !Object.hasOwn(WORDS[locale], code)) return description;
  return WORDS[locale][code]!;
}
