import { DEMO_RESIDENTS } from '@kiosk/domain';
import type { Page } from 'playwright-core';
import { daemonWithUi, type DaemonWithUi } from './daemon-with-ui.js';
import { axeViolations, checkScreen, describeViolations } from './screen-check.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('a resident queries the balance on the touch screen (real browser, real daemon)', () => {
  let ui: DaemonWithUi;
  let page: Page;

  beforeAll(async () => {
    // the ended screen stays 2 s (5 s in the profile): the walks wait it out on their way home
    // three times, and the one that checks it (kept on the page) checks it is still there after
    ui = await daemonWithUi(['--set', 'timeouts.endedViewMs=2000'], 'balance');
    page = ui.kiosk.page;
  }, 60_000);

  afterAll(async () => {
    expect(await ui?.stop()).toBe(0);
  }, 30_000); // the browser closed, then the daemon's stop (killed after 10 s)

  const shot = (name: string) => checkScreen(page, `balance-${name}`);

  it('walks from the home screen to the balance and back, with the PIN typed on the demo pad', async () => {
    await page.goto(ui.daemon.url);
    await page.getByTestId('journey-balance').click();
    await page.getByTestId('step-insertCard').waitFor();
    await shot('insert-card');

    await page.getByTestId(`demo-card-${zhang.key}`).getByRole('button').first().click();
    await page.getByTestId('step-enterPin').waitFor();
    for (const digit of zhang.cardPin) await page.getByTestId(`pad-${digit}`).click();
    await shot('enter-pin');
    // the screen shows six dots and never a digit
    expect(await page.locator('body').innerText()).not.toContain(zhang.cardPin);
    await page.getByTestId('pad-enter').click();

    await page.getByTestId('step-showBalance').waitFor();
    expect(await page.getByTestId('balance-amount').innerText()).toContain('3567.80');
    expect(await page.getByTestId('masked-name').innerText()).toBe('张*明');
    expect(await page.locator('body').innerText()).not.toContain(zhang.idNumber);
    await shot('show-balance');

    await page.getByTestId('primary').click();
    await page.getByTestId('step-takeCard').waitFor();
    await ui.kiosk.keepShown('ended'); // kept on the page till checked: checked as it was shown
    await page.getByTestId(`demo-card-${zhang.key}`).getByRole('button').first().click();
    await ui.kiosk.checkShown('ended', 'ended');
  }, 60_000);

  it('switches to English at any step', async () => {
    await page.goto(ui.daemon.url);
    await page.getByTestId('screen-home').waitFor();
    await page.getByTestId('language-switch').click();
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByTestId('journey-balance').innerText()).toMatch(/balance/i);
    await shot('home-en');

    // the display options: reachable from the home screen, each checked as the resident sees it
    await page.getByTestId('large-text').click();
    await page.getByTestId('high-contrast').click();
    expect(await page.getByTestId('high-contrast').getAttribute('aria-pressed')).toBe('true');
    await shot('home-en-large-high-contrast');
    await page.getByTestId('large-text').click();
    await page.getByTestId('high-contrast').click();
  }, 30_000);

  it.each(['zh-CN', 'en'] as const)(
    'in large text and high contrast (%s) every screen of the balance fits the kiosk screen, the way out in view',
    async (locale) => {
      const kiosk = ui.kiosk;
      await page.goto(ui.daemon.url);
      await kiosk.home();
      if (locale === 'en') await kiosk.switchLanguage('en');
      await kiosk.largeTextAndHighContrast();
      await kiosk.fitsScreen(`large-${locale}-home`);
      await kiosk.startJourney('balance');
      await kiosk.step('insertCard');
      await kiosk.fitsScreen(`large-${locale}-insert-card`);
      await kiosk.cardButton(zhang.key);
      await kiosk.step('enterPin');
      await kiosk.fitsScreen(`large-${locale}-enter-pin`);
      // the PIN screen with a refusal on it is the tallest: it was where "cancel" fell off the screen
      await kiosk.typePin(zhang.cardPin === '000000' ? '111111' : '000000');
      await kiosk.refusalWith('PIN_WRONG');
      await kiosk.fitsScreen(`large-${locale}-pin-wrong`);
      await kiosk.typePin(zhang.cardPin);
      await kiosk.step('showBalance');
      await kiosk.fitsScreen(`large-${locale}-show-balance`);
      await kiosk.primary();
      await kiosk.step('takeCard');
      await kiosk.fitsScreen(`large-${locale}-take-card`);
      await kiosk.cardButton(zhang.key);
      await kiosk.endedThenHome();
    },
    60_000,
  );

  it('the keyboard walks the top bar, then the journeys, each with a visible focus ring', async () => {
    await page.goto(ui.daemon.url);
    await page.getByTestId('screen-home').waitFor();
    const walked: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        const style = el ? getComputedStyle(el) : null;
        return {
          id: el?.getAttribute('data-testid') ?? el?.tagName ?? '',
          outline: style ? parseFloat(style.outlineWidth) : 0,
          outlineStyle: style?.outlineStyle ?? 'none',
        };
      });
      expect(focused.outlineStyle).not.toBe('none');
      expect(focused.outline).toBeGreaterThanOrEqual(2);
      walked.push(focused.id);
    }
    expect(walked.slice(0, 4)).toEqual(['large-text', 'high-contrast', 'spoken-prompts', 'language-switch']);
    expect(walked[4]).toMatch(/^journey-/);
    await shot('home-keyboard-focus');
  }, 30_000);

  it('the accessibility check itself fails on a violation planted in the page', async () => {
    await page.goto(ui.daemon.url);
    await page.getByTestId('screen-home').waitFor();
    await page.evaluate(() => {
      const p = document.createElement('p');
      p.textContent = 'pale text';
      p.style.cssText = 'color:#bbb;background:#fff;font-size:14px';
      p.id = 'planted';
      document.querySelector('main')?.append(p);
    });
    const violations = await axeViolations(page);
    expect(violations.map((v) => v.id)).toContain('color-contrast');
    expect(describeViolations(violations)).toContain('#planted');
    await page.evaluate(() => document.getElementById('planted')?.remove());
  }, 30_000);
});
