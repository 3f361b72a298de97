/**
 * The ID card taken off the reader while the fee's QR code shows, on the touch screen (real
 * browser, real daemon): the fee screen says to keep the ID card on the reader beside the code;
 * taken away, the code leaves the screen and the session ends with ID_CARD_REMOVED, worded in
 * both languages (nothing made, a payment made just then refunded). Screens checked with axe.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../fleet-monitor/src/testing/test-chromium.js';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { KioskPage } from './kiosk-page.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('the ID card taken away at the fee QR code (real browser, real daemon)', () => {
  let daemon: DaemonProcess;
  let browser: Browser;
  let kiosk: KioskPage;

  beforeAll(async () => {
    // the ended screen stays long enough to be read in both languages
    daemon = await startDaemon(['--set', 'demo.panel=true', '--set', 'timeouts.endedViewMs=10000']);
    browser = await launchChromium();
    kiosk = await KioskPage.open(browser, daemon.url, 'fee-id-card');
  }, 60_000);

  afterEach(async () => {
    await kiosk?.recover();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    expect(await daemon?.stop()).toBe(0);
  });

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

    await kiosk.idCardButton(li.key); // taken off the reader
    await kiosk.step('ended', 10_000);
    expect(await qr.count()).toBe(0);
    await kiosk.refusalWith('ID_CARD_REMOVED');
    await kiosk.check('fee-id-card-removed');
    const words = await kiosk.refusalInBothLanguages('ID_CARD_REMOVED');
    expect(words.en.what).toContain('payment was stopped');
    expect(words.zh.what).toContain('缴费已停止');
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  }, 120_000);
});
