/**
 * Someone else's card refused at a damaged-card hand-in (ID_MISMATCH, ADR 0014) is given back at
 * the slot: the take-card, retracting and ended screens word it as that card, never "your card".
 */
import { ErrorCode, type SessionStep } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

const refused = (step: SessionStep, extra: Partial<JourneyView> = {}): JourneyView =>
  balanceSession({
    journey: 'replaceCard',
    step,
    error: { code: ErrorCode.ID_MISMATCH, message: 'not the holder' },
    notHoldersCard: true,
    ...extra,
  });

describe('someone else’s card at the damaged-card hand-in', () => {
  it('take-card screen: asks to take this card back, not "your card", with the refusal, in both languages', () => {
    const zh = render(refused('takeCard'), 'zh-CN');
    expect(zh).toContain('请取回这张卡片');
    expect(zh).toContain('这不是您本人的社保卡');
    expect(zh).not.toContain('请取走您的卡片');
    expect(zh).toContain('身份证与社保卡不是同一人');
    const en = render(refused('takeCard'), 'en');
    expect(en).toContain('Please take this card back');
    expect(en).toContain('It is not your card.');
    expect(en).not.toContain('Please take your card');
  });

  it('retracting: keeping this card, not "your card"', () => {
    expect(render(refused('retractingCard'), 'en')).toContain('Keeping this card');
    expect(render(refused('retractingCard'), 'en')).not.toContain('Keeping your card');
    expect(render(refused('retractingCard'), 'zh-CN')).toContain('正在回收这张卡片');
  });

  it('left at the slot and retracted: the ended screen says the card was not the resident’s, in both languages', () => {
    const kept = refused('ended', {
      outcome: 'cardRetracted',
      error: { code: ErrorCode.CARD_NOT_TAKEN_RETRACTED, message: 'kept' },
    });
    const en = render(kept, 'en');
    expect(en).toContain('The card was kept');
    expect(en).toContain('The card that is not yours was not taken');
    expect(en).not.toContain('Your card');
    expect(en).not.toContain('give it back to you');
    const zh = render(kept, 'zh-CN');
    expect(zh).toContain('这张卡片已被回收');
    expect(zh).toContain('持卡人可找工作人员领回');
    expect(zh).not.toContain('请找工作人员领回卡片');
  });

  it('the resident’s own card keeps its words', () => {
    expect(render(balanceSession({ step: 'takeCard' }), 'zh-CN')).toContain('请取走您的卡片');
    const kept = balanceSession({
      step: 'ended',
      outcome: 'cardRetracted',
      error: { code: ErrorCode.CARD_NOT_TAKEN_RETRACTED, message: 'kept' },
    });
    expect(render(kept, 'en')).toContain('Your card was kept');
    expect(render(kept, 'en')).toContain('give it back to you');
  });
});
