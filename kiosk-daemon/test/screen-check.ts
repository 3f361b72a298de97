/**
 * Every screen a browser spec reaches is checked the same way: axe-core (injected into the page,
 * WCAG 2.0/2.1 level A and AA rules, shared with the dashboard's specs) must find no violation,
 * and a screenshot is saved as a test artefact under test-artifacts/ for a person to look at.
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { axeViolations, describeViolations } from '../../fleet-monitor/src/testing/test-axe.js';
import { ARTIFACTS } from '../../fleet-monitor/src/testing/test-chromium.js';

export { axeViolations, describeViolations };

/**
 * The screen as the resident sees it now: saved as `<name>.png`, with the language and display
 * toggles on it, and free of WCAG 2.1 A/AA violations (the spec fails with each violation and
 * where it is).
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  // the screen as shown: the next frame drawn, then the transitions running settled (a pressed
  // button's filter, 60 ms), not a fixed 100 ms; a bar's width, moving with a countdown, changes no
  // colour and is not waited for
  await page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(resolve));
    const settling = document
      .getAnimations()
      .filter((a) => a instanceof CSSTransition && a.transitionProperty !== 'width');
    await Promise.all(settling.map((a) => a.finished.catch(() => undefined)));
  });
  await page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
  // the display options are on every screen (a dialog asking for more time covers them)
  const modal = (await page.locator('[aria-modal="true"]').count()) > 0;
  for (const toggle of ['large-text', 'high-contrast', 'language-switch']) {
    if (!modal && !(await page.getByTestId(toggle).isVisible())) {
      throw new Error(`screen "${name}" has no visible ${toggle} button`);
    }
  }
  const violations = await axeViolations(page);
  if (violations.length > 0) {
    throw new Error(`accessibility violations on screen "${name}":\n${describeViolations(violations)}`);
  }
}

/**
 * `checkScreen` of a screen the daemon takes off by itself after a while (the ended screen, shown
 * seconds), run while the page keeps it (`KioskPage.checkShown`: a check on a loaded machine begun
 * late or outlasting the screen would otherwise look at the next one): `shown` on screen when the
 * check begins and still after.
 */
export async function checkShownScreen(page: Page, name: string, shown: Locator): Promise<void> {
  if (!(await shown.isVisible())) throw new Error(`screen "${name}" was gone before its check began`);
  await checkScreen(page, name);
  if (!(await shown.isVisible())) throw new Error(`screen "${name}" was gone before its check ended`);
}
