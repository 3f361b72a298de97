/**
 * The back office's own wording of each record code, for residents, in each language the kiosks
 * offer: what the records answer sends as `descriptions` beside the staff's one `description`, so
 * a kiosk that does not know a code (one this host added after it) still shows the record in the
 * resident's language. The host words every code it posts, the kiosk's known ones too.
 */
import type { RecordDetail } from '@kiosk/domain';
import type { MovementKind, NewerHostDetail } from '../ledger/ledger.js';
import type { RecordDescriptions } from './accounts.schemas.js';

type RecordCode = MovementKind | RecordDetail | NewerHostDetail;

const WORDING: Readonly<Record<RecordCode, { readonly 'zh-CN': string; readonly en: string }>> = {
  opening: { 'zh-CN': '上年结转', en: 'Balance carried forward' },
  contribution: { 'zh-CN': '个人账户划入', en: 'Monthly contribution' },
  medicalPayment: { 'zh-CN': '医疗消费', en: 'Medical payment' },
  pharmacy: { 'zh-CN': '药店购药', en: 'Pharmacy purchase' },
  outpatient: { 'zh-CN': '门诊结算', en: 'Outpatient visit' },
  communityClinic: { 'zh-CN': '社区卫生服务中心', en: 'Community clinic' },
  inpatient: { 'zh-CN': '住院自付', en: 'Inpatient co-payment' },
  withdrawal: { 'zh-CN': '自助机取现', en: 'Kiosk cash withdrawal' },
  withdrawalPaid: { 'zh-CN': '取现付讫', en: 'Cash paid out' },
  withdrawalReversal: { 'zh-CN': '取现冲正', en: 'Withdrawal reversed' },
  fee: { 'zh-CN': '补卡费', en: 'Card replacement fee' },
  // added in a release after the kiosk's (seed/newer-host-records.ts)
  longTermCare: { 'zh-CN': '长护险个人缴费', en: 'Long-term care insurance premium' },
  dentalClinic: { 'zh-CN': '口腔诊所', en: 'Dental clinic' },
};

/** The host's wording of a record code in every language the kiosks offer, if it has one. */
export function recordDescriptionsOf(code: string): RecordDescriptions {
  return Object.hasOwn(WORDING, code) ? { ...WORDING[code as RecordCode] } : undefined;
}
