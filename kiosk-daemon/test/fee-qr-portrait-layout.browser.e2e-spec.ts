/**
 * Fault: the fee's QR code on a portrait kiosk screen (1080×1920). The fee, its two notices ("scan
 * the code", "keep the ID card on the reader"), the code and its caption (the amount, until when
 * it can be paid) touched one another, the two notices reading as one box; and in large text the
 * code was laid beside the words as on a landscape screen, where it shrank to a quarter of the
 * width (268 px against 388 px in normal text) and its caption below the notices' size, with half
 * the screen empty above and below. Walked in the real browser on the real daemon in both
 * languages, in normal and in large text with high contrast: every part of the fee screen lies
 * inside the window, none overlaps or touches another or the way out, the screen does not scroll,
 * the code is square and at least a third of the screen wide, its caption no smaller than the
 * notices, nothing under the demo panel's tab, and the code still decodes from the pixels.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import type { Page } from 'playwright-core';
import { kioskPageForSuite } from './daemon-with-ui.js';
import { underDemoTab } from './demo-tab-overlap.js';
import { decodeQrOnScreen } from './qr-on-screen.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const PORTRAIT = { width: 1080, height: 1920 } as const;
/** the least room between two parts of the fee screen, in CSS pixels */
const MIN_GAP = 8;

/** The fee screen's parts that must each be whole, in the window and apart from the others. */
const PARTS = [
  '.screen-title',
  '[data-testid="fee"]',
  '[data-testid="scan-qr"]',
  '[data-testid="keep-id-card"]',
  '.payment-qr__code',
  '.payment-qr__caption',
  '[data-testid="countdown"]',
  '.kiosk__resident button',
];

/** What is wrong with the fee screen's layout as shown now (empty when all fits). */
function feeLayoutFaults(page: Page): Promise<string[]> {
  return page.evaluate(
    ({ parts, minGap }) => {
      const out: string[] = [];
      const px = Math.round;
      const boxes: { name: string; r: DOMRect }[] = [];
      for (const selector of parts) {
        for (const el of document.querySelectorAll(selector)) {
          const r = el.getBoundingClientRect();
          if (r.width === 0 || r.height === 0 || el.closest('.sr-only')) continue;
          const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 24);
          boxes.push({ name: `${el.getAttribute('data-testid') ?? selector} "${text}"`, r });
        }
      }
      for (const { name, r } of boxes) {
        if (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1) {
          out.push(
            `${name} leaves the window (${px(r.left)},${px(r.top)} to ${px(r.right)},${px(r.bottom)})`,
          );
        }
      }
      // the resident's side as a whole and the demo panel's tab under it stay in the window too
      for (const selector of ['.kiosk__resident', '[data-testid="demo-open"]']) {
        const r = document.querySelector(selector)?.getBoundingClientRect();
        if (r && r.bottom > innerHeight + 1)
          out.push(`${selector} runs ${px(r.bottom - innerHeight)} px past the bottom`);
      }
      const inside = (x: DOMRect, y: DOMRect) =>
        x.left >= y.left - 1 && x.right <= y.right + 1 && x.top >= y.top - 1 && x.bottom <= y.bottom + 1;
      boxes.forEach((a, i) => {
        for (const b of boxes.slice(i + 1)) {
          if (inside(a.r, b.r) || inside(b.r, a.r)) continue; // one is part of the other
          const gap = Math.max(
            b.r.left - a.r.right,
            a.r.left - b.r.right,
            b.r.top - a.r.bottom,
            a.r.top - b.r.bottom,
          );
          if (gap < -1) out.push(`${a.name} overlaps ${b.name}`);
          else if (gap < minGap) out.push(`${a.name} touches ${b.name} (${px(gap)} px apart)`);
        }
      });
      const code = document.querySelector('.payment-qr__code')?.getBoundingClientRect();
      if (!code) out.push('no QR code on screen');
      else if (Math.abs(code.width - code.height) > 1)
        out.push(`the code is ${px(code.width)}×${px(code.height)}`);
      else if (code.width < innerWidth / 3)
        out.push(`the code is ${px(code.width)} px wide, under a third of the screen`);
      const fontSize = (selector: string) => {
        const el = document.querySelector(selector);
        return el ? parseFloat(getComputedStyle(el).fontSize) : 0;
      };
      const [caption, notice] = [fontSize('.payment-qr__caption'), fontSize('[data-testid="scan-qr"]')];
      if (caption < notice) out.push(`the caption's text is ${caption} px, the notices' ${notice} px`);
      const main = document.querySelector('.kiosk__main');
      if (main && main.scrollHeight > main.clientHeight + 1) {
        out.push(`the screen scrolls ${main.scrollHeight - main.clientHeight} px down`);
      }
      return out;
    },
    { parts: PARTS, minGap: MIN_GAP },
  );
}

describe('fault: the fee’s QR code and its words crowd one another on a portrait screen', () => {
  // the ended screen is passed on the way home only: 1 s
  const kiosk = kioskPageForSuite(['--set', 'timeouts.endedViewMs=1000'], 'fee-qr-portrait', {
    recoverAfterEach: false,
  });

  beforeAll(async () => {
    await kiosk.page.setViewportSize(PORTRAIT);
    await kiosk.page.reload(); // in portrait the demo panel starts closed, as on a kiosk
    await kiosk.home();
  }, 30_000);

  /** the demo panel covers a portrait screen: opened for its act only */
  async function demo(act: () => Promise<void>): Promise<void> {
    const page = kiosk.page;
    await page.getByTestId('demo-open').click();
    await act();
    await page.getByTestId('demo-drawer').locator('.demo-drawer__head button').click();
    await page.getByTestId('demo-open').waitFor();
  }

  // back home after each, a failed one too: the panel opened for its buttons (cancel, take the ID
  // card), then closed again as a portrait kiosk has it
  afterEach(async () => {
    const page = kiosk.page;
    if (await page.getByTestId('demo-open').isVisible()) await page.getByTestId('demo-open').click();
    await kiosk.recover();
    await page.getByTestId('demo-drawer').locator('.demo-drawer__head button').click();
    await page.getByTestId('demo-open').waitFor();
  }, 90_000);

  it.each([
    ['zh-CN', 'normal'],
    ['en', 'normal'],
    ['zh-CN', 'large'],
    ['en', 'large'],
  ] as const)(
    '%s, %s text: the code, the fee and the words are each whole, in the window and apart',
    async (locale, text) => {
      const page = kiosk.page;
      await kiosk.home();
      if ((await page.evaluate(() => document.documentElement.lang)) !== locale)
        await kiosk.switchLanguage(locale);
      if (text === 'large') await kiosk.largeTextAndHighContrast();
      await kiosk.startJourney('replaceCard');
      await kiosk.step('placeIdCard');
      await demo(() => kiosk.idCardButton(li.key));
      await kiosk.step('payFee', 30_000);
      await page.getByTestId('pay-qr').click();
      const qr = page.locator('.payment-qr__code');
      await qr.waitFor();
      const name = `${locale}-${text}`;
      await kiosk.check(name);
      expect([name, await feeLayoutFaults(page)]).toEqual([name, []]);
      expect([name, await underDemoTab(page)]).toEqual([name, []]);
      expect(await decodeQrOnScreen(qr)).toMatch(/^kioskpay:order\/QR\d{8}\?amount=2000$/);
    },
    60_000,
  );
});
