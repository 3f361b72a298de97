/**
 * Card making on the touch screen (real browser, real daemon): the progress screen while the card
 * is made, the fee screen of a replacement with its two ways to pay (the QR code drawn from the
 * host's payment order and decoded from the screen, then paid on the demo phone), the new card
 * taken from the demo panel, the face printed shown there. Every screen is screenshotted and
 * checked with axe.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { kioskPageForSuite } from './daemon-with-ui.js';
import { decodeQrOnScreen } from './qr-on-screen.js';

const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('card making on the touch screen (real browser, real daemon)', () => {
  // a printer slow enough for the progress screen to be seen, read and checked while the card is
  // made, on a loaded machine too (each mechanical step 1.5 s); the ended screen is only passed on
  // the way home, never checked: 2 s, not 5 s
  const kiosk = kioskPageForSuite(
    ['--set', 'devices.cardPrinter.stepMs=1500', '--set', 'timeouts.endedViewMs=2000'],
    'issuance',
  );

  async function takeNewCardAndFinish(name: string): Promise<void> {
    await kiosk.step('takeNewCard', 60_000);
    await kiosk.check(`${name}-take-new-card`);
    await kiosk.page.getByTestId('demo-take-new-card').click();
    await kiosk.step('chooseJourney', 20_000);
    // the new card is in the resident's hand and not activated: activating it is what follows,
    // not the services of a card in the reader (each of which the new card would refuse)
    const further = kiosk.page.getByTestId('further-journeys').locator('[data-testid^="journey-"]');
    await further.first().waitFor();
    expect(await further.evaluateAll((buttons) => buttons.map((b) => b.getAttribute('data-testid')))).toEqual(
      ['journey-activatePin'],
    );
    expect(await kiosk.page.locator('.screen-title').innerText()).toBe('新卡已制好');
    await kiosk.page.getByTestId('demo-card-face').waitFor();
    await kiosk.idCardButton(name === 'new' ? wang.key : li.key); // take the ID card back
    await kiosk.primary();
    await kiosk.endedThenHome();
  }

  it('new card: the progress screen names the stage while the card is made, then the card is taken', async () => {
    await kiosk.startJourney('issueCard');
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(wang.key);
    await kiosk.step('makingCard', 30_000);
    const progress = kiosk.page.getByTestId('issuance-progress');
    await progress.waitFor();
    // a stage is marked as the current one, in words for screen readers too
    await kiosk.page.locator('.issuance__stage--now').first().waitFor({ timeout: 20_000 });
    expect(await progress.innerText()).toContain('写入芯片');
    await kiosk.check('making');
    await takeNewCardAndFinish('new');
  }, 120_000);

  it('replacement: the fee screen offers QR and account; QR paid on the demo phone, then the card is made', async () => {
    await kiosk.startJourney('replaceCard');
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(li.key);
    await kiosk.step('payFee', 30_000);
    expect(await kiosk.text('fee')).toContain('20.00');
    await kiosk.page.getByTestId('pay-account').waitFor();
    await kiosk.check('fee');
    await kiosk.page.getByTestId('pay-qr').click();
    await kiosk.page.getByTestId('scan-qr').waitFor();
    // the host's payment order drawn as a QR code: decoded from the pixels on screen
    const qr = kiosk.page.getByRole('img', { name: /二维码/ });
    await qr.waitFor();
    expect(await qr.getAttribute('aria-label')).toContain('20.00');
    expect(await decodeQrOnScreen(qr)).toMatch(/^kioskpay:order\/QR\d{8}\?amount=2000$/);
    // the whole code and the way out on screen (under the notices it ran past the bottom)
    await kiosk.fitsScreen('fee-scan-qr', { boxes: true });
    await kiosk.page.getByTestId('demo-pay-qr').click();
    await kiosk.step('makingCard', 30_000);
    await takeNewCardAndFinish('replacement');
  }, 120_000);
});
