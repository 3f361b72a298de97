import { describe, expect, it } from '@jest/globals';
import { LABELS } from '../i18n/labels';
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
    expect(
      describeEvent(LABELS.en, { ...base, type: 'maintenance', action: 'login', staffId: 'FS-0001' }),
    ).toBe('login FS-0001');
  });
});
