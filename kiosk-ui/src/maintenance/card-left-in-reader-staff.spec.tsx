/**
 * Fault: a card left in the card reader for staff (a card move the reader did not answer, or one
 * boot recovery could not capture: CARD_LEFT_IN_READER). The resident is told why card services are
 * paused; the engineer at the kiosk saw a working card reader and nothing else. The card reader's
 * row now says a card is left there and what the log-out self test does with it.
 */
import { en } from '../i18n/messages.en';
import { zhCN } from '../i18n/messages.zh-CN';
import { renderForSpec } from '../screens/render-for-spec';
import { HomeScreen } from '../screens/home-screen';
import { StatusScreen } from '../screens/status-screen';
import { StaffDeviceRow } from './staff-device-row';

const reader = { kind: 'cardReader', state: 'online', fault: null, missingReader: null } as const;
const row = (cardLeft: boolean, locale: 'en' | 'zh-CN') =>
  renderForSpec(
    <StaffDeviceRow device={reader} busy={false} mayClear onClear={() => undefined} cardLeft={cardLeft} />,
    locale,
  );

describe('a card left in the reader for staff', () => {
  it('card left in the reader: the card reader’s row tells staff, in both languages', () => {
    expect(row(true, 'en')).toContain(
      'A card is left in the card reader for staff (no session owns it); card services are held back.',
    );
    expect(row(true, 'en')).toContain('hands it out at the slot');
    expect(row(true, 'zh-CN')).toContain('读卡器内留有一张卡片待工作人员处理');
    expect(row(true, 'zh-CN')).toContain('退出时的自检会把卡片退到卡口');
    expect(row(false, 'en')).not.toContain('staff-card-left');
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
