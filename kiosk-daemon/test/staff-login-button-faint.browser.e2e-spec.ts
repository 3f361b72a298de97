/**
 * Fault: the staff screen's "Log in" button, disabled while the engineer types the PIN on the
 * kiosk's PIN pad, was too faint to read in a bright hall: the browser's own grey for a disabled
 * button, at half opacity (2:1 and less). Its words now keep WCAG AA contrast, 4.5:1, disabled as
 * well as enabled, computed in the real browser from the colours it paints (the button's and every
 * box's under it, their transparency and the button's opacity); disabled is said by a dashed frame.
 */
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { ARTIFACTS } from '../../fleet-monitor/src/testing/test-chromium.js';
import { daemonWithUi, type DaemonWithUi } from './daemon-with-ui.js';
import { axeViolations, describeViolations } from './screen-check.js';

const ENGINEER = 'FS-0001';

/** Contrast of the text of the element `selector` against what lies behind it, as painted. */
function paintedContrast(page: Page, selector: string): Promise<number> {
  return page.evaluate((selector) => {
    type Rgba = [number, number, number, number];
    const probe = document.createElement('canvas').getContext('2d')!;
    const parse = (css: string): Rgba => {
      probe.clearRect(0, 0, 1, 1);
      probe.fillStyle = '#000';
      probe.fillStyle = css;
      probe.fillRect(0, 0, 1, 1);
      const [r, g, b, a] = probe.getImageData(0, 0, 1, 1).data;
      return [r!, g!, b!, a! / 255];
    };
    const over = (top: Rgba, under: Rgba): Rgba => {
      const a = top[3] + under[3] * (1 - top[3]);
      const mix = (i: 0 | 1 | 2) => (top[i] * top[3] + under[i] * under[3] * (1 - top[3])) / (a || 1);
      return [mix(0), mix(1), mix(2), a];
    };
    const fade = (colour: Rgba, behind: Rgba, opacity: number): Rgba =>
      over([...colour.slice(0, 3), opacity] as Rgba, behind);
    const el = document.querySelector(selector);
    if (!el) throw new Error(`${selector} is not on the page`);
    // what lies behind the element: the page's canvas, then every ancestor's background in turn
    const ancestors: Element[] = [];
    for (let p = el.parentElement; p; p = p.parentElement) ancestors.unshift(p);
    let behind: Rgba = [255, 255, 255, 1];
    for (const a of ancestors) behind = over(parse(getComputedStyle(a).backgroundColor), behind);
    const style = getComputedStyle(el);
    const own = over(parse(style.backgroundColor), behind);
    const text = over(parse(style.color), own);
    const opacity = parseFloat(style.opacity);
    const [bg, fg] = [fade(own, behind, opacity), fade(text, behind, opacity)];
    const luminance = ([r, g, b]: Rgba) => {
      const c = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
      return 0.2126 * c(r) + 0.7152 * c(g) + 0.0722 * c(b);
    };
    const [l1, l2] = [luminance(bg), luminance(fg)].sort((x, y) => y - x);
    return (l1! + 0.05) / (l2! + 0.05);
  }, selector);
}

describe('fault: the staff screen’s disabled "Log in" button is too faint to read', () => {
  let ui: DaemonWithUi;

  beforeAll(async () => {
    ui = await daemonWithUi([], 'staff-login-button');
  }, 90_000);

  afterAll(async () => {
    expect(await ui?.stop()).toBe(0);
  }, 30_000);

  it('reads at 4.5:1 or more while the PIN is typed on the pad (disabled) as before (enabled)', async () => {
    // the staff screen on a page of its own, as the engineer opens it on the service display
    const page = await ui.browser.newPage({ viewport: { width: 1280, height: 1024 } });
    await page.goto(new URL('/#/maintenance', ui.daemon.url).href);
    const login = page.getByTestId('staff-login');
    await login.waitFor({ timeout: 15_000 });
    const button = '[data-testid="staff-login"] button[type="submit"]';
    expect(await page.locator(button).isEnabled()).toBe(true);
    const enabled = await paintedContrast(page, button);

    await login.getByRole('textbox').fill(ENGINEER);
    await page.locator(button).click();
    await page.getByTestId('staff-pin-prompt').waitFor();
    expect(await page.locator(button).isDisabled()).toBe(true);
    await page.screenshot({ path: join(ARTIFACTS, 'staff-login-button-waiting-for-pin.png') });
    expect(describeViolations(await axeViolations(page))).toBe('');
    const disabled = await paintedContrast(page, button);

    expect(enabled).toBeGreaterThanOrEqual(4.5);
    expect(disabled).toBeGreaterThanOrEqual(4.5);
    // disabled is still told apart from enabled, by its frame rather than by fading
    expect(await page.locator(button).evaluate((b) => getComputedStyle(b).borderTopStyle)).toBe('dashed');
  }, 60_000);
});
