/**
 * The demo panel's tab (shown while the panel is closed, demo builds only) must cover nothing of
 * the resident's screen: no control and no text. What it covers now, as faults (empty when nothing).
 */
import type { Page } from 'playwright-core';

export function underDemoTab(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const tab = document.querySelector('[data-testid="demo-open"]');
    const root = document.querySelector('.kiosk__resident');
    if (!tab || !root) return [];
    const t = tab.getBoundingClientRect();
    if (t.width === 0 || t.height === 0) return [];
    const control = 'button, a[href], input, select, [role="button"]';
    const hasOwnText = (el: Element) =>
      [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
    const out: string[] = [];
    for (const el of root.querySelectorAll('*')) {
      if (!el.matches(control) && !hasOwnText(el)) continue;
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      const overlaps =
        r.left < t.right - 1 && r.right > t.left + 1 && r.top < t.bottom - 1 && r.bottom > t.top + 1;
      if (!overlaps) continue;
      const id = el.getAttribute('data-testid');
      const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
      out.push(`${el.tagName.toLowerCase()}${id ? `[${id}]` : ''} "${text}" is under the demo panel's tab`);
    }
    return out;
  });
}
