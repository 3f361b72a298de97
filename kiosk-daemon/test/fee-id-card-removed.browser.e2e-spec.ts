/**
 * The ID card taken off the reader while the fee's QR code shows, on the touch screen (real
 * browser, real daemon): the fee screen says to keep the ID card on the reader beside the code;
 * taken away, the code leaves the screen and the session ends with ID_CARD_REMOVED, worded in
 * both languages (nothing made, a payment made just then refunded). Screens checked with axe.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { kioskPageForSuite } from './daemon-with-ui.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('the ID card taken away at the fee QR code (real browser, real daemon)', () => {
  // the ended screen is read in both languages kept on the page (it cannot move on meanwhile,
  // however late the reading begins or long it takes on a loaded machine), then home comes back
  const kiosk = kioskPageForSuite(['--set', 'timeouts.endedViewMs=2000'], 'fee-id-card');

  it('fault: ID card removed during the fee QR: the code leaves the screen, the session ends ID_CARD_REMOVED', async () => {
    await kiosk.startJourney('replaceCard');
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(li.key);
    await kiosk.step('payFee', 30_000);
    await kiosk.page.getByTestId('pay-qr').click();
    const qr = kiosk.page.getByRole('img', { name: /二维码/ });
    await qr.waitFor();
    expect(await kiosk.text('keep-id-card')).toContain('身份证');
    await kiosk.check('fee-keep-id-card');

    await kiosk.keepShown('ended');
    await kiosk.idCardButton(li.key); // taken off the reader
    await kiosk.step('ended', 10_000);
    const ended = kiosk.page.getByTestId('step-ended');
    const words = await kiosk.whileShown('ended', async () => {
      expect(await ended.isVisible()).toBe(true);
      expect(await qr.count()).toBe(0);
      await kiosk.refusalWith('ID_CARD_REMOVED');
      await kiosk.check('fee-id-card-removed');
      const both = await kiosk.refusalInBothLanguages('ID_CARD_REMOVED');
      expect(await ended.isVisible()).toBe(true); // read on the ended screen, not the next
      return both;
    });
    expect(words.en.what).toContain('payment was stopped');
    expect(words.zh.what).toContain('缴费已停止');
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  }, 120_000);
});
