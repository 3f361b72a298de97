/**
 * The words for the monitor's and the kiosks' closed lists the dashboard shows, in English and
 * Simplified Chinese: alert kinds, an offline alert's codes, operator roles, journeys, journey
 * outcomes, commands and command results. Typed by the contract (fleet-monitor and domain), so a
 * new value without words fails to compile; the wording spec checks each key in both tables.
 * `unknownValue` words a value of an open list (a supply or device a kiosk names) the page has no
 * words for. Merged into the page's labels (`labels.ts`).
 */
import type { Journey } from '@kiosk/domain';
import type { AlertKind, CommandView, OfflineAlertCode, OperatorRole } from '@kiosk/fleet-monitor/dashboard';
import type { KnownTelemetryEvent } from '@kiosk/fleet-monitor/dashboard';

type JourneyOutcome = Extract<KnownTelemetryEvent, { type: 'journeyOutcome' }>['outcome'];

export type ContractLabels = Record<`alert_${AlertKind}`, string> &
  Record<`offline_${OfflineAlertCode}`, string> &
  Record<`role_${OperatorRole}`, string> &
  Record<`journey_${Journey}`, string> &
  Record<`outcome_${JourneyOutcome}`, string> &
  Record<`cmd_${CommandView['type']}`, string> &
  Record<`result_${NonNullable<CommandView['result']>}`, string> & {
    /** a value of an open list the page has no words for, `{x}` the value as sent */
    readonly unknownValue: string;
  };

export const contractLabelsEn: ContractLabels = {
  alert_offline: 'Offline',
  alert_supplyLow: 'Supply low',
  alert_supplyEmpty: 'Supply empty',
  alert_deviceFault: 'Device fault',
  alert_anomaly: 'Anomaly',
  alert_recoveryNeedsStaff: 'Recovery needs staff',
  alert_leftAtKiosk: 'Card or notes left: send staff',
  offline_LAST_WILL: 'Connection lost',
  offline_HEARTBEAT_MISSED: 'Heartbeats missed',
  offline_SHUTDOWN: 'Shut down',
  role_viewer: 'viewer',
  role_operator: 'operator',
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
  cmd_outOfService: 'Out of service',
  cmd_inService: 'In service',
  cmd_restart: 'Restart',
  cmd_runSelfTest: 'Run self-test',
  cmd_uploadJournalExtract: 'Upload journal extract',
  result_done: 'done',
  result_rejected: 'refused',
  result_failed: 'failed',
  unknownValue: 'unknown ({x})',
};

export const contractLabelsZh: ContractLabels = {
  alert_offline: '离线',
  alert_supplyLow: '耗材不足',
  alert_supplyEmpty: '耗材用完',
  alert_deviceFault: '设备故障',
  alert_anomaly: '异常',
  alert_recoveryNeedsStaff: '需人工恢复',
  alert_leftAtKiosk: '卡或现金遗留，需派人',
  offline_LAST_WILL: '连接中断',
  offline_HEARTBEAT_MISSED: '心跳超时',
  offline_SHUTDOWN: '已关机',
  role_viewer: '查看员',
  role_operator: '操作员',
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
  cmd_outOfService: '暂停服务',
  cmd_inService: '恢复服务',
  cmd_restart: '重启',
  cmd_runSelfTest: '自检',
  cmd_uploadJournalExtract: '上传流水摘录',
  result_done: '已完成',
  result_rejected: '被拒绝',
  result_failed: '失败',
  unknownValue: '未知 ({x})',
};
