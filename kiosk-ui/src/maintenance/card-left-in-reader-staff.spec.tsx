/**
 * Fault: a card left in the card reader for staff (a card move the reader did not answer, or one
 * boot recovery could not capture: CARD_LEFT_IN_READER). The resident is told why card services are
 * paused; the engineer at the kiosk saw a working card reader and nothing else. The card reader's
 * row now says a card is left there and what the log-out self test does with it. A card left in the
 * slot of a reader that cannot capture it (a motorless presence reader, ADR 0002) is named as in the
 * slot; a reader that has not said yet whether it holds a card (its position unknown) is not shown as
 * holding one: staff read that a card may be inside.
 */
import { en } from '../i18n/messages.en';
import { zhCN } from '../i18n/messages.zh-CN';
import { renderForSpec } from '../screens/render-for-spec';
import { HomeScreen } from '../screens/home-screen';
import { StatusScreen } from '../screens/status-screen';
import type { CardLeftForStaff } from '@kiosk/domain';
import { cardLeftOf, StaffDeviceRow } from './staff-device-row';

const reader = { kind: 'cardReader', state: 'online', fault: null, missingReader: null } as const;
const row = (cardLeft: CardLeftForStaff | undefined, locale: 'en' | 'zh-CN') =>
  renderForSpec(
    <StaffDeviceRow device={reader} busy={false} mayClear onClear={() => undefined} cardLeft={cardLeft} />,
    locale,
  );

describe('a card left in the reader for staff', () => {
  it('card left in the reader: the card reader’s row tells staff, in both languages', () => {
    expect(row('inside', 'en')).toContain(
      'A card is left in the card reader for staff (no session owns it); card services are held back.',
    );
    expect(row('inside', 'en')).toContain('hands it out at the slot');
    expect(row('inside', 'zh-CN')).toContain('读卡器内留有一张卡片待工作人员处理');
    expect(row('inside', 'zh-CN')).toContain('退出时的自检会把卡片退到卡口');
    expect(row(undefined, 'en')).not.toContain('staff-card-left');
  });

  it('card left in a presence reader’s slot: staff read it is in the slot, in both languages', () => {
    expect(row('atSlot', 'en')).toContain('A card is left in the card reader’s slot');
    expect(row('atSlot', 'en')).toContain('this reader cannot take it back');
    expect(row('atSlot', 'zh-CN')).toContain('读卡器卡口留有一张卡片');
    expect(row('atSlot', 'en')).not.toContain('A card is left in the card reader for staff');
  });

  it('card-may-be-in-reader: a reader that has not said is not shown holding a card, staff read one may be inside', () => {
    expect(row('maybe', 'en')).toContain(
      'The card reader has not said yet whether a card is inside (it is starting, or lost its link): a card may be in it.',
    );
    expect(row('maybe', 'zh-CN')).toContain('读卡器尚未报告其中是否有卡');
    expect(row('maybe', 'en')).not.toContain('A card is left');
    // a daemon of an earlier release sends the boolean alone
    expect(cardLeftOf({ cardLeftInReader: true })).toBe('inside');
    expect(cardLeftOf({ cardLeftInReader: false })).toBeUndefined();
    expect(cardLeftOf({ cardLeftInReader: false, cardLeft: 'maybe' })).toBe('maybe');
  });

  it('the resident reads why card services are paused, in both languages, never the code', () => {
    for (const [locale, words] of [
      ['en', en.reasons.CARD_LEFT_IN_READER],
      ['zh-CN', zhCN.reasons.CARD_LEFT_IN_READER],
    ] as const) {
      const home = renderForSpec(
        <HomeScreen journeys={['issueCard', 'reportLoss']} degradedReason="CARD_LEFT_IN_READER" />,
        locale,
      );
      const down = renderForSpec(<StatusScreen kind="outOfService" reason="CARD_LEFT_IN_READER" />, locale);
      for (const html of [home, down]) {
        expect(html).toContain(words);
        expect(html).not.toContain('CARD_LEFT_IN_READER');
      }
    }
  });
});
