/** 账户明细页面的中文（明细、类别与打印）：目录的 `records`（`messages.zh-CN.ts`）。 */
import type { Messages } from './messages.en';

export const recordsZhCN: Messages['records'] = {
  untilPrintRequired_one: '再有 {{count}} 笔未打印明细，此卡将暂停使用。',
  untilPrintRequired_other: '再有 {{count}} 笔未打印明细，此卡将暂停使用。',
  printRequired: '请现在打印，以便继续用卡。',
  print: '打印明细',
  caption: '按时间倒序',
  date: '日期',
  kind: '类型',
  place: '地点',
  amount: '金额（元）',
  balanceAfter: '余额（元）',
  none: '暂无交易明细。',
  unprinted_one: '有 {{count}} 笔明细尚未打印。',
  unprinted_other: '有 {{count}} 笔明细尚未打印。',
  printUnavailable: '本机暂时无法打印。',
  printerBusy: {
    what: '凭条打印机正在降温，暂时无法打印：本次未打印任何凭条。',
    next: '交易明细仍显示在屏幕上。请稍候约一分钟，打印机就绪后“打印明细”按钮会重新出现；也可以不打印直接结束。',
  },
  printRequiredNotHere: '本机暂时无法打印：请到其他自助机打印交易明细后再使用此卡。',
  printRequiredAfterWithdrawal:
    '您的卡内未打印的交易记录已满：请先在自助机“明细查询”中打印交易明细，再使用此卡。',
  printRequiredBeforeAnythingElse:
    '您的卡内未打印的交易记录已满：请现在选择“明细查询”打印交易明细后再办理其他业务，或取回卡片。',
  kinds: {
    medicalPayment: '医疗消费',
    contribution: '个人账户划入',
    opening: '期初余额',
    fee: '费用',
    withdrawalPaid: '取现',
    withdrawalReversal: '取现退回',
    withdrawal: '取现',
    /** a kind the host added that this kiosk does not know: shown with the host's description */
    other: '其他',
  },
  /** what a medical payment was for (the host's code) */
  details: {
    pharmacy: '药店购药',
    outpatient: '门诊结算',
    communityClinic: '社区卫生服务中心',
    inpatient: '住院自付',
  },
};
