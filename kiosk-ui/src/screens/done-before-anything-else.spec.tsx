/**
 * A card journey's end (records shown or printed, cash paid, a new PIN saved) leads to "anything
 * else?", which returns the card. Its button said "Finish and return my card" (结束并退卡): pressed,
 * the card stayed in and the next screen offered the same button again. It says "Done" (完成) now;
 * the screens that do return the card (the balance, "anything else?") keep "return my card".
 */
import type { SessionStep } from '@kiosk/domain';
import { balanceSession } from './sample-views';
import type { JourneyView } from '../gateway/proposed-contract';
import { renderSession as render } from './session-screen.spec-support';

describe('"return my card" on a button that leads to "anything else?"', () => {
  it.each<[string, SessionStep]>([
    ['records', 'showRecords'],
    ['records', 'recordsPrinted'],
    ['withdraw', 'cashWithdrawn'],
    ['activatePin', 'pinSaved'],
    ['changePin', 'pinSaved'],
    ['resetPin', 'pinSaved'],
  ])('%s, %s: "Done", in both languages', (journey, step) => {
    const view = balanceSession({ journey: journey as JourneyView['journey'], step });
    const en = render(view, 'en');
    const zh = render(view, 'zh-CN');
    expect(en).not.toContain('return my card');
    expect(en).toMatch(/data-testid="(primary|cancel)"[^>]*>(<[^>]+>)*Done</);
    expect(zh).not.toContain('结束并退卡');
    expect(zh).toMatch(/data-testid="(primary|cancel)"[^>]*>(<[^>]+>)*完成</);
  });

  it.each<SessionStep>(['showBalance', 'chooseJourney'])('%s, which returns the card, says so', (step) => {
    const view = balanceSession({ journey: 'records', step });
    expect(render(view, 'en')).toContain('Finish and return my card');
    expect(render(view, 'zh-CN')).toContain('结束并退卡');
  });
});
