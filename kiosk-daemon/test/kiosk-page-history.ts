/**
 * What the kiosk page has shown, kept by the page itself for the browser specs: a screen the daemon
 * shows for a moment only (the ended screen, `timeouts.endedViewMs`) is asserted from this history,
 * not caught live. A spec process or a browser held up on a loaded machine could otherwise look
 * after that screen had gone and wait for one that never comes again. Nothing of the UI's own: the
 * history is kept by a script the spec adds to the page (before the UI's scripts, at every load).
 */
import type { Page } from 'playwright-core';

/**
 * In the page: every screen drawn (the `screen-…` and `step-…` test ids visible, in document order,
 * each followed by the test ids visible inside it) noted once in `window.kioskScreensShown`, as the
 * DOM changes, however briefly it stays. Runs in the browser: self-contained.
 */
function recordScreensShown(): void {
  const w = window as unknown as { kioskScreensShown?: string[][] };
  if (w.kioskScreensShown) return;
  const shown: string[][] = [];
  w.kioskScreensShown = shown;
  const note = () => {
    const now = Array.from(document.querySelectorAll('[data-testid^="screen-"], [data-testid^="step-"]'))
      .filter((e) => e.checkVisibility())
      .flatMap((e) => [e, ...Array.from(e.querySelectorAll('[data-testid]'))])
      .filter((e) => e.checkVisibility())
      .map((e) => e.getAttribute('data-testid') ?? '');
    if (now.length > 0 && now.join(' ') !== shown[shown.length - 1]?.join(' ')) shown.push(now);
  };
  new MutationObserver(note).observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['data-testid', 'class', 'style', 'hidden'],
  });
  note();
}

/** `page`'s screens recorded from its next load on (and in the page loaded now, if any). */
export async function recordScreens(page: Page): Promise<void> {
  await page.addInitScript(recordScreensShown);
  if (page.url() !== 'about:blank') await page.evaluate(recordScreensShown);
}

/**
 * Where the session's end stands in the page's history, from its last step before the ended screen
 * (the step the resident acted on) on: `home` when the ended screen was shown, then the home screen;
 * `ended` when the ended screen was shown (the home screen not yet); `takeIdCard` when the screen is
 * asking for the ID card; else `none`.
 */
export type SessionEnd = 'home' | 'ended' | 'takeIdCard' | 'none';

/**
 * Waits until the session's end in the page's history (`SessionEnd`) is one of `wanted`, and
 * resolves with it; fails after `timeout` ms with what the page has shown.
 */
export async function sessionEnd(
  page: Page,
  wanted: readonly SessionEnd[],
  timeout: number,
): Promise<SessionEnd> {
  const at = (ok: readonly string[]): string | false => {
    const shown = (window as unknown as { kioskScreensShown?: string[][] }).kioskScreensShown ?? [];
    const step = (e: string[]) => e.some((id) => id.startsWith('step-') && id !== 'step-ended');
    const from = shown.findLastIndex(step);
    const ended = shown.findIndex((e, i) => i > from && e.includes('step-ended'));
    const state =
      ended < 0
        ? shown[shown.length - 1]?.includes('step-takeIdCard')
          ? 'takeIdCard'
          : 'none'
        : shown.some((e, i) => i > ended && e.includes('screen-home'))
          ? 'home'
          : 'ended';
    return ok.includes(state) ? state : false;
  };
  try {
    const found = await page.waitForFunction(at, wanted, { timeout });
    return (await found.jsonValue()) as SessionEnd;
  } catch (e) {
    const shown = await page
      .evaluate(() => (window as unknown as { kioskScreensShown?: string[][] }).kioskScreensShown)
      .catch(() => undefined);
    const screen = (id: string) => id.startsWith('screen-') || id.startsWith('step-');
    const last = (shown ?? []).slice(-8).map((s) => s.filter(screen).join('+'));
    throw new Error(
      `the session's end not ${wanted.join(' or ')} within ${timeout} ms; the screens shown last: ${last.join(' > ')} (${String(e)})`,
    );
  }
}

/**
 * The test ids the session's ended screen showed (`sessionEnd`: since its last other step), at any
 * moment it was on screen, however briefly; waits up to `timeout` ms for that screen to be shown.
 */
export async function shownOnEnded(page: Page, timeout = 15_000): Promise<string[]> {
  await sessionEnd(page, ['ended', 'home'], timeout);
  return page.evaluate(() => {
    const shown = (window as unknown as { kioskScreensShown?: string[][] }).kioskScreensShown ?? [];
    const step = (e: string[]) => e.some((id) => id.startsWith('step-') && id !== 'step-ended');
    const from = shown.findLastIndex(step);
    const ended = shown.filter((e, i) => i > from && e.includes('step-ended'));
    return [...new Set(ended.flat())];
  });
}
