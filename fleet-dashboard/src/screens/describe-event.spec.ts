import { describe, expect, it } from '@jest/globals';
import { DEVICE_KINDS, JOURNEYS } from '@kiosk/domain';
import {
  COMMAND_RESULTS,
  COMMAND_TYPES,
  DEVICE_STATES,
  JOURNEY_OUTCOMES,
  KIOSK_MODES,
  MAINTENANCE_ACTIONS,
  SUPPLY_LEVELS,
  TelemetryEventSchema,
} from '@kiosk/fleet-monitor/contract';
import { kioskState } from '../connection/dashboard-state';
import { ALERT_KINDS, OFFLINE_ALERT_CODES, OPERATOR_ROLES } from '@kiosk/fleet-monitor/dashboard';
import { CASSETTE_IDS, SUPPLY_NAMES } from '../i18n/fleet-list-labels';
import { deviceName, LABELS, labelOf, openLabelOf, supplyName, type Labels } from '../i18n/labels';
import { alertCode, alertRawCode, alertSubject } from './alert-table';
import { describeEvent, eventRawCode } from './describe-event';

const base = {
  id: '0b5e0f6a-8d51-4c1b-9a43-2f0d8f9e7c11',
  kioskId: 'JZ-0001',
  seq: 3,
  at: '2026-11-27T01:00:00.000Z',
};

