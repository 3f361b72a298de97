/**
 * The words for what kiosks report, in English and Simplified Chinese: each event type, each
 * maintenance action field staff took, each item a device retracted and each device state (the
 * type makes a new one without words fail to compile). Merged into the page's labels (`labels.ts`).
 */
import type { KioskDetailView, KnownOnlineStatus, KnownTelemetryEvent } from '@kiosk/fleet-monitor/dashboard';

// the lists of this release (a newer kiosk's values are shown as sent, `openLabelOf`)
type MaintenanceAction = Extract<KnownTelemetryEvent, { type: 'maintenance' }>['action'];
type DeviceState = KnownOnlineStatus['devices'][number]['device'];
type RetractedItem = Extract<KnownTelemetryEvent, { type: 'retract' }>['item'];

export type EventLabels = Record<`eventType_${KioskDetailView['events'][number]['type']}`, string> &
  Record<`maintenance_${MaintenanceAction}`, string> &
  Record<`deviceState_${DeviceState}`, string> &
  Record<`retracted_${RetractedItem}`, string> & { readonly maintenanceStaff: string };

export const eventLabelsEn: EventLabels = {
  eventType_deviceFault: 'Device fault',
  eventType_faultCleared: 'Fault cleared',
  eventType_retract: 'Retracted',
  eventType_anomaly: 'Anomaly',
  eventType_recoveryNeedsStaff: 'Recovery needs staff',
  eventType_journeyOutcome: 'Journey',
  eventType_maintenance: 'Maintenance',
  eventType_eventsDropped: 'Events dropped',
  eventType_unknownType: 'Event of a newer kiosk',
  maintenance_login: 'Staff logged in',
  maintenance_loginRefused: 'Staff log-in refused',
  maintenance_selfTest: 'Self test run',
  maintenance_testReceipt: 'Test receipt printed',
  maintenance_logout: 'Staff logged out',
  maintenance_refill: 'Refilled',
  maintenance_emptyBin: 'Bin emptied',
  maintenance_testDispense: 'Test dispense',
  maintenance_testCard: 'Test card made',
  maintenance_clearFault: 'Fault cleared by staff',
  maintenance_settleWithdrawal: 'Withdrawal settled by staff',
  maintenance_settleCardMaking: 'Card making settled by staff',
  maintenance_returnToService: 'Returned to service',
  maintenanceStaff: 'staff',
  deviceState_online: 'Working',
  deviceState_offline: 'Not answering',
  deviceState_hardwareError: 'Hardware fault',
  deviceState_userError: 'Needs staff',
  deviceState_noDevice: 'Not fitted',
  deviceState_busy: 'Busy',
  deviceState_powerOff: 'Powered off',
  retracted_card: 'card retracted',
  retracted_notes: 'notes retracted',
  retracted_receipt: 'receipt retracted',
};

export const eventLabelsZh: EventLabels = {
  eventType_deviceFault: '设备故障',
  eventType_faultCleared: '故障已清除',
  eventType_retract: '回收',
  eventType_anomaly: '异常',
  eventType_recoveryNeedsStaff: '待人工处理',
  eventType_journeyOutcome: '业务办理',
  eventType_maintenance: '维护',
  eventType_eventsDropped: '事件丢失',
  eventType_unknownType: '新版终端的事件',
  maintenance_login: '维护人员登录',
  maintenance_loginRefused: '维护人员登录被拒',
  maintenance_selfTest: '已运行自检',
  maintenance_testReceipt: '已打印测试凭条',
  maintenance_logout: '维护人员退出',
  maintenance_refill: '补充耗材',
  maintenance_emptyBin: '清空箱体',
  maintenance_testDispense: '测试出钞',
  maintenance_testCard: '测试制卡',
  maintenance_clearFault: '人工清除故障',
  maintenance_settleWithdrawal: '人工处理取款',
  maintenance_settleCardMaking: '人工处理制卡',
  maintenance_returnToService: '恢复服务',
  maintenanceStaff: '工作人员',
  deviceState_online: '正常',
  deviceState_offline: '无响应',
  deviceState_hardwareError: '硬件故障',
  deviceState_userError: '需人工处理',
  deviceState_noDevice: '未安装',
  deviceState_busy: '忙',
  deviceState_powerOff: '已关机',
  retracted_card: '卡片已回收',
  retracted_notes: '钞票已回收',
  retracted_receipt: '凭条已回收',
};
