/**
 * Fault: on a portrait kiosk screen (1080×1920) the withdrawal's amounts broke in two, "¥" on one
 * line and "100" under it, on every button but "¥ 50" (four a row left each label less room than
 * its frame took); the landscape screen had been mended alone (e9457d7). Real browser, real daemon,
 * a region paying up to 1,000 yuan at once: every amount, "¥ 1000" included, stays on one line and
 * inside its button, in both languages, with normal and large text.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import type { Page } from 'playwright-core';
import { daemonWithUi, type DaemonWithUi } from './daemon-with-ui.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

/** Each amount button whose label takes more than one line or sticks out of the button. */
function splitAmounts(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('.amount-grid .big-button')].flatMap((button) => {
      const range = document.createRange();
      range.selectNodeContents(button);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      const label = (button.textContent ?? '').trim();
      return [
        ...(lines > 1 ? [`"${label}" on ${lines} lines`] : []),
        ...(button.scrollWidth > button.clientWidth + 1
          ? [`"${label}" ${button.scrollWidth - button.clientWidth}px wider than its button`]
          : []),
      ];
    }),
  );
}

describe('fault: the withdrawal amounts break in two on a portrait screen', () => {
  let started: DaemonWithUi;

  beforeAll(async () => {
    started = await daemonWithUi(['--set', 'caps.singleWithdrawalFen=100000'], 'amounts-portrait');
    const page = started.kiosk.page;
    await page.setViewportSize({ width: 1080, height: 1920 });
    await page.reload(); // in portrait the demo panel starts closed, as on a kiosk
    await started.kiosk.home();
  }, 90_000);

  afterAll(async () => {
    expect(await started?.stop()).toBe(0);
  }, 30_000);

  it('keeps each amount on one line, both languages, normal and large text', async () => {
    const { kiosk } = started;
    const page = kiosk.page;
    /** the demo panel covers a portrait screen: opened for its act only */
    const demo = async (act: () => Promise<void>) => {
      await page.getByTestId('demo-open').click();
      await act();
      await page.getByTestId('demo-drawer').locator('.demo-drawer__head button').click();
      await page.getByTestId('demo-open').waitFor();
    };
    await kiosk.startJourney('withdraw');
    await kiosk.step('insertCard');
    await demo(async () => {
      await kiosk.cardButton(zhang.key);
      await kiosk.step('enterPin');
      await kiosk.typePin(zhang.cardPin);
      await kiosk.step('placeIdCard');
      await kiosk.idCardButton(zhang.key);
      await kiosk.step('chooseAmount');
    });
    await page.getByTestId('amount-100000').waitFor();

    const faults: string[] = [];
    for (const locale of ['zh-CN', 'en'] as const) {
      if ((await page.evaluate(() => document.documentElement.lang)) !== locale) {
        await kiosk.switchLanguage(locale);
      }
      for (const large of [false, true]) {
        const tool = page.getByTestId('large-text');
        if ((await tool.getAttribute('aria-pressed')) !== String(large)) await tool.click();
        await page.waitForFunction(
          (on) => document.documentElement.classList.contains('large-text') === on,
          large,
        );
        const size = large ? 'large' : 'normal';
        await kiosk.check(`${locale}-${size}`);
        faults.push(...(await splitAmounts(page)).map((f) => `${locale}, ${size} text: ${f}`));
      }
    }
    expect(faults).toEqual([]);
    await kiosk.cancel();
    await demo(async () => {
      await kiosk.step('takeCard');
      await kiosk.cardButton(zhang.key);
      await kiosk.idCardButton(zhang.key);
    });
  }, 90_000);
});
