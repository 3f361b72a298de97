/**
 * RULES.md: the replacement fee is paid by QR payment or from the personal account, per region.
 * The fee screen offers the ways the kiosk's region takes it, and only those.
 */
import { renderForSpec } from './render-for-spec';
import { presentationOf } from './step-presentations';
import { SessionScreen } from './session-screen';
import { balanceSession } from './sample-views';
import type { JourneyView } from '../gateway/proposed-contract';

function feeScreen(
  feeMethods?: readonly ('qr' | 'account')[],
  over: Partial<JourneyView> = {},
  finishingWithOffice = false,
): string {
  const view: JourneyView = {
    ...balanceSession({ journey: 'replaceCard', step: 'payFee', ...over }),
    details: {
      kind: 'issueCard',
      feeDueFen: 2_000,
      feePaid: false,
      attempt: 0,
      maxAttempts: 3,
      ...(feeMethods ? { feeMethods } : {}),
      ...(finishingWithOffice ? { finishingWithOffice: true as const } : {}),
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

  describe('fault: fee-account-short-told-choose-smaller-amount', () => {
    // the withdrawal's words for the code said "choose a smaller amount" of a fee that has one amount
    const short = {
      error: { code: 'INSUFFICIENT_BALANCE', message: 'The personal account cannot pay the fee.' },
    } as Partial<JourneyView>;

    it('the account cannot pay the fee where the region takes QR payments: pay by QR code instead', () => {
      const html = feeScreen(['qr', 'account'], short);
      expect(html).toContain('data-code="INSUFFICIENT_BALANCE"');
      expect(html).toContain('Please pay by QR code instead.');
      expect(html).not.toContain('smaller amount');
    });

    it('the account cannot pay the fee where the region takes it from the account only: at a service counter', () => {
      const html = feeScreen(['account'], short);
      expect(html).toContain('Please pay the fee at a service counter.');
      expect(html).not.toContain('smaller amount');
      expect(html).not.toContain('QR code instead');
    });
  });
});

describe('fault: cancel-ignored-while-earlier-order-closes', () => {
  // Cancel (or the ID card lifted) once the account's payment was sent left the screen as it was:
  // the press seemed ignored while the kiosk waited for the office's answer
  it('Cancel while the account’s payment is at the office: the screen says the kiosk is finishing with it', () => {
    expect(feeScreen(['account'])).not.toContain('finishing-with-office');
    const html = feeScreen(['account'], {}, true);
    expect(html).toContain('data-testid="finishing-with-office"');
    expect(html).toContain('finishing with the social-security office');
  });
});
