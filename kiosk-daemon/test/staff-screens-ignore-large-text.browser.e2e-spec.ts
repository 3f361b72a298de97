/**
 * Fault: the staff screens ignored large text. The resident's screens have a large-text switch that
 * scales every `rem` (kiosk-ui's README); the staff screens had no switch, and the resident's
 * large-text rules (large-text.css, loaded with the page) shrank the staff screens' tool buttons
 * back, so a field engineer with poor sight had no way to larger words on the kiosk. Now the staff
 * bar has the switch: the log-in, the wait for the PIN and the menu (a device fault, the
 * reconciliation) in larger words, in both languages, on the service display (1280×1024) and on
 * the kiosk's landscape (1920×1080) and portrait (1080×1920) screens, with no button or text cut off
 * or out of the window sideways (the staff screen scrolls down, never sideways), every button at
 * least 64 px high, and no WCAG 2.1 A/AA violation (real browser, real daemon).
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from '../../fleet-monitor/src/testing/test-chromium.js';
import { daemonWithUiForSuite } from './daemon-with-ui.js';
import { DEMO_ENGINEER as ENGINEER, typeStaffPinOnPad } from './maintenance-client.js';
import { nameElementsIn } from './in-page-element-name.js';
import { axeViolations, describeViolations } from './screen-check.js';
import { showIn, STAFF_LOCALES } from './staff-languages.js';
import { giveStaffCard, openStaffScreen } from './staff-screen-page.js';

const SCREENS = {
  service: { width: 1280, height: 1024 },
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
} as const;
/** kiosk-ui's smallest touch target (README) */
const MIN_TARGET = 64;
/** how much larger words are in large text at least (the root font: 26 px for 20 px, 1.3×) */
const LARGER = 1.2;
/** the words measured: the title, a heading, the switches, the log-in's field and button */
const WORDS = ['.staff-app__bar h1', '.staff-app h2', '.tool-button', '.staff-login input', '.big-button'];

/** What is cut off or out of the window on the staff screen as shown now (empty when all fits). */
async function layoutFaults(page: Page): Promise<string[]> {
  await nameElementsIn(page);
  return page.evaluate((minTarget) => {
    const out: string[] = [];
    const root = document.querySelector('[data-testid="staff-app"]');
    if (!root) return ['no staff screen'];
    if (!document.documentElement.classList.contains('large-text')) out.push('large text is off');
    const name = window.kioskElementName!;
    const shown = (el: Element) => {
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
    };
    const px = Math.round;
    for (const el of [root, ...root.querySelectorAll('*')].filter(shown)) {
      const r = el.getBoundingClientRect();
      if (r.left < -1 || r.right > innerWidth + 1) {
        out.push(`${name(el)} leaves the window sideways (${px(r.left)} to ${px(r.right)})`);
        continue;
      }
      const style = getComputedStyle(el);
      if (style.display === 'inline' || el instanceof SVGElement) continue;
      if (el.scrollWidth > el.clientWidth + 1)
        out.push(`${name(el)}: content ${el.scrollWidth - el.clientWidth}px wider than its box`);
      // (an auto-high line box a few pixels lower than its glyphs is the font's ascent, not overflow)
      const slack = Math.max(1, 0.3 * parseFloat(style.fontSize));
      if (!/auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight + slack)
        out.push(`${name(el)}: content ${el.scrollHeight - el.clientHeight}px taller than its box`);
    }
    const screen = document.querySelector('.staff-screen')!;
    if (screen.scrollWidth > screen.clientWidth + 1) out.push('the staff screen scrolls sideways');
    for (const el of root.querySelectorAll('button')) {
      const r = el.getBoundingClientRect();
      if (shown(el) && r.height < minTarget - 0.5) out.push(`${name(el)} is ${px(r.height)}px high`);
    }
    return out;
  }, MIN_TARGET);
}

/** The font size of the first element of each of `WORDS` on screen (none: left out). */
function fontSizes(page: Page): Promise<Record<string, number>> {
  return page.evaluate((selectors) => {
    const out: Record<string, number> = {};
    for (const selector of selectors) {
      const el = document.querySelector(selector);
      if (el) out[selector] = parseFloat(getComputedStyle(el).fontSize);
    }
    return out;
  }, WORDS);
}

/** Words on screen not larger in large text than in normal text (switched off and on again). */
async function notLarger(page: Page): Promise<string[]> {
  const large = await fontSizes(page);
  const button = page.locator('.staff-app__bar').getByTestId('large-text');
  await button.click();
  await page.waitForFunction(() => !document.documentElement.classList.contains('large-text'));
  const normal = await fontSizes(page);
  await button.click();
  await page.waitForFunction(() => document.documentElement.classList.contains('large-text'));
  return Object.entries(normal)
    .filter(([selector, px]) => !((large[selector] ?? 0) >= LARGER * px))
    .map(([selector, px]) => `${selector}: ${large[selector]}px in large text, ${px}px in normal text`);
}

/** On each screen size and in each language: what is wrong with the screen shown now. */
async function walkSizes(page: Page, name: string): Promise<string[]> {
  const faults: string[] = [];
  for (const [size, viewport] of Object.entries(SCREENS)) {
    await page.setViewportSize(viewport);
    for (const locale of STAFF_LOCALES) {
      await showIn(page, locale);
      const at = `${name}, ${size}, ${locale}`;
      faults.push(...(await layoutFaults(page)).map((f) => `${at}: ${f}`));
      faults.push(...(await notLarger(page)).map((f) => `${at}: ${f}`));
      const axe = describeViolations(await axeViolations(page));
      if (axe !== '') faults.push(`${at}: ${axe}`);
      await page.screenshot({ path: join(ARTIFACTS, `staff-large-text-${name}-${size}-${locale}.png`) });
    }
  }
  await page.setViewportSize(SCREENS.service);
  return faults;
}

describe('fault: the staff screens ignore large text', () => {
  const suite = daemonWithUiForSuite([], 'staff-large-text');

  it('the staff bar switches it on: every staff screen in larger words, nothing cut off, on every screen size', async () => {
    const { ui, client } = suite;
    const { page } = await openStaffScreen(ui.browser, ui.daemon.url);
    const button = page.locator('.staff-app__bar').getByTestId('large-text');
    expect(await button.getAttribute('aria-pressed')).toBe('false');
    await button.click();
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    const faults = await walkSizes(page, 'login');

    // the wait for the PIN on the kiosk's pad, then the menu with a device's fault and the report
    await giveStaffCard(page, ENGINEER.id);
    faults.push(...(await walkSizes(page, 'pin-on-pad')));
    expect(await client.emit('demo.fault', { device: 'receiptPrinter', fault: 'paperOut' })).toEqual({
      ok: true,
    });
    await typeStaffPinOnPad(client, ENGINEER.pin);
    await page.getByTestId('staff-menu').waitFor({ timeout: 15_000 });
    await page.getByTestId('staff-reconcile').click();
    await page.getByTestId('staff-reconciliation').waitFor({ timeout: 15_000 });
    faults.push(...(await walkSizes(page, 'menu')));

    expect(faults).toEqual([]);
    // still on after the walk, for the rest of the engineer's visit
    expect(await button.getAttribute('aria-pressed')).toBe('true');
    await page.close();
  }, 120_000);
});
