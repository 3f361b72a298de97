/**
 * Every word on the dashboard in English and Simplified Chinese. The page starts in the browser's
 * language (Chinese for zh-*, English otherwise); the language button switches.
 */
import { createContext, useContext } from 'react';
import { codeLabelsEn } from './code-labels.en';
import { codeLabelsZh } from './code-labels.zh-CN';
import { contractLabelsEn, contractLabelsZh } from './contract-labels';
import { eventLabelsEn, eventLabelsZh } from './event-labels';
import { fleetListLabelsEn, fleetListLabelsZh } from './fleet-list-labels';
import { reasonLabelsEn, reasonLabelsZh } from './reason-labels';

export type Language = 'en' | 'zh-CN';

const en = {
  title: 'Kiosk fleet',
  language: '中文',
  userName: 'User name',
  password: 'Password',
  logIn: 'Log in',
  logOut: 'Log out',
  loginFailed: 'Wrong user name or password.',
  loginUnreachable: 'The fleet monitor does not answer. Try again in a moment.',
  loggedInAs: 'Logged in as',
  disconnected: 'Connection to the fleet monitor lost; reconnecting…',
  nav: 'Sections',
  fleet: 'Fleet',
  alerts: 'Alerts',
  charts: 'Charts',
  hall: 'Service hall',
  noHall: 'No hall given',
  kiosk: 'Kiosk',
  status: 'Status',
  supplies: 'Supplies',
  activeAlerts: 'Active alerts',
  lastSeen: 'Last seen',
  /** the kiosk's reasons behind its first: "also: A, B" */
  alsoReasons: 'also: ',
  reasonSeparator: ', ',
  noKiosks: 'No kiosk has reported yet.',
  findKiosk: 'Find a kiosk or hall',
  attentionOnly: 'Only kiosks needing attention',
  noMatch: 'No kiosk matches.',
  newAlert: 'New alert',
  hallSummary: 'Kiosks',
  back: 'Back to the fleet',
  devices: 'Devices',
  device: 'Device',
  deviceState: 'State',
  fault: 'Fault',
  journeysOffered: 'Services offered',
  cardsIssuedCount: 'Cards issued to residents (journal, all time)',
  none: 'none',
  recentEvents: 'Recent events',
  noEvents: 'No events yet.',
  commands: 'Commands',
  commandHistory: 'Commands sent',
  noCommands: 'No commands sent yet.',
  viewerNoCommands: 'Viewers can look but not send commands.',
  commandSent: 'Command sent',
  awaitingAck: 'waiting for the kiosk',
  until: 'until',
  commandExpired: 'expired: the kiosk was not back in time',
  waitsForKiosk: 'the kiosk is offline: it gets the command when it is back, until',
  issuedBy: 'by',
  time: 'Time',
  event: 'Event',
  details: 'Details',
  subject: 'About',
  activeAlertList: 'Active alerts',
  alertHistory: 'History',
  showHistory: 'Show history',
  noAlerts: 'No active alerts.',
  acknowledge: 'Acknowledge',
  acknowledged: 'Acknowledged by',
  cleared: 'Cleared',
  raised: 'Raised',
  kind: 'Alert',
  cardsIssued: 'Cards issued per day',
  withdrawals: 'Withdrawals per day',
  day: 'Day',
  count: 'Count',
  noData: 'No journeys in these days.',
  refused: 'Refused',
  journalExtracts: 'Journal extracts',
  noExtracts: 'No journal extract uploaded yet.',
  download: 'Download',
  from: 'From',
  to: 'To',
  transactions: 'Transactions',
  size: 'Size',
  received: 'Received',
  ...contractLabelsEn,
  ...eventLabelsEn,
  ...fleetListLabelsEn,
  ...codeLabelsEn,
  ...reasonLabelsEn,
} as const;

export type LabelKey = keyof typeof en;
export type Labels = Record<LabelKey, string>;

