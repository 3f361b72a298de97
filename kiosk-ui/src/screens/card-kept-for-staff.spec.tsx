/**
 * The fault: a session that ended with the card left in the kiosk (the reader did not answer a
 * card move, DEVICE_TIMEOUT past its bound, or its retract failed; ADR 0016) showed the code's
 * generic words, "try again", while the card stays inside the kiosk. Where the view says the card
 * is kept for staff, the resident reads that and to ask staff for it, in both languages.
 */
import { ErrorCode } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

const ended = (code: ErrorCode, extra: Partial<JourneyView> = {}): JourneyView =>
  balanceSession({
    step: 'ended',
    outcome: 'failed',
    error: { code, message: 'the reader' },
    ...extra,
  });

describe('the card left in the kiosk for staff', () => {
  it.each([ErrorCode.DEVICE_TIMEOUT, ErrorCode.DEVICE_BIN_FULL])(
    'card move unanswered or retract failed (%s): the card stays in the kiosk, ask staff, never try again, in both languages',
    (code) => {
      const en = render(ended(code, { cardKeptForStaff: true }), 'en');
      expect(en).toContain(
        'Your card stays inside the kiosk. Please ask the staff at the service counter for it',
      );
      expect(en).not.toContain('Please try again.');
      const zh = render(ended(code, { cardKeptForStaff: true }), 'zh-CN');
      expect(zh).toContain('您的卡片留在本机内，请到服务窗口找工作人员领回');
      expect(zh).not.toContain('请再试一次');
    },
  );

  it('someone else’s card left in the kiosk: its holder asks staff, not "your card"', () => {
    const en = render(
      ended(ErrorCode.DEVICE_TIMEOUT, { cardKeptForStaff: true, notHoldersCard: true }),
      'en',
    );
    expect(en).toContain('The card stays inside the kiosk. Its holder can ask the staff');
    expect(en).not.toContain('Your card stays');
  });

  it('a reader timeout where the card is not kept keeps the code’s words', () => {
    expect(render(ended(ErrorCode.DEVICE_TIMEOUT), 'en')).toContain('Please try again.');
    expect(render(ended(ErrorCode.DEVICE_TIMEOUT), 'en')).not.toContain('stays inside the kiosk');
  });
});
