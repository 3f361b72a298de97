/**
 * Fault: a lazily loaded part of the touch UI whose fetch was cut (the daemon restarting while the
 * page fetched it) blanked the kiosk. React's lazy load rejected, nothing caught it, and the whole
 * page unmounted: no screen, no demo panel, until someone reloaded the page, which a terminal with
 * no keyboard cannot. Now a cut fetch is tried again (`lazy-with-retry.ts`, its stylesheet put in
 * again) and the resident's screen works meanwhile; the staff screens, after their tries, show a
 * coded box (`UI_CHUNK_LOAD_FAILED`) with "Try again" instead of a blank page.
 *
 * The real daemon and Debian's Chromium; the chunks' fetches cut by the page's own routing (the
 * demo drawer's `assets/demo-*`, the staff screens' `assets/maintenance-app-*`), and once by a
 * real restart of the daemon on the same port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { launchChromium } from '../../fleet-monitor/src/testing/test-chromium.js';
import { fixedGatewayPort, startDaemon, type DaemonProcess } from './daemon-process.js';

/** Cuts every fetch of the page matching `pattern` while `cut.on`; `cut.aborted` counts them. */
async function cutFetches(page: Page, pattern: string) {
  const cut = { on: true, aborted: 0 };
  await page.route(pattern, async (route) => {
    if (!cut.on) return route.continue();
    cut.aborted += 1;
    return route.abort('connectionreset');
  });
  return cut;
}

async function untilTrue(probe: () => boolean, what: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!probe()) {
    if (Date.now() > end) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Marks the page, to show later it was not loaded anew. */
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { kioskMarker: number }).kioskMarker = Math.random()));
const markOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { kioskMarker?: number }).kioskMarker);

/** The demo drawer shown with its own stylesheet applied (its dashed amber edge). */
async function drawerStyled(page: Page): Promise<void> {
  const drawer = page.locator('.demo-drawer');
  await drawer.waitFor({ timeout: 40_000 });
  expect(await drawer.evaluate((el) => getComputedStyle(el).borderLeftStyle)).toBe('dashed');
}

describe('ui-chunk-load-cut-by-restart (real browser, real daemon)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-chunk-'));
  const args = ['--set', 'demo.panel=true'];
  let daemon: DaemonProcess;
  let browser: Browser;

  beforeAll(async () => {
    // a fixed port, as a terminal has: the restart below comes back on it
    args.push('--set', `gateway.port=${await fixedGatewayPort()}`);
    daemon = await startDaemon(args, { dir, readyTimeoutMs: 45_000 });
    browser = await launchChromium();
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    expect(await daemon?.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it("fault: the demo panel's fetch cut: the resident's screen stays and works; the panel comes, styled, once its fetch goes through, no reload", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      const cut = await cutFetches(page, '**/assets/demo-*');
      await page.goto(daemon.url);
      await page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
      await mark(page);
      await untilTrue(() => cut.aborted >= 4, 'the panel fetched and tried again');
      // the resident's screen is still there and answers a touch
      await page.getByTestId('screen-home').waitFor({ timeout: 1_000 });
      expect(await page.locator('[data-testid^="journey-"]').count()).toBeGreaterThan(0);
      await page.getByTestId('language-switch').click();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

      cut.on = false;
      await drawerStyled(page);
      expect(await markOf(page)).toBeDefined();
    } finally {
      await page.close();
    }
  }, 90_000);

  it('fault: the staff screens kept cut: after their tries a coded box with "Try again", not a blank page; it loads them once they come', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      const cut = await cutFetches(page, '**/assets/maintenance-app-*');
      await page.goto(`${daemon.url}/#/maintenance`);
      const failed = page.getByTestId('chunk-failed');
      await failed.waitFor({ timeout: 30_000 });
      expect(await failed.getByTestId('error-box').getAttribute('data-code')).toBe('UI_CHUNK_LOAD_FAILED');
      expect(cut.aborted).toBeGreaterThanOrEqual(5);

      cut.on = false;
      await failed.getByRole('button').click();
      await page.getByTestId('staff-app').waitFor({ timeout: 15_000 });
    } finally {
      await page.close();
    }
  }, 90_000);

  it('fault: the daemon restarted while the panel was being fetched: the home screen back on the same page, and the panel with it', async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      const cut = await cutFetches(page, '**/assets/demo-*');
      await page.goto(daemon.url);
      await page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
      await untilTrue(() => cut.aborted >= 1, 'the panel fetched');
      await mark(page);
      expect(await daemon.stop()).toBe(0);
      await page.getByTestId('screen-reconnecting').waitFor({ timeout: 15_000 });

      // the daemon back: its socket reconnects and the panel is fetched again, without a reload
      cut.on = false;
      daemon = await startDaemon(args, { dir, readyTimeoutMs: 45_000 });
      await page.getByTestId('screen-home').waitFor({ timeout: 30_000 });
      await drawerStyled(page);
      expect(await markOf(page)).toBeDefined();
    } finally {
      await page.close();
    }
  }, 120_000);
});
