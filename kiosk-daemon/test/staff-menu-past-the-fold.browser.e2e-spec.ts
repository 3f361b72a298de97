/**
 * Fault: the staff menu could not be scrolled. The page's root keeps the resident's screens still
 * (html, body and #root overflow: hidden, each resident screen fits the window), and the staff
 * screens, longer than the service display (devices, supplies and bins, tests, reconciliation),
 * were cut off at its bottom edge: the engineer's wheel or swipe moved nothing, and the tests and
 * the reconciliation were out of reach. In a real browser on the real daemon, logged in on a
 * 1280×1024 service display: the menu is taller than the window, and the mouse wheel over it
 * (not a script scrolling an element into view, as a test tool's click would) brings its last
 * button into the window.
 */
import { join } from 'node:path';
import { ARTIFACTS } from '../../fleet-monitor/src/testing/test-chromium.js';
import { daemonWithUiForSuite } from './daemon-with-ui.js';
import { DEMO_ENGINEER as ENGINEER } from './maintenance-client.js';
import { openStaffScreen, staffLogsIn } from './staff-screen-page.js';

describe('fault: the staff menu is cut off at the window’s edge and cannot be scrolled', () => {
  const suite = daemonWithUiForSuite([], 'staff-menu-fold');

  it('the wheel over the menu brings its last button into the window', async () => {
    const { ui, client } = suite;
    const { page } = await openStaffScreen(ui.browser, ui.daemon.url);
    await staffLogsIn(page, client, ENGINEER);

    /** where the menu's last button is: its bottom edge, and the window's height */
    const last = () =>
      page.evaluate(() => {
        const buttons = document.querySelectorAll('[data-testid="staff-menu"] button');
        const r = buttons[buttons.length - 1]!.getBoundingClientRect();
        return { bottom: Math.round(r.bottom), window: innerHeight };
      });
    const before = await last();
    // the menu is longer than the service display: there is something to scroll to
    expect(before.bottom).toBeGreaterThan(before.window);

    // the engineer's wheel over the middle of the page, as far as it goes
    await page.mouse.move(640, 512);
    for (let i = 0; i < 20; i += 1) await page.mouse.wheel(0, 600);
    await page
      .waitForFunction(
        (window) => {
          const buttons = document.querySelectorAll('[data-testid="staff-menu"] button');
          return buttons[buttons.length - 1]!.getBoundingClientRect().bottom <= window;
        },
        before.window,
        // the scroll's end waited for (the wheel's scrolling runs after its events are sent), then
        // asserted below: a liveness bound, as the other waits of the browser specs
        { timeout: 15_000 },
      )
      .catch(() => undefined);
    await page.screenshot({ path: join(ARTIFACTS, 'staff-menu-fold-scrolled.png') });
    const after = await last();
    expect(after.bottom).toBeLessThanOrEqual(after.window);
    expect(after.bottom).toBeGreaterThan(0);
    await page.close();
  }, 60_000);
});
