/**
 * Fault: a QR fee order whose content the fee screen cannot draw (longer than a QR code holds at
 * the screen's error correction, or none) was shown all the same: the touch UI's drawing threw
 * ("code length overflow") and left the screen blank mid-payment while the order stayed payable.
 * Such an order is now the back office's bad answer (HOST_BAD_RESPONSE, the length named, never
 * the text): never told to the journey or shown, and closed at the host by the id it journaled.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, PAYMENT_QR_CONTENT_MAX_CHARS } from '@kiosk/domain';
import { waitForQrFee } from './qr-fee.js';
import { qrBackOffice, qrFeeWorld } from './qr-fee.spec-support.js';

async function orderWithContentOf(length: number) {
  const office = qrBackOffice();
  const start = office.issuance.startQrPayment.bind(office.issuance);
  office.issuance.startQrPayment = async (...args) => ({
    ...(await start(...args)),
    qrContent: 'k'.repeat(length),
  });
  const shown: unknown[] = [];
  const w = await qrFeeWorld(office.issuance);
  const step = new AbortController();
  const input = {
    ...w.input,
    orderOpened: (order: unknown) => {
      shown.push(order);
      step.abort(); // the screen would draw the code now
    },
  };
  const waited = await waitForQrFee(w.deps, w.tools, w.fee, input, step.signal).catch((e: unknown) => e);
  await w.fee.settling;
  return { office, waited, shown, steps: (await w.journal.stepsOf(w.tx)).map((s) => `${s.step}:${s.phase}`) };
}

describe('QR fee code too long to draw', () => {
  it.each([PAYMENT_QR_CONTENT_MAX_CHARS + 1, 0])(
    'an order of %i characters is refused, never shown, and closed by its id',
    async (length) => {
      const { office, waited, shown, steps } = await orderWithContentOf(length);
      expect(waited).toMatchObject({
        code: ErrorCode.HOST_BAD_RESPONSE,
        details: { field: 'qrContent', length },
      });
      expect(shown).toEqual([]);
      expect(office.status()).toBe('closed');
      expect(steps.slice(-3)).toEqual(['fee.close:intent', 'fee.close:done', 'fee.settled:event']);
    },
  );

  it('an order of the longest content a code holds is shown', async () => {
    const { shown } = await orderWithContentOf(PAYMENT_QR_CONTENT_MAX_CHARS);
    expect(shown).toHaveLength(1);
  });
});
