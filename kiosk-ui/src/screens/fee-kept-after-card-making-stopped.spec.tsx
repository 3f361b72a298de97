/**
 * The fault: a device's fault that stopped card making after the resident paid the fee (the chip
 * station lost, the printer offline: DEVICE_OFFLINE down the reject road) ended on the code's
 * generic words ("a part of the kiosk is not working, use another kiosk"): the resident who had
 * just paid was not told the fee is kept with the application (ADR 0008: the card is made later
 * with no second fee). Where the view says the fee is kept, the resident reads that and where to
 * get the card, in both languages; a stop with no fee paid claims no fee.
 */
import { ErrorCode } from '@kiosk/domain';
import type { JourneyView } from '../gateway/proposed-contract';
import { balanceSession } from './sample-views';
import { renderSession as render } from './session-screen.spec-support';

const ended = (code: ErrorCode, extra: Partial<JourneyView> = {}): JourneyView =>
  balanceSession({
    journey: 'replaceCard',
    step: 'ended',
    outcome: 'failed',
    error: { code, message: 'The card printer cannot make a card right now.' },
    ...extra,
  });

describe('the fee kept when card making stops', () => {
  it.each([ErrorCode.DEVICE_OFFLINE, ErrorCode.CARD_MAKING_FAILED])(
    'card making stopped by a device fault after the fee is paid (%s): the fee is kept and what to do, in both languages',
    (code) => {
      const en = render(ended(code, { feeKept: true }), 'en');
      expect(en).toContain('Your paid fee is kept with your application');
      expect(en).toContain('you will not pay it again');
      expect(en).toContain('service counter');
      const zh = render(ended(code, { feeKept: true }), 'zh-CN');
      expect(zh).toContain('您已缴纳的费用保留在您的申请中');
      expect(zh).toContain('无需再次缴费');
    },
  );

  it('card making stopped with no fee paid: no fee claimed kept', () => {
    const en = render(ended(ErrorCode.DEVICE_OFFLINE), 'en');
    expect(en).toContain('A part of the kiosk is not working.');
    expect(en).not.toContain('fee');
    expect(render(ended(ErrorCode.DEVICE_OFFLINE), 'zh-CN')).not.toContain('费用');
  });
});
