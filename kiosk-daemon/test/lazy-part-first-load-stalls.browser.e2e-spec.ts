/**
 * Fault: a lazily loaded part of the touch UI whose first load stalled (a fetch neither answered
 * nor failed: Vite's own preload of its stylesheet, or the import of its module) was waited for
 * forever, before any retry of ours ran: React's Suspense showed its fallback, nothing, for good.
 * The staff screens stayed a blank page (no coded box, no "Try again"); the demo panel never came
 * beside the resident's screen. Now a try is bounded (10 s, `CHUNK_RETRY.stallMs`: a waiting step
 * after its "need more time?" prompt); past it the part's module is imported at an address of its
 * own (`?retry=n`: Chromium would join a fetch of the same address to the stalled one), its stalled
 * stylesheet put in again at its own; the staff screens, stalled at every try, end on the coded
 * box (`UI_CHUNK_LOAD_FAILED`) with "Try again".
 *
 * Faults found after: the part's place was blank meanwhile (now "loading" at once), the staff
 * screens took some 57 s to their coded box (now within a waiting step, 30 s), and the page's first
 * connect to the daemon cut their first try short as if the link had come back (now only a
 * reconnect after a loss does).
 *
 * The real daemon and Debian's Chromium; the stalled fetches are the page's own, held unanswered by
 * its routing; the page's clock is Playwright's, held still (`pausedClock`) and moved on past the
 * bounds.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@kiosk/domain/testing';
import type { Browser, Locator, Page, Route } from 'playwright-core';
import { launchChromiumWhile } from '../../fleet-monitor/src/testing/test-chromium.js';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { stopPageClock } from './page-clock.js';

/** A try's bound in the UI (`CHUNK_RETRY.stallMs`), and the staff screens' (`CHUNK_RETRY.withinMs`). */
const STALL_MS = 10_000;
const STEP_MS = 30_000;

/**
 * Holds unanswered every fetch of the page whose path `matches` (and, unless `everyAddress`, whose
 * address is the part's own, no `?retry=`); `held` are those held, `passed` those let through.
 */
async function stallFetches(page: Page, matches: (path: string) => boolean, everyAddress = false) {
  const stall = { on: true, held: [] as Route[], passed: [] as string[] };
  await page.route(
    (url) => matches(url.pathname),
    async (route) => {
      const url = new URL(route.request().url());
      if (stall.on && (everyAddress || url.search === '')) return void stall.held.push(route);
      stall.passed.push(url.pathname + url.search);
      return route.continue();
    },
  );
  return stall;
}

/**
 * Moves the page's clock on `stepMs` at a time until `shown` is visible, `withinMs` of it at most;
 * the clock moved before it was shown.
 */
async function clockUntil(page: Page, shown: Locator, withinMs: number, stepMs = 1_000): Promise<number> {
  let moved = 0;
  while (!(await shown.isVisible())) {
    if (moved >= withinMs)
      throw new Error(`${String(shown)}: not shown within ${withinMs} ms of the page's clock`);
    await page.clock.runFor(stepMs);
    moved += stepMs;
    await shown.waitFor({ timeout: 500 }).catch(() => undefined);
  }
  return moved;
}

/** The page's clock Playwright's, held still: it moves only as the spec moves it (`clockUntil`). */
async function pausedClock(page: Page): Promise<void> {
  await page.clock.install();
  await stopPageClock(page);
}

/** The page's first connect to the daemon: socket.io's connect packet received. */
const firstConnect = (page: Page) =>
  page.waitForResponse(
    async (response) => response.url().includes('/socket.io/') && (await response.text()).includes('40{'),
    {
      timeout: 15_000,
    },
  );

const staffModule = (path: string) => /\/assets\/maintenance-app-[^/]*\.js$/.test(path);

