/**
 * The staff screens in both languages, for the browser specs: the header's language button
 * switches them, and each screen is checked in each language (its words, the page's lang, a
 * screenshot and no WCAG 2.1 A/AA violation).
 */
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { ARTIFACTS } from '../../fleet-monitor/src/testing/test-chromium.js';
import { axeViolations, describeViolations } from './screen-check.js';

export const STAFF_LOCALES = ['zh-CN', 'en'] as const;
export type StaffLocale = (typeof STAFF_LOCALES)[number];

/** Switches the staff screens to `locale` with the header's language button, if not in it. */
export async function showIn(page: Page, locale: StaffLocale): Promise<void> {
  const bar = page.locator('.staff-app__bar');
  // the button names the other language
  const other = locale === 'en' ? 'English' : '中文';
  if ((await bar.getByRole('button', { name: other }).count()) === 0) return;
  await bar.getByRole('button', { name: other }).click();
  await bar.getByRole('button', { name: locale === 'en' ? '中文' : 'English' }).waitFor();
}

/** How wide ’ and · are drawn in the page's font, in ems. */
function punctuationEms(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const out: Record<string, number> = {};
    for (const mark of ['’', '·']) {
      const span = document.createElement('span');
      span.textContent = mark;
      document.body.append(span);
      out[mark] = span.getBoundingClientRect().width / parseFloat(getComputedStyle(span).fontSize);
      span.remove();
    }
    return out;
  });
}

/**
 * The staff screen in each language: `expectShown` checks its words, then a screenshot
 * (`staff-<name>-<locale>.png`, `inView` scrolled into view) and no WCAG 2.1 A/AA violation.
 * Ends in zh-CN.
 */
export async function checkBothLanguages(
  page: Page,
  name: string,
  expectShown: (locale: StaffLocale) => Promise<void>,
  inView?: Locator,
): Promise<void> {
  for (const locale of STAFF_LOCALES) {
    await showIn(page, locale);
    // fault: the staff screens in English kept the page's lang zh-CN (read out in a Chinese voice)
    expect(await page.evaluate(() => document.documentElement.lang)).toBe(locale);
    // fault: in English the CJK font came first and drew ’ and · full-width (as in Chinese text)
    // (a Latin font's are under half an em wide, a CJK font's a full em)
    if (locale === 'en') expect(Math.max(...Object.values(await punctuationEms(page)))).toBeLessThan(0.5);
    await expectShown(locale);
    await inView?.scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(ARTIFACTS, `staff-${name}-${locale}.png`) });
    expect(describeViolations(await axeViolations(page))).toBe('');
  }
  await showIn(page, 'zh-CN');
}
