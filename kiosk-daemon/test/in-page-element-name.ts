/**
 * One way to name an element in a layout fault, for the browser specs whose checks run inside the
 * page (`page.evaluate`), where nothing can be imported: `nameElementsIn(page)` puts the namer on the
 * page's window, and the check calls `window.kioskElementName(el)`.
 */
import type { Page } from 'playwright-core';

declare global {
  interface Window {
    /** set by `nameElementsIn`: the element's tag, its test id (else its first class) and its first words */
    kioskElementName?: (el: Element) => string;
  }
}

/** runs inside the page: only what the browser has */
function kioskElementName(el: Element): string {
  const id = el.getAttribute('data-testid');
  const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
  return `${el.tagName.toLowerCase()}${id ? `[${id}]` : `.${String(el.className).split(' ')[0]}`} "${text}"`;
}

/** Puts `window.kioskElementName` on the page shown now (again on each check: a reload drops it). */
export async function nameElementsIn(page: Page): Promise<void> {
  await page.evaluate(`window.kioskElementName = ${kioskElementName.toString()};`);
}
