/**
 * The browser specs' stop of a page's clock (Playwright's, installed by `page.clock.install()`):
 * its time and its timers held still from about now on, moved only as the spec moves them.
 */
import type { Page } from 'playwright-core';

/**
 * Pauses the page's clock at a moment just ahead of the page's now, read first. The clock runs on
 * meanwhile (the pause goes through the browser context, more than 10 ms on a loaded machine): a
 * moment already past is refused ("Cannot fast-forward to the past") and asked again further
 * ahead, never past 1.3 s (the page's timers due by then fire as the clock stops).
 */
export async function stopPageClock(page: Page): Promise<void> {
  for (let ahead = 10; ; ahead *= 2) {
    const at = await page.evaluate((ms) => Date.now() + ms, ahead);
    try {
      await page.clock.pauseAt(at);
      return;
    } catch (e) {
      if (ahead >= 1_000 || !String(e).includes('Cannot fast-forward to the past')) throw e;
    }
  }
}
