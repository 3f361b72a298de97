/**
 * The session is over but the ID card it read still lies on the reader: the screen asks the
 * resident to take it, in both languages, with the take countdown and nothing to press.
 */
import { balanceSession } from './sample-views';
import { presentationOf } from './step-presentations';
import { renderSession as render } from './session-screen.spec-support';

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
