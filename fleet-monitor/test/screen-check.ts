/**
 * The check every dashboard screen gets: a screenshot kept under test-artifacts/, and axe-core's
 * WCAG 2.0/2.1 A and AA rules find nothing. The browser and the axe run come from src/testing/,
 * shared with the kiosk daemon's browser specs.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { axeViolations, describeViolations } from '../src/testing/test-axe.js';
import { ARTIFACTS } from '../src/testing/test-chromium.js';

/** Screenshot `dashboard-<name>.png`, and no WCAG 2.1 A/AA violation on the page as it is now. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
  const violations = await axeViolations(page);
  if (violations.length > 0)
    throw new Error(
      `accessibility violations on dashboard screen "${name}":\n${describeViolations(violations)}`,
    );
}
