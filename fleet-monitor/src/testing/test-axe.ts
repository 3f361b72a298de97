/**
 * The accessibility check of every browser spec (this room's dashboard, the kiosk daemon's touch
 * and staff screens): axe-core injected into the page once per document, WCAG 2.0/2.1 level A and
 * AA rules, the violations as readable lines. Imported by path, like test-chromium.ts: axe-core is
 * a devDependency, resolved only when a page is checked.
 */
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults, Result } from 'axe-core';

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

/** The page's global object as the axe run sees it (this room is compiled without the DOM's types). */
interface PageGlobal {
  readonly document: unknown;
  readonly axe: { run: (context: unknown, options: object) => Promise<AxeResults> };
}

/** Runs axe-core in the page (injecting it once per document) and returns the WCAG A/AA violations. */
export async function axeViolations(page: Page): Promise<Result[]> {
  const injected = await page.evaluate(() => 'axe' in globalThis);
  if (!injected) {
    await page.addScriptTag({ path: createRequire(import.meta.url).resolve('axe-core/axe.min.js') });
  }
  const results = await page.evaluate(
    (tags) => {
      const inPage = globalThis as unknown as PageGlobal;
      return inPage.axe.run(inPage.document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
    },
    [...WCAG_TAGS],
  );
  return results.violations;
}
