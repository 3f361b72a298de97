/** The words on the receipts, zh-CN and en. Short: a receipt line is 48 columns. */
import { ErrorCode, type Journey } from '@kiosk/domain';
import type { ReceiptLocale } from './receipt-printer.port.js';

export interface ReceiptText {
  kiosk: string;
  serial: string;
  name: string;
  idNumber: string;
  cardNumber: string;
  balance: string;
  asOf: string;
  balanceAfter: string;
  withdrawn: string;
  amount: string;
  recordsHeading: string;
  amountHeading: string;
  recordCount: string;
  issueKind: string;
  newCard: string;
  replacement: string;
  issuedOn: string;
  validUntil: string;
  fee: string;
  cardState: string;
  active: string;
  temporaryLoss: string;
  confirmedLoss: string;
  lapsesOn: string;
  journey: string;
  reason: string;
  outcome: string;
  reversed: string;
  nothingCharged: string;
  balanceTitle: string;
  recordsTitle: string;
  withdrawalTitle: string;
  cardIssuedTitle: string;
  pinActivatedTitle: string;
  lossTitle: string;
  failedTitle: string;
  activateHint: string;
  pinSecret: string;
  temporaryHint: string;
  replaceHint: string;
  counterHint: string;
  keep: string;
  journeys: Record<Journey, string>;
  money(yuan: string): string;
  verification(code: string): string;
  reasonOf(code: ErrorCode): string;
}

const zhReasons: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.HOST_UNREACHABLE]: '业务系统暂不可用',
  [ErrorCode.HOST_TIMEOUT]: '业务系统响应超时',
  [ErrorCode.HOST_REJECTED]: '业务系统拒绝办理',
  [ErrorCode.CASH_JAM]: '出钞故障',
  [ErrorCode.CASH_NOT_TAKEN]: '现金未取走已回收',
  [ErrorCode.CARD_NOT_TAKEN_RETRACTED]: '卡片未取走已回收',
  [ErrorCode.CARD_LEFT_IN_SLOT]: '卡片未取走留在卡口',
  [ErrorCode.CARD_PRINTER_JAM]: '制卡故障',
  [ErrorCode.SESSION_TIMED_OUT]: '操作超时',
  [ErrorCode.SESSION_CANCELLED]: '已取消',
  [ErrorCode.PIN_BLOCKED]: '密码已锁定',
};

const enReasons: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.HOST_UNREACHABLE]: 'Service unavailable',
  [ErrorCode.HOST_TIMEOUT]: 'Service timed out',
  [ErrorCode.HOST_REJECTED]: 'Refused by the service',
  [ErrorCode.CASH_JAM]: 'Cash dispenser fault',
  [ErrorCode.CASH_NOT_TAKEN]: 'Cash not taken, retracted',
  [ErrorCode.CARD_NOT_TAKEN_RETRACTED]: 'Card not taken, retracted',
  [ErrorCode.CARD_LEFT_IN_SLOT]: 'Card not taken, left in the slot',
  [ErrorCode.CARD_PRINTER_JAM]: 'Card printer fault',
  [ErrorCode.SESSION_TIMED_OUT]: 'Timed out',
  [ErrorCode.SESSION_CANCELLED]: 'Cancelled',
  [ErrorCode.PIN_BLOCKED]: 'PIN locked',
};

