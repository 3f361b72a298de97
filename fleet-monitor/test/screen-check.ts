/**
 * The accessibility check every dashboard screen gets: axe-core's WCAG 2.0/2.1 A and AA rules find
 * nothing, and a screenshot is kept under test-artifacts/. The browser itself comes from
 * `src/testing/test-chromium.ts`, shared with the kiosk daemon's browser specs.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { ARTIFACTS } from '../src/testing/test-chromium.js';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Screenshot `dashboard-<name>.png`, and no WCAG 2.1 A/AA violation on the page as it is now. */
export async function checkScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(ARTIFACTS, `dashboard-${name}.png`), fullPage: true });
  if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ path: AXE_SOURCE });
  const results = await page.evaluate(() =>
    (
      window as unknown as { axe: { run: (context: Document, options: object) => Promise<AxeResults> } }
    ).axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    }),
  );
  const violations = results.violations.flatMap((violation) =>
    violation.nodes.map((node) => `${violation.id}: ${violation.help} at ${node.target.join(' ')}`),
  );
  if (violations.length > 0)
    throw new Error(`accessibility violations on dashboard screen "${name}":\n${violations.join('\n')}`);
}
