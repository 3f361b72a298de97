/**
 * The session is over but the ID card it read still lies on the reader: the screen asks the
 * resident to take it, in both languages, with the take countdown and nothing to press.
 */
import { balanceSession } from './sample-views';
import { renderForSpec } from './render-for-spec';
import { SessionScreen } from './session-screen';
import { presentationOf } from './step-presentations';
import type { JourneyView } from '../gateway/proposed-contract';

function render(view: JourneyView, locale: 'zh-CN' | 'en'): string {
  return renderForSpec(<SessionScreen view={view} presentation={presentationOf(view.step)} />, locale);
}

describe('the kiosk asks the resident to take their ID card', () => {
  const view = balanceSession({ journey: 'reportLoss', step: 'takeIdCard' });

  it('has a screen of its own, with nothing to press', () => {
    expect(presentationOf('takeIdCard')).toEqual({ layout: 'takeIdCard' });
  });

  it('words it in both languages', () => {
    expect(render(view, 'en')).toContain('Please take your ID card');
    expect(render(view, 'zh-CN')).toContain('请取走您的身份证');
    expect(render(view, 'en')).not.toContain('Please wait');
  });
});
