/**
 * RULES.md: the replacement fee is paid by QR payment or from the personal account, per region.
 * The fee screen offers the ways the kiosk's region takes it, and only those.
 */
import { renderForSpec } from './render-for-spec';
import { presentationOf } from './step-presentations';
import { SessionScreen } from './session-screen';
import { balanceSession } from './sample-views';
import type { JourneyView } from '../gateway/proposed-contract';

function feeScreen(feeMethods?: readonly ('qr' | 'account')[]): string {
  const view: JourneyView = {
    ...balanceSession({ journey: 'replaceCard', step: 'payFee' }),
    details: {
      kind: 'issueCard',
      feeDueFen: 2_000,
      feePaid: false,
      attempt: 0,
      maxAttempts: 3,
      ...(feeMethods ? { feeMethods } : {}),
    },
  };
  return renderForSpec(<SessionScreen view={view} presentation={presentationOf('payFee')} />, 'en');
}

describe('the ways to pay the replacement fee', () => {
  it('offers both ways where the region takes both (and when the view does not say)', () => {
    for (const html of [feeScreen(['qr', 'account']), feeScreen()]) {
      expect(html).toContain('data-testid="pay-qr"');
      expect(html).toContain('data-testid="pay-account"');
    }
  });

  it('offers only the QR payment where the region takes no fee from the account', () => {
    const html = feeScreen(['qr']);
    expect(html).toContain('data-testid="pay-qr"');
    expect(html).not.toContain('data-testid="pay-account"');
  });

  it('offers only the account where the region takes no QR payment', () => {
    const html = feeScreen(['account']);
    expect(html).not.toContain('data-testid="pay-qr"');
    expect(html).toContain('data-testid="pay-account"');
  });
});
