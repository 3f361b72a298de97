/**
 * The fault: an out-of-service kiosk whose self test failed read "Self-test failed" alone on the
 * dashboard, in its detail and in its event list: the operator could not tell whom to send with
 * what. Now the cause the kiosk tells (the status's and the `recoveryNeedsStaff` event's `cause`)
 * follows the reason in words, in both languages, its code beside them for field engineers; a
 * kiosk that tells none (an older release) reads as before.
 */
import { describe, expect, it } from '@jest/globals';
import { LABELS, type Language } from '../i18n/labels';
import { describeEvent, eventRawCode } from './describe-event';
import { kioskDetailOf, reasonLineOf } from './kiosk-detail.spec-support';

const detail = (cause: string | null) => kioskDetailOf({ reason: 'SELF_TEST_FAILED', cause });

/** the detail's reason and cause as read, the small code as [CODE] */
const summary = (cause: string | null, language: Language) => reasonLineOf(detail(cause), language);

const event = {
  id: '0b5e0f6a-8d51-4c1b-9a43-2f0d8f9e7c11',
  kioskId: 'JZ-0001',
  seq: 3,
  at: '2026-11-29T04:00:00.000Z',
  type: 'recoveryNeedsStaff',
  code: 'SELF_TEST_FAILED',
} as const;

describe('a failed self test cause on the dashboard', () => {
  it('the kiosk detail says the reason, then its cause in words, each code beside', () => {
    expect(summary('CARD_POSITION_UNKNOWN', 'en')).toBe(
      'Self-test failed [SELF_TEST_FAILED]: Card reader silent at boot: card whereabouts unknown [CARD_POSITION_UNKNOWN]',
    );
    expect(summary('CARD_POSITION_UNKNOWN', 'zh-CN')).toBe(
      '自检未通过 [SELF_TEST_FAILED]: 启动时读卡器未报告：卡片去向不明 [CARD_POSITION_UNKNOWN]',
    );
  });

  it('fault: a withdrawal recovery could not decide read "Session interrupted": now it says money may be owed, a card making says the card, in both languages', () => {
    expect(summary('WITHDRAWAL_UNDECIDED', 'en')).toBe(
      'Self-test failed [SELF_TEST_FAILED]: Withdrawal undecided: money may be owed, a supervisor settles it [WITHDRAWAL_UNDECIDED]',
    );
    expect(summary('WITHDRAWAL_UNDECIDED', 'zh-CN')).toBe(
      '自检未通过 [SELF_TEST_FAILED]: 取款无法判定：可能欠款，需主管处理 [WITHDRAWAL_UNDECIDED]',
    );
    expect(summary('CARD_MAKING_UNDECIDED', 'en')).toBe(
      'Self-test failed [SELF_TEST_FAILED]: Card making undecided after a restart: staff look for the card and settle it [CARD_MAKING_UNDECIDED]',
    );
    expect(summary('CARD_MAKING_UNDECIDED', 'zh-CN')).toBe(
      '自检未通过 [SELF_TEST_FAILED]: 重启后制卡无法判定：需工作人员查找卡片并处理 [CARD_MAKING_UNDECIDED]',
    );
    const told = { ...event, cause: 'WITHDRAWAL_UNDECIDED' };
    expect(describeEvent(LABELS['zh-CN'], told)).toBe('自检未通过: 取款无法判定：可能欠款，需主管处理');
  });

  it('a kiosk that tells no cause (an older release) reads as before; one without words shows it as sent', () => {
    expect(summary(null, 'en')).toBe('Self-test failed [SELF_TEST_FAILED]');
    expect(summary('PRESENCE_SENSOR_DEAD', 'en')).toBe(
      'Self-test failed [SELF_TEST_FAILED]: PRESENCE_SENSOR_DEAD',
    );
  });

  it('the recoveryNeedsStaff event says what the self test failed of, in both languages', () => {
    const told = { ...event, cause: 'CARD_POSITION_UNKNOWN' };
    expect(describeEvent(LABELS.en, told)).toBe(
      'Self-test failed: Card reader silent at boot: card whereabouts unknown',
    );
    expect(describeEvent(LABELS['zh-CN'], told)).toBe('自检未通过: 启动时读卡器未报告：卡片去向不明');
    expect(eventRawCode(LABELS.en, told)).toBe('SELF_TEST_FAILED');
    expect(describeEvent(LABELS.en, event)).toBe('Self-test failed');
  });
});
