/**
 * RULES.md: a replacement's old card is reported lost or handed in damaged. Where the kiosk takes
 * damaged cards in, the screen asks which, in both languages, then asks for the old card.
 */
import type { Locale, SessionStep } from '@kiosk/domain';
import { renderForSpec } from './render-for-spec';
import { presentationOf } from './step-presentations';
import { SessionScreen } from './session-screen';
import { balanceSession } from './sample-views';

function screen(step: SessionStep, locale: Locale): string {
  const view = balanceSession({ journey: 'replaceCard', step });
  return renderForSpec(<SessionScreen view={view} presentation={presentationOf(step)} />, locale);
}

describe('why a new card: lost, or damaged and handed in', () => {
  it.each<[Locale, string, string, string]>([
    ['en', 'Why do you need a new card?', 'I lost it', 'It is damaged, I have it here'],
    ['zh-CN', '请选择补卡原因', '卡已丢失', '卡已损坏，卡在身边'],
  ])('asks in %s with one button per reason and a way out', (locale, title, lost, damaged) => {
    const html = screen('replacementReason', locale);
    expect(html).toContain(title);
    expect(html).toMatch(new RegExp(`data-testid="reason-lost"[^>]*>.*${lost}`));
    expect(html).toMatch(new RegExp(`data-testid="reason-damaged"[^>]*>.*${damaged}`));
    expect(html).toContain('data-testid="cancel"');
  });

  it.each<[Locale, string]>([
    ['en', 'Insert your damaged card'],
    ['zh-CN', '请插入损坏的社保卡'],
  ])('asks in %s for the damaged card in the reader, then shows the hand-in as progress', (locale, title) => {
    expect(screen('insertOldCard', locale)).toContain(title);
    expect(presentationOf('insertOldCard').layout).toBe('waitForCard');
    expect(presentationOf('handingInOldCard').layout).toBe('progress');
  });
});
