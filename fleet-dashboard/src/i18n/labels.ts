/**
 * Every word on the dashboard in English and Simplified Chinese. The page starts in the browser's
 * language (Chinese for zh-*, English otherwise); the language button switches.
 */
import { createContext, useContext } from 'react';
import { eventLabelsEn, eventLabelsZh } from './event-labels';
import { fleetListLabelsEn, fleetListLabelsZh } from './fleet-list-labels';

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
  role_viewer: 'viewer',
  role_operator: 'operator',
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
  noKiosks: 'No kiosk has reported yet.',
  findKiosk: 'Find a kiosk or hall',
  attentionOnly: 'Only kiosks needing attention',
  noMatch: 'No kiosk matches.',
  newAlert: 'New alert',
  hallSummary: 'Kiosks',
  journey_balance: 'Balance',
  journey_records: 'Records',
  journey_withdraw: 'Withdrawal',
  journey_issueCard: 'New card',
  journey_replaceCard: 'Replacement card',
  journey_activatePin: 'PIN activation',
  journey_changePin: 'PIN change',
  journey_resetPin: 'PIN reset',
  journey_reportLoss: 'Loss report',
  outcome_completed: 'completed',
  outcome_cancelled: 'cancelled',
  outcome_failed: 'failed',
  outcome_timedOut: 'timed out',
  back: 'Back to the fleet',
  devices: 'Devices',
  device: 'Device',
  deviceState: 'State',
  fault: 'Fault',
  journeysOffered: 'Services offered',
  none: 'none',
  recentEvents: 'Recent events',
  noEvents: 'No events yet.',
  commands: 'Commands',
  commandHistory: 'Commands sent',
  noCommands: 'No commands sent yet.',
  viewerNoCommands: 'Viewers can look but not send commands.',
  cmd_outOfService: 'Out of service',
  cmd_inService: 'In service',
  cmd_restart: 'Restart',
  cmd_runSelfTest: 'Run self-test',
  cmd_uploadJournalExtract: 'Upload journal extract',
  commandSent: 'Command sent',
  awaitingAck: 'waiting for the kiosk',
  until: 'until',
  commandExpired: 'expired: the kiosk was not back in time',
  waitsForKiosk: 'the kiosk is offline: it gets the command when it is back, until',
  result_done: 'done',
  result_rejected: 'refused',
  result_failed: 'failed',
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
  alert_offline: 'Offline',
  alert_supplyLow: 'Supply low',
  alert_supplyEmpty: 'Supply empty',
  alert_deviceFault: 'Device fault',
  alert_anomaly: 'Anomaly',
  alert_recoveryNeedsStaff: 'Recovery needs staff',
  offline_LAST_WILL: 'Connection lost',
  offline_HEARTBEAT_MISSED: 'Heartbeats missed',
  offline_SHUTDOWN: 'Shut down',
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
  ...eventLabelsEn,
  ...fleetListLabelsEn,
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
  role_viewer: '查看员',
  role_operator: '操作员',
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
  noKiosks: '还没有终端上报。',
  findKiosk: '查找终端或大厅',
  attentionOnly: '只看需要处理的终端',
  noMatch: '没有符合的终端。',
  newAlert: '新告警',
  hallSummary: '终端数',
  journey_balance: '余额查询',
  journey_records: '明细查询',
  journey_withdraw: '个人账户取款',
  journey_issueCard: '即时制卡',
  journey_replaceCard: '补换卡',
  journey_activatePin: '激活密码',
  journey_changePin: '修改密码',
  journey_resetPin: '重置密码',
  journey_reportLoss: '挂失',
  outcome_completed: '完成',
  outcome_cancelled: '取消',
  outcome_failed: '失败',
  outcome_timedOut: '超时',
  back: '返回终端列表',
  devices: '设备',
  device: '设备',
  deviceState: '状态',
  fault: '故障',
  journeysOffered: '可办业务',
  none: '无',
  recentEvents: '最近事件',
  noEvents: '还没有事件。',
  commands: '指令',
  commandHistory: '已发指令',
  noCommands: '还没有发出指令。',
  viewerNoCommands: '查看员只能查看，不能发指令。',
  cmd_outOfService: '暂停服务',
  cmd_inService: '恢复服务',
  cmd_restart: '重启',
  cmd_runSelfTest: '自检',
  cmd_uploadJournalExtract: '上传流水摘录',
  commandSent: '指令已发出',
  awaitingAck: '等待终端确认',
  until: '截至',
  commandExpired: '已过期：终端未在时限内上线',
  waitsForKiosk: '终端离线：上线后执行，截至',
  result_done: '已完成',
  result_rejected: '被拒绝',
  result_failed: '失败',
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
  alert_offline: '离线',
  alert_supplyLow: '耗材不足',
  alert_supplyEmpty: '耗材用完',
  alert_deviceFault: '设备故障',
  alert_anomaly: '异常',
  alert_recoveryNeedsStaff: '需人工恢复',
  offline_LAST_WILL: '连接中断',
  offline_HEARTBEAT_MISSED: '心跳超时',
  offline_SHUTDOWN: '已关机',
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
  ...eventLabelsZh,
  ...fleetListLabelsZh,
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

/** A label by a key made at run time (a state, level, kind...), or the key itself when there is none. */
export function labelOf(t: Labels, key: string): string {
  return (t as Record<string, string>)[key] ?? key.replace(/^[a-z]+_/, '');
}

/** A device's name: `receiptPrinter` → "Receipt printer". */
export function deviceName(t: Labels, kind: string): string {
  return labelOf(t, `device_${kind}`);
}

/**
 * A supply's name: `cassette:upper` → "Cash (upper cassette)", `cassette:cassette3` → "Cash
 * (cassette 3)"; a part the dashboard has no words for is shown as the kiosk named it.
 */
export function supplyName(t: Labels, name: string): string {
  const [base, part] = name.split(':');
  const label = labelOf(t, `supply_${base}`);
  if (!part) return label;
  const numbered = /^cassette(\d+)$/.exec(part);
  const words = numbered
    ? t.cassetteNumber.replace('{n}', numbered[1]!)
    : ((t as Record<string, string>)[`cassette_${part}`] ?? part);
  return `${label} (${words})`;
}
