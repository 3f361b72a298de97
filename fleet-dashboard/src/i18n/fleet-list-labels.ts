/**
 * The words of the fleet list (and the kiosk's devices): each kiosk state the list shows, each
 * supply level, device kind and supply the kiosks report, and the dispenser's cassettes, in
 * English and Simplified Chinese. Typed by the contract and the list's states, so a new value
 * without words fails to compile instead of showing its raw name. Merged into the page's labels
 * (`labels.ts`).
 */
import type { KnownOnlineStatus } from '@kiosk/fleet-monitor/dashboard';
import type { KioskState } from '../connection/dashboard-state';

// the lists of this release (a newer kiosk's values are shown as sent, `openLabelOf`)
type DeviceKind = KnownOnlineStatus['devices'][number]['kind'];
type SupplyLevel = KnownOnlineStatus['devices'][number]['supplies'][number]['level'];

/** The supplies the kiosks' drivers report (`cassette:<id>` is the cash, one per cassette). */
export const SUPPLY_NAMES = [
  'paper',
  'cardHopper',
  'ribbon',
  'retractBin',
  'captureBin',
  'rejectBin',
  'cassette',
] as const;

/** The dispenser's cassettes by the ids the daemon gives them (`cassette3` and on: `cassetteNumber`). */
export const CASSETTE_IDS = ['upper', 'lower'] as const;

export type FleetListLabels = Record<`state_${KioskState}`, string> &
  Record<`level_${SupplyLevel}`, string> &
  Record<`device_${DeviceKind}`, string> &
  Record<`supply_${(typeof SUPPLY_NAMES)[number]}`, string> &
  Record<`cassette_${(typeof CASSETTE_IDS)[number]}`, string> & {
    /** a further cassette, `{n}` its number */
    readonly cassetteNumber: string;
    /** a cassette by an id the page has no words for, `{x}` the id as the kiosk gives it */
    readonly cassetteNamed: string;
  };

export const fleetListLabelsEn: FleetListLabels = {
  state_online: 'Online',
  state_offline: 'Offline',
  state_starting: 'Starting',
  state_outOfService: 'Out of service',
  state_maintenance: 'Maintenance',
  state_degraded: 'Degraded',
  state_otherMode: 'Mode of a newer kiosk',
  level_ok: 'ok',
  level_low: 'low',
  level_empty: 'empty',
  level_full: 'full',
  level_missing: 'missing',
  level_unknown: 'unknown',
  supply_paper: 'Paper',
  supply_cardHopper: 'Card blanks',
  supply_ribbon: 'Ribbon',
  supply_retractBin: 'Retract bin',
  supply_captureBin: 'Capture bin',
  supply_rejectBin: 'Reject bin',
  supply_cassette: 'Cash',
  cassette_upper: 'upper cassette',
  cassette_lower: 'lower cassette',
  cassetteNumber: 'cassette {n}',
  cassetteNamed: 'cassette {x}',
  device_cardReader: 'Card reader',
  device_receiptPrinter: 'Receipt printer',
  device_cardPrinter: 'Card printer',
  device_cashDispenser: 'Cash dispenser',
  device_idReader: 'ID card reader',
  device_pinPad: 'PIN pad',
  device_camera: 'Camera',
};

export const fleetListLabelsZh: FleetListLabels = {
  state_online: '在线',
  state_offline: '离线',
  state_starting: '启动中',
  state_outOfService: '暂停服务',
  state_maintenance: '维护中',
  state_degraded: '部分服务',
  state_otherMode: '新版终端的状态',
  level_ok: '正常',
  level_low: '不足',
  level_empty: '用完',
  level_full: '已满',
  level_missing: '缺失',
  level_unknown: '未知',
  supply_paper: '凭条纸',
  supply_cardHopper: '空白卡',
  supply_ribbon: '色带',
  supply_retractBin: '回收箱',
  supply_captureBin: '吞卡箱',
  supply_rejectBin: '废卡箱',
  supply_cassette: '现金',
  cassette_upper: '上钞箱',
  cassette_lower: '下钞箱',
  cassetteNumber: '第{n}钞箱',
  cassetteNamed: '钞箱 {x}',
  device_cardReader: '读卡器',
  device_receiptPrinter: '凭条打印机',
  device_cardPrinter: '制卡机',
  device_cashDispenser: '出钞机',
  device_idReader: '身份证阅读器',
  device_pinPad: '密码键盘',
  device_camera: '摄像头',
};
