/**
 * Fault: a card not taken from a reader that cannot capture it (a motorless presence reader, ADR
 * 0002) ended the session with the retract's refusal on the screen ("This reader has no capture bin")
 * and the card kept for staff, while the card still stuck out of the slot. Now the view says the card
 * was left in the slot (`cardLeftInSlot`, CARD_LEFT_IN_SLOT): the resident reads the take-card prompt
 * again and that the card is still in the slot, to take it now, in both languages, never "ask staff
 * for it" nor "try again".
 */
import { ErrorCode } from '@kiosk/domain';
import { balanceSession } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

const leftInSlot = balanceSession({
  step: 'ended',
  outcome: 'failed',
  cardLeftInSlot: true,
  error: {
    code: ErrorCode.CARD_LEFT_IN_SLOT,
    message: 'Your card is still in the slot; please take it now.',
  },
});

describe('the card left in a presence reader’s slot', () => {
  it('card-left-in-presence-reader-not-retracted: the resident is told to take the card still in the slot, in both languages', () => {
    const en = render(leftInSlot, 'en');
    expect(en).toContain('Please take your card');
    expect(en).toContain('Your card is still in the slot.');
    expect(en).toContain('Please take your card from the slot now.');
    expect(en).not.toContain('Service not completed');
    expect(en).not.toContain('ask the staff');
    expect(en).not.toContain('Please try again.');
    const zh = render(leftInSlot, 'zh-CN');
    expect(zh).toContain('请取走您的卡片');
    expect(zh).toContain('您的卡片仍在卡口。');
    expect(zh).toContain('请立即从卡口取走您的卡片。');
    expect(zh).not.toContain('请再试一次');
  });
});