describe('kiosk events on the dashboard', () => {
  it('names the device and the kiosk codes in the page language, the code as sent kept beside them', () => {
    const fault = { ...base, type: 'deviceFault', device: 'cardPrinter', code: 'CARD_PRINTER_JAM' } as const;
    expect(describeEvent(LABELS.en, fault)).toBe('Card printer: Card jammed in the card printer');
    expect(describeEvent(LABELS['zh-CN'], fault)).toBe('制卡机: 卡片卡在制卡机内');
    expect(eventRawCode(LABELS['zh-CN'], fault)).toBe('CARD_PRINTER_JAM');
    // a code the page has no words for (not one of domain's ErrorCode) stays as sent, once
    const unknown = { ...fault, device: 'cashDispenser', code: 'DISPENSER_JAM' } as const;
    expect(describeEvent(LABELS.en, unknown)).toBe('Cash dispenser: DISPENSER_JAM');
    expect(eventRawCode(LABELS.en, unknown)).toBeUndefined();
    expect(describeEvent(LABELS.en, { ...base, type: 'eventsDropped', count: 12 })).toBe('12');
    const retract = {
      ...base,
      type: 'retract',
      device: 'cardReader',
      item: 'card',
      code: 'CARD_NOT_TAKEN_RETRACTED',
    } as const;
    expect(describeEvent(LABELS.en, retract)).toBe('Card reader: Card not taken, retracted');
    expect(describeEvent(LABELS['zh-CN'], retract)).toBe('读卡器: 卡片未取走，已回收');
    expect(eventRawCode(LABELS.en, retract)).toBe('CARD_NOT_TAKEN_RETRACTED');
    expect(describeEvent(LABELS.en, { ...retract, code: 'CARD_STUCK' })).toBe(
      'Card reader: card retracted CARD_STUCK',
    );
    const failed = {
      ...base,
      type: 'journeyOutcome',
      journey: 'withdraw',
      outcome: 'failed',
      code: 'HOST_TIMEOUT',
      durationMs: 1,
    } as const;
    expect(describeEvent(LABELS.en, failed)).toBe('Withdrawal: failed · Back office timed out');
    expect(describeEvent(LABELS['zh-CN'], failed)).toBe('个人账户取款: 失败 · 后台应答超时');
    const anomaly = { ...base, type: 'anomaly', code: 'PIN_BLOCKED' } as const;
    expect(describeEvent(LABELS['zh-CN'], anomaly)).toBe('密码已锁定');
    expect(eventRawCode(LABELS['zh-CN'], anomaly)).toBe('PIN_BLOCKED');
    const journey = {
      ...base,
      type: 'journeyOutcome',
      journey: 'issueCard',
      outcome: 'timedOut',
      durationMs: 1,
    } as const;
    expect(describeEvent(LABELS.en, journey)).toBe('New card: timed out');
    expect(describeEvent(LABELS['zh-CN'], journey)).toBe('即时制卡: 超时');
  });

  it('says what field staff did in words, in both languages, with what on, how many, who and the code', () => {
    const login = { ...base, type: 'maintenance', action: 'login', staffId: 'FS-0001' } as const;
    expect(describeEvent(LABELS.en, login)).toBe('Staff logged in (staff FS-0001)');
    expect(describeEvent(LABELS['zh-CN'], login)).toBe('维护人员登录 (工作人员 FS-0001)');
    const refill = {
      ...base,
      type: 'maintenance',
      action: 'refill',
      staffId: 'FS-0002',
      device: 'receiptPrinter',
      supply: 'paper',
      count: 500,
    } as const;
    expect(describeEvent(LABELS.en, refill)).toBe('Refilled: Receipt printer, Paper, × 500 (staff FS-0002)');
    expect(describeEvent(LABELS['zh-CN'], refill)).toBe(
      '补充耗材: 凭条打印机, 凭条纸, × 500 (工作人员 FS-0002)',
    );
    const back = {
      ...base,
      type: 'maintenance',
      action: 'returnToService',
      code: 'REMOTE_OUT_OF_SERVICE',
    } as const;
    // the hold it released in words; the code as sent goes beside them in small text
    expect(describeEvent(LABELS.en, back)).toBe(
      'Returned to service · Held out of service from the fleet monitor',
    );
    expect(describeEvent(LABELS['zh-CN'], back)).toBe('恢复服务 · 已由监控中心暂停服务');
    expect(eventRawCode(LABELS.en, back)).toBe('REMOTE_OUT_OF_SERVICE');
    const emptied = {
      ...base,
      type: 'maintenance',
      action: 'emptyBin',
      supply: 'cassette:reject',
      count: 0,
    } as const;
    expect(describeEvent(LABELS.en, emptied)).toBe('Bin emptied: Cash (cassette reject), × 0');
    expect(describeEvent(LABELS['zh-CN'], emptied)).toBe('清空箱体: 现金 (钞箱 reject), × 0');
  });

  it('every maintenance action, event type, retracted item, device state, kiosk mode, supply level, device kind, journey, outcome, command, result, alert kind, offline cause and operator role of the contract has words in both languages', () => {
    const types = TelemetryEventSchema.options.map((option) => option.shape.type.value);
    expect(types).toContain('maintenance');
    const retracted = TelemetryEventSchema.options.find((option) => option.shape.type.value === 'retract')!
      .shape as { item: { options: readonly string[] } };
    // a key the table has (labelOf's fallback would hand back the raw value, or the key itself)
    const worded = (labels: Labels, key: string, raw: string): string | undefined => {
      const words = (labels as Record<string, string>)[key];
      return words === undefined || words === '' || words === raw ? undefined : words;
    };
    const expected: [key: string, raw: string][] = [
      ...MAINTENANCE_ACTIONS.map((action) => [`maintenance_${action}`, action] as [string, string]),
      ...types.map((type) => [`eventType_${type}`, type] as [string, string]),
      ...retracted.item.options.map((item) => [`retracted_${item}`, item] as [string, string]),
      ...DEVICE_STATES.map((state) => [`deviceState_${state}`, state] as [string, string]),
      ...KIOSK_MODES.map((mode) => {
        const state = kioskState({ connection: 'online', mode });
        return [`state_${state}`, mode] as [string, string];
      }),
      ['state_offline', 'offline'],
      ...SUPPLY_LEVELS.map((level) => [`level_${level}`, `${level}_raw`] as [string, string]),
      ...DEVICE_KINDS.map((kind) => [`device_${kind}`, kind] as [string, string]),
      ...SUPPLY_NAMES.map((name) => [`supply_${name}`, name] as [string, string]),
      ...CASSETTE_IDS.map((id) => [`cassette_${id}`, id] as [string, string]),
      ...JOURNEYS.map((journey) => [`journey_${journey}`, journey] as [string, string]),
      ...JOURNEY_OUTCOMES.map((outcome) => [`outcome_${outcome}`, `${outcome}_raw`] as [string, string]),
      ...COMMAND_TYPES.map((type) => [`cmd_${type}`, type] as [string, string]),
      ...COMMAND_RESULTS.map((result) => [`result_${result}`, `${result}_raw`] as [string, string]),
      ...ALERT_KINDS.map((kind) => [`alert_${kind}`, kind] as [string, string]),
      ...OFFLINE_ALERT_CODES.map((code) => [`offline_${code}`, code] as [string, string]),
      ...OPERATOR_ROLES.map((role) => [`role_${role}`, `${role}_raw`] as [string, string]),
    ];
    for (const labels of [LABELS.en, LABELS['zh-CN']])
      expect(expected.filter(([key, raw]) => worded(labels, key, raw) === undefined)).toEqual([]);
    // and the Chinese words are not the English ones
    for (const [key] of expected)
      expect([key, worded(LABELS['zh-CN'], key, '')]).not.toEqual([key, worded(LABELS.en, key, '')]);
  });

  it('words a value of an open list the page has no words for as unknown, in both languages, never raw alone', () => {
    expect(deviceName(LABELS.en, 'coinAcceptor')).toBe('unknown (coinAcceptor)');
    expect(deviceName(LABELS['zh-CN'], 'coinAcceptor')).toBe('未知 (coinAcceptor)');
    expect(supplyName(LABELS.en, 'toner')).toBe('unknown (toner)');
    expect(supplyName(LABELS['zh-CN'], 'cassette:A1')).toBe('现金 (钞箱 A1)');
    expect(openLabelOf(LABELS['zh-CN'], 'offline', 'BROKER_LOST')).toBe('未知 (BROKER_LOST)');
    expect(alertSubject(LABELS['zh-CN'], { key: 'offline', code: 'HEARTBEAT_MISSED' })).toBe('心跳超时');
    expect(alertSubject(LABELS.en, { key: 'offline', code: 'BROKER_LOST' })).toBe('unknown (BROKER_LOST)');
    expect(labelOf(LABELS['zh-CN'], 'alert_recoveryNeedsStaff')).toBe('需人工恢复');
    // a closed list's value without words does not compile (the dashboard's typecheck fails)
    // @ts-expect-error: no alert kind of that name in the contract
    expect(labelOf(LABELS.en, 'alert_newKind')).toBeUndefined();
  });

  it("shows a supply alert's level and a device fault's state in words beside its subject, a code as sent", () => {
    const empty = { key: 'supply/receiptPrinter/paper', code: 'empty' };
    expect(`${alertSubject(LABELS['zh-CN'], empty)} ${alertCode(LABELS['zh-CN'], empty)}`).toBe(
      '凭条打印机: 凭条纸 用完',
    );
    expect(alertCode(LABELS.en, { key: 'supply/cardPrinter/cardHopper/low', code: 'low' })).toBe('low');
    expect(alertCode(LABELS['zh-CN'], { key: 'supply/cardPrinter/cardHopper/low', code: 'low' })).toBe(
      '不足',
    );
    expect(alertCode(LABELS['zh-CN'], { key: 'fault/cashDispenser', code: 'hardwareError' })).toBe(
      '硬件故障',
    );
    expect(alertCode(LABELS.en, { key: 'fault/cashDispenser', code: 'DISPENSER_JAM' })).toBe('DISPENSER_JAM');
    // a fault code of domain's ErrorCode in words, the code as sent beside them
    const jam = { key: 'fault/cardReader', code: 'CARD_READER_JAM' };
    expect(`${alertSubject(LABELS.en, jam)} ${alertCode(LABELS.en, jam)}`).toBe(
      'Card reader Card jammed in the reader',
    );
    expect(`${alertSubject(LABELS['zh-CN'], jam)} ${alertCode(LABELS['zh-CN'], jam)}`).toBe(
      '读卡器 卡片卡在读卡器内',
    );
    expect(alertRawCode(jam)).toBe('CARD_READER_JAM');
    expect(alertRawCode({ code: 'hardwareError' })).toBeNull();
    expect(alertSubject(LABELS['zh-CN'], { key: 'anomaly/x', code: 'ANOMALY_BLOCKED' })).toBe('异常监控拦截');
    expect(alertCode(LABELS.en, { key: 'offline', code: 'LAST_WILL' })).toBe('LAST_WILL');
    expect(alertCode(LABELS.en, { key: 'anomaly/x', code: null })).toBeNull();
  });
});