describe('lazy-part-first-load-stalls (real browser, real daemon)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-stall-'));
  let daemon: DaemonProcess;
  let browser: Browser;
  const held: Route[] = [];

  beforeAll(async () => {
    ({ started: daemon, browser } = await launchChromiumWhile(
      () => startDaemon(['--set', 'demo.panel=true'], { dir, readyTimeoutMs: 45_000 }),
      (d) => d.stop(),
    ));
  }, 90_000);

  afterEach(async () => {
    for (const route of held.splice(0)) await route.abort('timedout').catch(() => undefined);
  });

  afterAll(async () => {
    await browser?.close();
    expect(await daemon?.stop()).toBe(0);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('fault: the staff screens\' module stalls at its address: "loading" at once, the page\'s first connect no link back; past the bound they come from an address of their own, styled, the page not loaded anew', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await pausedClock(page);
      const stall = await stallFetches(page, staffModule);
      const connected = firstConnect(page);
      await page.goto(`${daemon.url}/#/maintenance`);
      await eventually(() => stall.held.length, 'the first fetch of the staff screens held', {
        withinMs: 15_000,
        until: (n) => n >= 1,
      });
      held.push(...stall.held);
      await page.evaluate(() => ((window as unknown as { kioskMarker: number }).kioskMarker = 1));
      await page.getByText('正在加载…').waitFor({ timeout: 15_000 }); // the clock still: at once
      await connected; // the first try under way as the page connects
      const app = page.getByTestId('staff-app');
      // past the bound, not at the first connect, tried at an address of its own
      expect(await clockUntil(page, app, STALL_MS + 5_000, STALL_MS / 4)).toBeGreaterThanOrEqual(STALL_MS);
      expect(await page.getByTestId('part-loading').count()).toBe(0);
      expect(stall.passed).toEqual([
        expect.stringMatching(/\/assets\/maintenance-app-[^/]*\.js\?retry=\d+$/),
      ]);
      expect(await app.evaluate((el) => getComputedStyle(el).maxWidth)).not.toBe('none'); // its stylesheet's 64rem
      expect(await page.evaluate(() => (window as unknown as { kioskMarker?: number }).kioskMarker)).toBe(1);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("fault: the demo panel's stylesheet stalls in Vite's own preload: past the bound the panel comes, styled; the resident's screen works meanwhile", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      await page.clock.install();
      const stall = await stallFetches(page, (path) => /\/assets\/demo-[^/]*\.css$/.test(path));
      await page.goto(daemon.url);
      await page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
      await eventually(() => stall.held.length, "the panel's stylesheet held", {
        withinMs: 15_000,
        until: (n) => n >= 1,
      });
      held.push(...stall.held);
      await page.getByTestId('language-switch').click();
      expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');

      const drawer = page.locator('.demo-drawer');
      await clockUntil(page, drawer, STALL_MS + 5_000);
      expect(await drawer.evaluate((el) => getComputedStyle(el).borderLeftStyle)).toBe('dashed');
      expect(stall.passed).toEqual([expect.stringMatching(/\/assets\/demo-[^/]*\.css\?retry=\d+$/)]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it("fault: the chunk the demo panel shares with the staff PIN pad stalls: past the bound the panel comes, the chunk from an address of its own (the panel's module importing it there)", async () => {
    const page = await browser.newPage({ viewport: { width: 1920, height: 1080 } });
    try {
      // held still: "loading" is looked for before the try's bound, which a running clock could
      // pass meanwhile on a loaded machine (the panel then come, "loading" gone)
      await pausedClock(page);
      const stall = await stallFetches(page, (path) => /\/assets\/demo-pin-pad-[^/]*\.js$/.test(path));
      await page.goto(daemon.url);
      await eventually(() => stall.held.length, 'the shared chunk held', {
        withinMs: 15_000,
        until: (n) => n >= 1,
      });
      held.push(...stall.held);
      await page.getByTestId('part-loading').waitFor({ timeout: 15_000 });
      const drawer = page.locator('.demo-drawer');
      await clockUntil(page, drawer, STALL_MS + 5_000);
      expect(await drawer.evaluate((el) => getComputedStyle(el).borderLeftStyle)).toBe('dashed');
      expect(stall.passed).toEqual([expect.stringMatching(/\/assets\/demo-pin-pad-[^/]*\.js\?retry=\d+$/)]);
    } finally {
      await page.close();
    }
  }, 60_000);

  it('fault: the staff screens stall at every address: "loading" at once, within a waiting step (30 s) the coded box with "Try again", which loads them once they come', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    try {
      await pausedClock(page);
      const stall = await stallFetches(page, staffModule, true);
      await page.goto(`${daemon.url}/#/maintenance`);
      await page.getByTestId('part-loading').waitFor({ timeout: 15_000 });
      const failed = page.getByTestId('chunk-failed');
      // three tries (10 s, 10 s, what is left) and the pauses between them (0.5 + 1 s): 30 s
      await clockUntil(page, failed, STEP_MS + STALL_MS / 4, STALL_MS / 4); // (a quarter of a try at a time)
      expect(await failed.getByTestId('error-box').getAttribute('data-code')).toBe('UI_CHUNK_LOAD_FAILED');
      expect(await page.getByTestId('part-loading').count()).toBe(0);
      held.push(...stall.held);
      const addresses = new Set(stall.held.map((route) => route.request().url()));
      expect([...addresses].filter((url) => url.includes('?retry=')).length).toBeGreaterThanOrEqual(2);

      stall.on = false;
      await failed.getByRole('button').click();
      // React reveals a part past its fallback on a timer of the page's clock
      await clockUntil(page, page.getByTestId('staff-app'), 5_000);
    } finally {
      await page.close();
    }
  }, 90_000);
});
