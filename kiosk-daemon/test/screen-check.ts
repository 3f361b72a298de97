/**
 * Every screen a browser spec reaches is checked the same way: axe-core (injected into the page,
 * WCAG 2.0/2.1 level A and AA rules) must find no violation, and a screenshot is saved as a test
 * artefact under test-artifacts/ for a person to look at.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';
import { ARTIFACTS } from '../../fleet-monitor/src/testing/test-chromium.js';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
export const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] as const;

/** A violation as one readable line per offending element. */
export function describeViolations(violations: readonly Result[]): string {
  return violations
    .flatMap((v) =>
      v.nodes.map(
        (n) =>
          `${v.id} (${v.impact ?? 'n/a'}): ${v.help}\n    at ${n.target.join(' ')}\n    ${n.failureSummary ?? ''}`,
      ),
    )
    .join('\n');
}

/** Runs axe-core in the page (injecting it once per document) and returns the WCAG A/AA violations. */
export async function axeViolations(page: Page): Promise<Result[]> {
  const injected = await page.evaluate(() => 'axe' in window);
  if (!injected) await page.addScriptTag({ path: AXE_SOURCE });
  const results = await page.evaluate(
    (tags) =>
      (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<AxeResults> } }).axe.run(
        document,
        { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] },
      ),
    [...WCAG_TAGS],
  );
  return results.violations;
}

/**
 * The screen as the resident sees it now: saved as `<name>.png`, with the language and display
 * toggles on it, and free of WCAG 2.1 A/AA violations (the spec fails with each violation and
 * where it is).
 */
export async function checkScreen(page: Page, name: string): Promise<void> {
  // let CSS transitions settle so colours are measured as shown
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 100))));
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
