/**
 * Whether a kiosk screen fits the kiosk's screen as it is shown now, measured in the page for the
 * browser specs (`KioskPage.fitsScreen`).
 */
import type { Page } from 'playwright-core';

/**
 * What does not fit on `page` now (empty when all fits): the resident's side scrolling either way,
 * a button on it ending outside the window, and with `boxes`, a text or child on that side wider
 * than its own box (a word sticking out of its button, an amount out of its panel).
 */
export function overflowOf(page: Page, boxes: boolean): Promise<string[]> {
  return page.evaluate((boxes) => {
    const main = document.querySelector('.kiosk__main');
    const out: string[] = [];
    if (boxes) {
      for (const el of document.querySelectorAll('.kiosk__resident *')) {
        if (el.closest('.sr-only') || getComputedStyle(el).display === 'inline') continue;
        if (
          el.clientWidth > 0 &&
          el.scrollWidth > el.clientWidth + 1 &&
          !el.classList.contains('kiosk__main')
        ) {
          const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
          out.push(
            `${el.tagName.toLowerCase()}.${String(el.className).split(' ')[0]} "${text}" is ${el.scrollWidth - el.clientWidth}px wider than its box`,
          );
        }
      }
    }
    if (main && main.scrollHeight > main.clientHeight + 1)
      out.push(`scrolls ${main.scrollHeight - main.clientHeight}px down`);
    if (main && main.scrollWidth > main.clientWidth + 1)
      out.push(`scrolls ${main.scrollWidth - main.clientWidth}px across`);
    for (const button of document.querySelectorAll('.kiosk__resident button')) {
      const r = button.getBoundingClientRect();
      if (r.bottom > innerHeight + 1 || r.right > innerWidth + 1) {
        out.push(
          `${button.getAttribute('data-testid') ?? button.textContent} ends at ${Math.round(r.right)}×${Math.round(r.bottom)}`,
        );
      }
    }
    return out;
  }, boxes);
}
