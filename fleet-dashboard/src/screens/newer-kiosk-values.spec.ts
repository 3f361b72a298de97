import { describe, expect, it } from '@jest/globals';
import { LABELS } from '../i18n/labels';
import { describeEvent } from './describe-event';

const base = {
  id: '0b5e0f6a-8d51-4c1b-9a43-2f0d8f9e7c11',
  kioskId: 'JZ-0001',
  seq: 3,
  at: '2026-11-27T01:00:00.000Z',
};

/** what a kiosk one release ahead sends, as the monitor keeps it (ADR 0018): its new values as sent */
describe("a newer kiosk's events on the dashboard", () => {
  it("a kiosk's unknown journey and outcome are shown as sent, not as blank words", () => {
    const outcome = {
      ...base,
      type: 'journeyOutcome',
      journey: 'pension',
      outcome: 'handedToStaff',
      durationMs: 4000,
    } as const;
    expect(describeEvent(LABELS.en, outcome)).toBe('unknown (pension): unknown (handedToStaff)');
    expect(describeEvent(LABELS['zh-CN'], { ...outcome, journey: 'balance' })).toBe(
      '余额查询: 未知 (handedToStaff)',
    );
  });

  it("a kiosk's unknown maintenance action and retracted item are shown as sent", () => {
    const refill = {
      ...base,
      type: 'maintenance',
      action: 'refillCoins',
      device: 'coinHopper',
      count: 200,
    } as const;
    expect(describeEvent(LABELS.en, refill)).toBe('unknown (refillCoins): unknown (coinHopper), × 200');
    const retract = {
      ...base,
      type: 'retract',
      device: 'cardReader',
      item: 'coin',
      code: 'NOT_TAKEN_X',
    } as const;
    expect(describeEvent(LABELS.en, retract)).toBe('Card reader: unknown (coin) NOT_TAKEN_X');
  });

  it("a kiosk's event of an unknown type shows its type as sent with its device and code", () => {
    const event = {
      ...base,
      type: 'unknownType',
      sentType: 'coinJam',
      device: 'coinHopper',
      code: 'CARD_READER_JAM',
    } as const;
    expect(describeEvent(LABELS.en, event)).toBe(
      'unknown (coinJam) · unknown (coinHopper) · Card jammed in the reader',
    );
    expect(describeEvent(LABELS.en, { ...base, type: 'unknownType', sentType: 'doorOpened' })).toBe(
      'unknown (doorOpened)',
    );
  });
});