const zhCN: Labels = {
  title: '自助终端监控',
  language: 'English',
  userName: '用户名',
  password: '密码',
  logIn: '登录',
  logOut: '退出',
  loginFailed: '用户名或密码错误。',
  loginUnreachable: '监控服务没有应答，请稍后再试。',
  loggedInAs: '当前用户',
  disconnected: '与监控服务的连接已断开，正在重连…',
  nav: '栏目',
  fleet: '终端',
  alerts: '告警',
  charts: '统计',
  hall: '服务大厅',
  noHall: '未指定大厅',
  kiosk: '终端',
  status: '状态',
  supplies: '耗材',
  activeAlerts: '未解除告警',
  lastSeen: '最后联系',
  alsoReasons: '另有：',
  reasonSeparator: '、',
  noKiosks: '还没有终端上报。',
  findKiosk: '查找终端或大厅',
  attentionOnly: '只看需要处理的终端',
  noMatch: '没有符合的终端。',
  newAlert: '新告警',
  hallSummary: '终端数',
  back: '返回终端列表',
  devices: '设备',
  device: '设备',
  deviceState: '状态',
  fault: '故障',
  journeysOffered: '可办业务',
  cardsIssuedCount: '已发给群众的卡（流水累计）',
  none: '无',
  recentEvents: '最近事件',
  noEvents: '还没有事件。',
  commands: '指令',
  commandHistory: '已发指令',
  noCommands: '还没有发出指令。',
  viewerNoCommands: '查看员只能查看，不能发指令。',
  commandSent: '指令已发出',
  awaitingAck: '等待终端确认',
  until: '截至',
  commandExpired: '已过期：终端未在时限内上线',
  waitsForKiosk: '终端离线：上线后执行，截至',
  issuedBy: '发出人',
  time: '时间',
  event: '事件',
  details: '详情',
  subject: '对象',
  activeAlertList: '未解除告警',
  alertHistory: '历史',
  showHistory: '查看历史',
  noAlerts: '没有未解除的告警。',
  acknowledge: '确认',
  acknowledged: '确认人',
  cleared: '已解除',
  raised: '发生',
  kind: '告警',
  cardsIssued: '每日发卡数',
  withdrawals: '每日取款笔数',
  day: '日期',
  count: '数量',
  noData: '这些天没有业务。',
  refused: '被拒绝',
  journalExtracts: '流水摘录',
  noExtracts: '还没有上传的流水摘录。',
  download: '下载',
  from: '起',
  to: '止',
  transactions: '交易笔数',
  size: '大小',
  received: '收到',
  ...contractLabelsZh,
  ...eventLabelsZh,
  ...fleetListLabelsZh,
  ...codeLabelsZh,
  ...reasonLabelsZh,
};

export const LABELS: Record<Language, Labels> = { en, 'zh-CN': zhCN };

export function initialLanguage(): Language {
  return navigator.language.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}

export interface LabelsContextValue {
  readonly language: Language;
  readonly t: Labels;
  setLanguage(language: Language): void;
}

export const LabelsContext = createContext<LabelsContextValue>({
  language: 'en',
  t: en,
  setLanguage: () => undefined,
});

export const useLabels = (): LabelsContextValue => useContext(LabelsContext);

/**
 * A label by a key made at run time from a closed list (a state, level, alert kind...): typed, so
 * a value without words fails to compile, and no fallback to the raw value.
 */
export function labelOf(t: Labels, key: LabelKey): string {
  return t[key];
}

/**
 * A value of an open list (a device or supply as a kiosk names it, which the contract checks only
 * by form): its words, or "unknown (x)" / "未知 (x)" for one this page has no words for yet.
 */
export function openLabelOf(t: Labels, prefix: string, value: string): string {
  return (t as Record<string, string>)[`${prefix}_${value}`] ?? t.unknownValue.replace('{x}', value);
}

/** A device's name: `receiptPrinter` → "Receipt printer". */
export function deviceName(t: Labels, kind: string): string {
  return openLabelOf(t, 'device', kind);
}

/**
 * A supply's name: `cassette:upper` → "Cash (upper cassette)", `cassette:cassette3` → "Cash
 * (cassette 3)", `cassette:A1` → "Cash (cassette A1)"; a supply the page has no words for reads
 * "unknown (x)".
 */
export function supplyName(t: Labels, name: string): string {
  const [base, part] = name.split(':');
  const label = openLabelOf(t, 'supply', base ?? name);
  if (!part) return label;
  const numbered = /^cassette(\d+)$/.exec(part);
  const words = numbered
    ? t.cassetteNumber.replace('{n}', numbered[1]!)
    : ((t as Record<string, string>)[`cassette_${part}`] ?? t.cassetteNamed.replace('{x}', part));
  return `${label} (${words})`;
}