const zh: ReceiptText = {
  kiosk: '终端',
  serial: '流水号',
  name: '姓名',
  idNumber: '身份证号',
  cardNumber: '社保卡号',
  balance: '账户余额',
  asOf: '查询时间',
  balanceAfter: '支取后余额',
  withdrawn: '支取金额',
  amount: '金额',
  recordsHeading: '日期 摘要',
  amountHeading: '金额(元)',
  recordCount: '明细笔数',
  issueKind: '办理类型',
  newCard: '新办卡',
  replacement: '补换卡',
  issuedOn: '发卡日期',
  validUntil: '有效期至',
  fee: '工本费',
  cardState: '卡状态',
  active: '正常',
  temporaryLoss: '临时挂失',
  confirmedLoss: '正式挂失',
  lapsesOn: '自动解挂日期',
  journey: '业务',
  reason: '原因',
  outcome: '处理结果',
  reversed: '款项已退回账户',
  nothingCharged: '未扣款',
  balanceTitle: '医保个人账户余额',
  recordsTitle: '医保个人账户明细',
  withdrawalTitle: '医保个人账户支取',
  cardIssuedTitle: '社保卡即时制卡',
  pinActivatedTitle: '社保卡启用',
  lossTitle: '社保卡挂失',
  failedTitle: '交易未完成',
  activateHint: '请在本机设置密码启用社保卡',
  pinSecret: '请牢记密码，切勿告知他人',
  temporaryHint: '临时挂失15日后自动解除',
  replaceHint: '可在本机办理补卡',
  counterHint: '如有疑问请持本凭条到柜台咨询',
  keep: '请妥善保管本凭条',
  journeys: {
    balance: '余额查询',
    records: '明细打印',
    withdraw: '个人账户支取',
    issueCard: '即时制卡',
    replaceCard: '补换卡',
    activatePin: '启用社保卡',
    changePin: '修改密码',
    resetPin: '重置密码',
    reportLoss: '挂失',
  },
  money: (yuan) => `${yuan}元`,
  verification: (code) => `验证码 ${code}`,
  reasonOf: (code) => zhReasons[code] ?? `系统故障 (${code})`,
};

const en: ReceiptText = {
  kiosk: 'Kiosk',
  serial: 'Serial',
  name: 'Name',
  idNumber: 'ID number',
  cardNumber: 'Card number',
  balance: 'Balance',
  asOf: 'As of',
  balanceAfter: 'Balance after',
  withdrawn: 'Withdrawn',
  amount: 'Amount',
  recordsHeading: 'Date  Description',
  amountHeading: 'CNY',
  recordCount: 'Records',
  issueKind: 'Issue',
  newCard: 'New card',
  replacement: 'Replacement',
  issuedOn: 'Issued on',
  validUntil: 'Valid until',
  fee: 'Fee',
  cardState: 'Card state',
  active: 'Active',
  temporaryLoss: 'Temporarily lost',
  confirmedLoss: 'Lost',
  lapsesOn: 'Lapses on',
  journey: 'Service',
  reason: 'Reason',
  outcome: 'Outcome',
  reversed: 'Amount returned',
  nothingCharged: 'Nothing charged',
  balanceTitle: 'Account balance',
  recordsTitle: 'Account records',
  withdrawalTitle: 'Withdrawal',
  cardIssuedTitle: 'Card issued',
  pinActivatedTitle: 'Card activated',
  lossTitle: 'Card reported lost',
  failedTitle: 'Not completed',
  activateHint: 'Set your PIN at this kiosk to activate the card',
  pinSecret: 'Never tell anyone your PIN',
  temporaryHint: 'A temporary loss report lapses after 15 days',
  replaceHint: 'A replacement card can be made at this kiosk',
  counterHint: 'Questions? Bring this receipt to a counter',
  keep: 'Please keep this receipt',
  journeys: {
    balance: 'Balance',
    records: 'Records',
    withdraw: 'Withdrawal',
    issueCard: 'New card',
    replaceCard: 'Replacement card',
    activatePin: 'Card activation',
    changePin: 'PIN change',
    resetPin: 'PIN reset',
    reportLoss: 'Loss report',
  },
  money: (yuan) => `CNY ${yuan}`,
  verification: (code) => `Verification code ${code}`,
  reasonOf: (code) => enReasons[code] ?? `System fault (${code})`,
};

export const RECEIPT_TEXT: Record<ReceiptLocale, ReceiptText> = { 'zh-CN': zh, en };
