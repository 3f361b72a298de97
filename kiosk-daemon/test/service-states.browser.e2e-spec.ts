import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { launchChromium } from './browser.js';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { KioskPage } from './kiosk-page.js';

/**
 * What a terminal shows when it cannot serve: the daemon process stopped and started again (the
 * page reconnects by itself, without a reload). One page for the file.
 */
describe('the kiosk out of service, reconnecting and timing out (real browser, real daemon)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-service-'));
  // short steps so the "need more time?" prompt comes within seconds: 8 s a step, asked at 3 s
  const args = ['--set', 'demo.panel=true', '--set', 'timeouts.stepMs=8000', '--set', 'timeouts.warnMs=3000'];
  let daemon: DaemonProcess;
  let browser: Browser;
  let kiosk: KioskPage;

  beforeAll(async () => {
    daemon = await startDaemon(args, { dir });
    browser = await launchChromium();
    kiosk = await KioskPage.open(browser, daemon.url, 'service');
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    expect(await daemon?.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  });

  it('daemon stopped: "out of service — reconnecting"; started again: the home screen, same page, no reload', async () => {
    const marker = await kiosk.page.evaluate(() => {
      (window as unknown as { kioskMarker: number }).kioskMarker = Math.random();
      return (window as unknown as { kioskMarker: number }).kioskMarker;
    });
    const port = new URL(daemon.url).port;
    expect(await daemon.stop()).toBe(0);

    await kiosk.page.getByTestId('screen-reconnecting').waitFor({ timeout: 15_000 });
    await kiosk.check('reconnecting');
    // nothing to touch while the daemon is away: no journey, no demo panel
    expect(await kiosk.page.locator('[data-testid^="journey-"]').count()).toBe(0);

    daemon = await startDaemon([...args, '--set', `gateway.port=${port}`], { dir });
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 30_000 });
    expect(await kiosk.page.evaluate(() => (window as unknown as { kioskMarker: number }).kioskMarker)).toBe(
      marker,
    );
    await kiosk.check('reconnected-home');
  }, 90_000);
});
