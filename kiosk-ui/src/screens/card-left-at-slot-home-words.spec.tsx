/**
 * Fault: a card left in a motorless ("presence") reader sticks out of its slot, yet the next person
 * at the kiosk read on the home screen only that "a card is left in the card reader" and that staff
 * must clear it: nothing said the card is the one in the slot, nor what to do with it. With the kiosk
 * view's `cardLeftAtSlot` the home screen says someone's card is in the slot and to hand it to staff,
 * in both languages; a card left in a motor reader reads as before.
 */
import type { KioskView } from '@kiosk/domain';
import { initialGatewayState } from '../gateway/gateway-state';
import { en } from '../i18n/messages.en';
import { zhCN } from '../i18n/messages.zh-CN';
import { HomeScreen } from './home-screen';
import { renderForSpec } from './render-for-spec';
import { kioskInService } from './sample-views';
import { screenFor } from './screen-for-view';

const held: KioskView = {
  ...kioskInService,
  mode: 'degraded',
  reason: 'CARD_LEFT_IN_READER',
  journeysOffered: ['reportLoss'],
};

function homeWords(kiosk: KioskView, locale: 'en' | 'zh-CN'): string {
  const screen = screenFor({ ...initialGatewayState, connection: 'connected', kiosk });
  if (screen.kind !== 'home') throw new Error(`not the home screen: ${screen.kind}`);
  const { kind: _, ...props } = screen;
  return renderForSpec(<HomeScreen {...props} />, locale);
}

describe('the home screen with a card left in the reader', () => {
  it('card-left-at-slot-home-words: a card in a presence reader’s slot: someone’s card in the slot, hand it to staff, both languages', () => {
    const atSlot = { ...held, cardLeftAtSlot: true as const };
    const english = homeWords(atSlot, 'en');
    expect(english).toContain('card is left sticking out of the card reader slot');
    expect(english).toContain('please hand it to staff');
    expect(english).not.toContain(en.reasons.CARD_LEFT_IN_READER);
    const chinese = homeWords(atSlot, 'zh-CN');
    expect(chinese).toContain('读卡器插卡口上有他人遗留的卡片');
    expect(chinese).toContain('请将卡片交给工作人员');
    expect(chinese).not.toContain(zhCN.reasons.CARD_LEFT_IN_READER);
  });

  it('a card left in a motor reader, or another reason with the flag: the reason’s words as before', () => {
    expect(homeWords(held, 'en')).toContain(en.reasons.CARD_LEFT_IN_READER);
    expect(homeWords(held, 'zh-CN')).toContain(zhCN.reasons.CARD_LEFT_IN_READER);
    const other = { ...held, reason: 'CARD_CAPTURE_BIN_FULL', cardLeftAtSlot: true as const };
    expect(homeWords(other, 'en')).toContain(en.reasons.CARD_CAPTURE_BIN_FULL);
  });
});
