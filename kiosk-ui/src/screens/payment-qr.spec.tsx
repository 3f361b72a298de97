import jsQR from 'jsqr';
import { renderForSpec } from './render-for-spec';
import { presentationOf } from './step-presentations';
import { SessionScreen } from './session-screen';
import { balanceSession } from './sample-views';
import { qrPath } from './payment-qr';
import { PAYMENT_QR_CONTENT_MAX_CHARS } from '@kiosk/domain';

const payment = {
  qrContent: 'kioskpay:order/QR00000007?amount=2000',
  amountFen: 2000,
  expiresAt: '2026-11-27T10:15:00.000Z',
};

/** The path's modules as black on white RGBA, `scale` pixels a module, for a QR decoder. */
function rasterise(content: string, scale = 4): { data: Uint8ClampedArray; side: number } {
  const { d, size } = qrPath(content);
  const side = size * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (const [, x, y] of d.matchAll(/M(\d+) (\d+)/g)) {
    for (let dy = 0; dy < scale; dy += 1) {
      for (let dx = 0; dx < scale; dx += 1) {
        const p = ((Number(y) * scale + dy) * side + Number(x) * scale + dx) * 4;
        data.fill(0, p, p + 3);
      }
    }
  }
  return { data, side };
}

describe('the fee QR code', () => {
  it('encodes exactly the payment order the host gave', () => {
    const { data, side } = rasterise(payment.qrContent);
    expect(jsQR(data, side, side)?.data).toBe(payment.qrContent);
  });

  it('draws the longest order the daemon lets through (PAYMENT_QR_CONTENT_MAX_CHARS), no longer', () => {
    const longest = 'k'.repeat(PAYMENT_QR_CONTENT_MAX_CHARS);
    expect(qrPath(longest).size).toBeGreaterThan(0);
    expect(() => qrPath(`${longest}k`)).toThrow(/overflow/);
  });

  it('is drawn on the fee screen with a text alternative naming the amount, in both languages', () => {
    const view = { ...balanceSession({ journey: 'replaceCard', step: 'payFee' }), payment };
    const zh = renderForSpec(<SessionScreen view={view} presentation={presentationOf('payFee')} />);
    const en = renderForSpec(<SessionScreen view={view} presentation={presentationOf('payFee')} />, 'en');
    expect(zh).toContain('data-testid="payment-qr"');
    expect(zh).toMatch(/<svg[^>]*role="img"[^>]*aria-label="用手机扫码支付20\.00元费用的二维码"/);
    expect(en).toContain('aria-label="QR code to pay the 20.00 yuan fee with a phone"');
    expect(en).toContain('Scan to pay 20.00 yuan.');
    // while the QR is shown the resident is not asked to choose again
    expect(en).not.toContain('data-testid="pay-qr"');
  });

  it('offers the two ways to pay while no payment order is open', () => {
    const view = balanceSession({ journey: 'replaceCard', step: 'payFee' });
    const html = renderForSpec(<SessionScreen view={view} presentation={presentationOf('payFee')} />, 'en');
    expect(html).toContain('data-testid="pay-qr"');
    expect(html).not.toContain('data-testid="payment-qr"');
  });
});
