/**
 * Fault: a lazily loaded part of the touch UI whose fetch was cut (the daemon restarting while the
 * page fetched it) blanked the kiosk. React's lazy load rejected, nothing caught it, and the whole
 * page unmounted: no screen, no demo panel, until someone reloaded the page, which a terminal with
 * no keyboard cannot. Now a cut fetch is tried again (`lazy-with-retry.ts`, its stylesheet put in
 * again) and the resident's screen works meanwhile; the staff screens, after their tries, show a
 * coded box (`UI_CHUNK_LOAD_FAILED`) with "Try again" instead of a blank page.
 *
 * Fault: a stylesheet put in again that neither loaded nor failed (a stalled connection) held the
 * part's next try forever; now it counts as failed after the pause that would follow and the next
 * try puts it in at an address of its own.
 *
 * The real daemon and Debian's Chromium; the chunks' fetches cut (or held unanswered) by the page's
 * own routing (the demo drawer's `assets/demo-*`, the staff screens' `assets/maintenance-app-*`),
 * and once by a real restart of the daemon on the same port, the page's timers then stopped
 * (Playwright's clock) so that only the reconnect's wake, not the end of a pause, fetches the part.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import { launchChromiumWhile } from '../../fleet-monitor/src/testing/test-chromium.js';
import { fixedGatewayPort, startDaemon, type DaemonProcess } from './daemon-process.js';
import { stopPageClock } from './page-clock.js';

/**
 * Cuts every fetch of the page matching `pattern` while `cut.on`; `cut.aborted` counts them,
 * `cut.stylesheets` those of stylesheets (one a try: the part's stylesheet put in again).
 */
async function cutFetches(page: Page, pattern: string) {
  const cut = { on: true, aborted: 0, stylesheets: 0 };
  await page.route(pattern, async (route) => {
    if (!cut.on) return route.continue();
    cut.aborted += 1;
    if (route.request().resourceType() === 'stylesheet') cut.stylesheets += 1;
    return route.abort('connectionreset');
  });
  return cut;
}

/**
 * Moves the page's stopped clock on half a second at a time until `shown` is visible, `moved.ms` in
 * all at most 5 s (less than the demo panel's 8 s pause).
 */
async function moveClockUntil(page: Page, shown: Locator, moved: { ms: number }): Promise<void> {
  while (!(await shown.isVisible())) {
    if (moved.ms >= 5_000) throw new Error(`${String(shown)}: not shown within 5 s of the page's clock`);
    await page.clock.runFor(500);
    moved.ms += 500;
    await shown.waitFor({ timeout: 2_000 }).catch(() => undefined);
  }
}

/** Marks the page, to show later it was not loaded anew. */
const mark = (page: Page) =>
  page.evaluate(() => ((window as unknown as { kioskMarker: number }).kioskMarker = Math.random()));
const markOf = (page: Page) =>
  page.evaluate(() => (window as unknown as { kioskMarker?: number }).kioskMarker);

/** The demo drawer shown with its own stylesheet applied (its dashed amber edge). */
async function drawerStyled(page: Page, timeout = 40_000): Promise<void> {
  const drawer = page.locator('.demo-drawer');
  await drawer.waitFor({ timeout });
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
    ({ started: daemon, browser } = await launchChromiumWhile(
      () => startDaemon(args, { dir, readyTimeoutMs: 45_000 }),
      (d) => d.stop(),
    ));
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
      await eventually(() => cut.aborted, 'the panel fetched and tried again', {
        withinMs: 15_000,
        until: (aborted) => aborted >= 4,
      });
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

  it("fault: the demo panel's stylesheet, put in again, stalls: the panel is tried again past it and comes, styled", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    // the first fetch of the panel's stylesheet cut, the second (put in again) never answered: a
    // stalled connection, neither loaded nor failed; later ones go through
    const stalled: Route[] = [];
    let stylesheets = 0;
    await page.route('**/assets/demo-*.css', async (route) => {
      stylesheets += 1;
      if (stylesheets === 1) return route.abort('connectionreset');
      if (stylesheets === 2) return void stalled.push(route);
      return route.continue();
    });
    try {
      await page.goto(daemon.url);
      await page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
      // after the try's pause (1 s, CHUNK_RETRY) the stall counts as failed and the retry goes on
      await drawerStyled(page, 15_000);
      expect(stalled).toHaveLength(1);
    } finally {
      for (const route of stalled) await route.abort('timedout').catch(() => undefined);
      await page.close();
    }
  }, 60_000);

  it("fault: the daemon restarted while the panel waited out a pause: fetched again when the page's link comes back, not at the pause's end", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      // the page's timers on a clock of the spec's: stopped while the panel waits out a pause,
      // which then only the reconnect can cut short
      await page.clock.install();
      const cut = await cutFetches(page, '**/assets/demo-*');
      await page.goto(daemon.url);
      await page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
      // five tries (one stylesheet each): the panel now waits 8 s (CHUNK_RETRY)
      // (the fifth about 7.5 s after the first: twice that under load)
      await eventually(() => cut.stylesheets, 'the panel tried five times', {
        withinMs: 30_000,
        until: (stylesheets) => stylesheets >= 5,
      });
      // (stopped within 1.3 s of its now: the panel's pause is not over by then)
      await stopPageClock(page);
      await mark(page);
      expect(await daemon.stop()).toBe(0);
      await page.getByTestId('screen-reconnecting').waitFor({ timeout: 15_000 });

      // the daemon back: the page's reconnect, then React's reveal of the panel (throttled 300 ms)
      // wait on its clock, moved on half a second at a time, 5 s in all at most: less than the
      // panel's pause, so only the reconnect's wake fetches it again; no reload
      cut.on = false;
      daemon = await startDaemon(args, { dir, readyTimeoutMs: 45_000 });
      const moved = { ms: 0 };
      await moveClockUntil(page, page.getByTestId('screen-home'), moved);
      await moveClockUntil(page, page.locator('.demo-drawer'), moved);
      await drawerStyled(page, 1_000);
      expect(await markOf(page)).toBeDefined();
    } finally {
      await page.close();
    }
  }, 120_000);
});
