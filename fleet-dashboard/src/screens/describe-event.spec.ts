import { describe, expect, it } from '@jest/globals';
import { DEVICE_STATES, MAINTENANCE_ACTIONS, TelemetryEventSchema } from '@kiosk/fleet-monitor/contract';
import { LABELS, labelOf } from '../i18n/labels';
import { describeEvent } from './describe-event';

const base = {
  id: '0b5e0f6a-8d51-4c1b-9a43-2f0d8f9e7c11',
  kioskId: 'JZ-0001',
  seq: 3,
  at: '2026-11-27T01:00:00.000Z',
};

describe('kiosk events on the dashboard', () => {
  it('names the device in the page language and keeps the kiosk codes as sent', () => {
    const fault = { ...base, type: 'deviceFault', device: 'cardPrinter', code: 'CARD_PRINTER_JAM' } as const;
    expect(describeEvent(LABELS.en, fault)).toBe('Card printer: CARD_PRINTER_JAM');
    expect(describeEvent(LABELS['zh-CN'], fault)).toBe('制卡机: CARD_PRINTER_JAM');
    expect(describeEvent(LABELS.en, { ...base, type: 'eventsDropped', count: 12 })).toBe('12');
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
    expect(describeEvent(LABELS.en, back)).toBe('Returned to service REMOTE_OUT_OF_SERVICE');
    expect(describeEvent(LABELS['zh-CN'], back)).toBe('恢复服务 REMOTE_OUT_OF_SERVICE');
    const emptied = {
      ...base,
      type: 'maintenance',
      action: 'emptyBin',
      supply: 'cassette:reject',
      count: 0,
    } as const;
    expect(describeEvent(LABELS.en, emptied)).toBe('Bin emptied: Cash (reject), × 0');
  });

  it('every maintenance action, event type and device state of the contract has words in both languages', () => {
    const types = TelemetryEventSchema.options.map((option) => option.shape.type.value);
    expect(types).toContain('maintenance');
    for (const labels of [LABELS.en, LABELS['zh-CN']]) {
      for (const action of MAINTENANCE_ACTIONS)
        expect(labelOf(labels, `maintenance_${action}`)).not.toBe(action);
      for (const type of types) expect(labelOf(labels, `eventType_${type}`)).not.toBe(type);
      for (const state of DEVICE_STATES) expect(labelOf(labels, `deviceState_${state}`)).not.toBe(state);
    }
    expect(LABELS['zh-CN'].maintenance_refill).not.toBe(LABELS.en.maintenance_refill);
  });
});
