/**
 * Large text and high contrast on the screens a resident meets most, in both languages, on a
 * landscape (1920×1080) and a portrait (1080×1920) kiosk screen (real browser, real daemon): the
 * journey choice, inserting the card, the PIN, a wrong PIN's refusal, the withdrawal's amounts,
 * taking the cash, the ended screen, the new card's fee and its QR code, and the session ended by
 * a refusal. On each: no text or button overflows its box or the window, the resident's side needs
 * no scrolling, every touch target is at least 64 px each way (kiosk-ui's README; the main
 * buttons, go on and cancel, 96 px high), axe finds no WCAG 2.1 A/AA violation, and a screenshot is kept. A walk reports
 * every screen's faults at once, so one run shows all that is wrong. The demo panel's tab, shown
 * while the panel is closed, covers no control or text of the resident's (in landscape the panel
 * is closed for that look and opened again).
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import type { Page } from 'playwright-core';
import { daemonWithUi, type DaemonWithUi } from './daemon-with-ui.js';
import { underDemoTab } from './demo-tab-overlap.js';
import { nameElementsIn } from './in-page-element-name.js';
import type { KioskPage } from './kiosk-page.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const WRONG_PIN = zhang.cardPin === '000000' ? '111111' : '000000';
// the test profile's kiosk and its key (not secret)
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';
/** kiosk-ui's smallest touch target (tool buttons) and a main button's height */
const MIN_TARGET = 64;
const MAIN_BUTTON = 96;

const SCREENS = {
  landscape: { width: 1920, height: 1080 },
  portrait: { width: 1080, height: 1920 },
} as const;
type Orientation = keyof typeof SCREENS;
type Locale = 'zh-CN' | 'en';

/** What is wrong with the layout of the resident's side as shown now (empty when all fits). */
async function layoutFaults(page: Page, locale: Locale): Promise<string[]> {
  await nameElementsIn(page);
  return page.evaluate(
    ({ locale, minTarget, mainButton }) => {
      const out: string[] = [];
      const root = document.querySelector('.kiosk__resident');
      if (!root) return ['no resident side on screen'];
      if (document.documentElement.lang !== locale)
        out.push(`the page is in ${document.documentElement.lang}`);
      if (!document.documentElement.classList.contains('large-text')) out.push('large text is off');
      if (!document.querySelector('.kiosk--high-contrast')) out.push('high contrast is off');
      const name = window.kioskElementName!;
      const shown = (el: Element) => {
        const r = el.getBoundingClientRect();
        const style = getComputedStyle(el);
        return r.width > 0 && r.height > 0 && style.visibility !== 'hidden' && !el.closest('.sr-only');
      };
      const px = (n: number) => Math.round(n);
      // measured at rest: a picture's card slides in and out of its frame on purpose
      const still = document.createElement('style');
      still.textContent =
        '*, *::before, *::after { animation: none !important; transition: none !important; }';
      document.head.append(still);
      const elements = [root, ...root.querySelectorAll('*')].filter(shown);
      for (const el of elements) {
        const r = el.getBoundingClientRect();
        if (r.left < -1 || r.top < -1 || r.right > innerWidth + 1 || r.bottom > innerHeight + 1) {
          out.push(
            `${name(el)} leaves the window (${px(r.left)},${px(r.top)} to ${px(r.right)},${px(r.bottom)})`,
          );
          continue;
        }
        const style = getComputedStyle(el);
        if (style.display === 'inline' || el instanceof SVGElement) continue;
        // a box whose content is wider or taller than itself: text or a child sticks out of it
        const scrolls = /auto|scroll/.test(style.overflowY) && !el.classList.contains('kiosk__main');
        if (el.scrollWidth > el.clientWidth + 1) {
          out.push(`${name(el)}: content ${el.scrollWidth - el.clientWidth}px wider than its box`);
        }
        // (an auto-high line box a few pixels lower than its glyphs is the font's ascent, not overflow)
        const slack = Math.max(1, 0.3 * parseFloat(style.fontSize));
        if (!scrolls && el.scrollHeight > el.clientHeight + slack) {
          out.push(`${name(el)}: content ${el.scrollHeight - el.clientHeight}px taller than its box`);
        }
      }
      still.remove();
      for (const el of root.querySelectorAll('button, a[href], input, select, [role="button"]')) {
        if (!shown(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.width < minTarget - 0.5 || r.height < minTarget - 0.5) {
          out.push(`${name(el)} is ${px(r.width)}×${px(r.height)}px, under ${minTarget}px`);
        }
        if (el.matches('[data-testid="primary"], [data-testid="cancel"]') && r.height < mainButton - 0.5) {
          out.push(`${name(el)} is ${px(r.height)}px high, a main button is at least ${mainButton}px`);
        }
      }
      return out;
    },
    { locale, minTarget: MIN_TARGET, mainButton: MAIN_BUTTON },
  );
}

describe('large text and high contrast, landscape and portrait, on the screens met most (real browser, real daemon)', () => {
  let host: HostSimulator;
  let ui: DaemonWithUi;
  let kiosk: KioskPage;
  let page: Page;

  beforeAll(async () => {
    // the back office in this process, so zhang's card may withdraw in each of the four walks
    host = createHostSimulator({ kioskKeys: { [KIOSK_ID]: KIOSK_KEY }, rules: { dailyWithdrawalCount: 9 } });
    const { url } = await host.listen(0, '127.0.0.1');
    ui = await daemonWithUi(
      // the ended screen is checked kept on the page (axe, screenshot, layout, the tab;
      // each walk checks it is still there after), then home comes back for the next part of the
      // walk; each walk waits it out twice, so it stays 2 s (3 s before, when the check raced it)
      [
        ...['--set', 'host.mode=external', '--set', `host.url=${url}`, '--set', 'caps.withdrawalsPerDay=9'],
        ...['--set', 'timeouts.endedViewMs=2000'],
      ],
      'large-layout',
    );
    kiosk = ui.kiosk;
    page = kiosk.page;
  }, 60_000);

  afterEach(async () => {
    // the demo panel's buttons take cards back; in portrait it is closed between acts
    const closed = page?.getByTestId('demo-open');
    if (closed && (await closed.isVisible())) await closed.click();
    await kiosk?.recover();
    if (page?.viewportSize()?.width === SCREENS.portrait.width) {
      await page.getByTestId('demo-drawer').locator('.demo-drawer__head button').click();
    }
  }, 90_000);

  afterAll(async () => {
    expect(await ui?.stop()).toBe(0);
    await host?.close();
  }, 30_000); // the browser closed, then the daemon's stop (killed after 10 s)

  it.each([
    ['landscape', 'zh-CN'],
    ['landscape', 'en'],
    ['portrait', 'zh-CN'],
    ['portrait', 'en'],
  ] as const)(
    '%s, %s: every screen fits, no text or button overflows, targets large enough, no axe violation',
    async (orientation: Orientation, locale: Locale) => {
      const faults: string[] = [];
      const portrait = orientation === 'portrait';

      /** the screen checked (axe, screenshot, the toggles) and its layout measured; faults kept */
      const inspect = async (screen: string) => {
        const name = `${orientation}-${locale}-${screen}`;
        const found: string[] = [];
        await kiosk.check(name).catch((e: Error) => found.push(e.message));
        found.push(...(await layoutFaults(page, locale)));
        found.push(...(await tabFaults()));
        faults.push(...found.map((f) => `${screen}: ${f}`));
      };
      /**
       * an ended screen inspected kept on the page (`keepShown` before the act that ends the
       * session: the screen cannot move on while it is measured, however late that begins or long
       * it takes on a loaded machine): shown before and still after
       */
      const inspectEnded = (screen: string, shown: string) =>
        kiosk.whileShown('ended', async () => {
          const goneBefore = async (when: string) => {
            if (!(await page.locator(shown).isVisible()))
              faults.push(`${screen}: gone before its inspection ${when}`);
          };
          await goneBefore('began');
          await inspect(screen);
          await goneBefore('ended');
        });
      /** what the demo panel's tab covers; in landscape the panel is open, so closed for the look */
      const tabFaults = async () => {
        if (portrait) return underDemoTab(page);
        await page.getByTestId('demo-drawer').locator('.demo-drawer__head button').click();
        await page.getByTestId('demo-open').waitFor();
        const covered = await underDemoTab(page);
        await page.getByTestId('demo-open').click();
        await page.getByTestId('demo-drawer').waitFor();
        return covered;
      };
      /** the display options for a new resident (the session's end resets them) */
      const display = async () => {
        if ((await page.evaluate(() => document.documentElement.lang)) !== locale) {
          await kiosk.switchLanguage(locale);
        }
        await kiosk.largeTextAndHighContrast();
      };
      /** the demo panel's act; in portrait the panel covers the screen, so it is opened for it only */
      const demo = async (act: () => Promise<void>) => {
        if (!portrait) return act();
        await page.getByTestId('demo-open').click();
        await act();
        await page.getByTestId('demo-drawer').locator('.demo-drawer__head button').click();
        await page.getByTestId('demo-open').waitFor();
      };

      const size = page.viewportSize();
      if (size?.width !== SCREENS[orientation].width) {
        await page.setViewportSize(SCREENS[orientation]);
        await page.reload(); // the demo panel opens beside the screen or stays closed, as on a kiosk
        await kiosk.home();
      }

      // a withdrawal: the journey choice, the card, the PIN (wrong once), the amounts, the cash
      await display();
      await inspect('home');
      await kiosk.startJourney('withdraw');
      await kiosk.step('insertCard');
      await inspect('insert-card');
      await demo(() => kiosk.cardButton(zhang.key));
      await kiosk.step('enterPin');
      await inspect('enter-pin');
      await demo(async () => {
        await kiosk.typePin(WRONG_PIN);
        await kiosk.refusalWith('PIN_WRONG');
      });
      await inspect('pin-wrong');
      await demo(async () => {
        await kiosk.typePin(zhang.cardPin);
        await kiosk.step('placeIdCard');
        await kiosk.idCardButton(zhang.key);
        await kiosk.step('chooseAmount');
      });
      await page.getByTestId('amount-10000').waitFor();
      await inspect('choose-amount');
      await page.getByTestId('amount-10000').click();
      await kiosk.step('takeCash');
      await inspect('take-cash');
      await demo(async () => {
        await page.getByTestId('demo-take-cash').click();
        await kiosk.step('cashWithdrawn');
      });
      await kiosk.primary();
      await kiosk.step('chooseJourney');
      await kiosk.primary();
      await kiosk.keepShown('ended');
      await demo(async () => {
        await kiosk.step('takeCard');
        await kiosk.cardButton(zhang.key);
        await kiosk.idCardButton(zhang.key);
      });
      await kiosk.step('ended');
      await inspectEnded('ended', '[data-testid="step-ended"]');
      await page.getByTestId('screen-home').waitFor({ timeout: 15_000 });

      // a new card: the fee and its QR code, then the ID card taken away ends it with a refusal
      await display();
      await kiosk.startJourney('replaceCard');
      await demo(async () => {
        await kiosk.step('placeIdCard');
        await kiosk.idCardButton(li.key);
      });
      await kiosk.step('payFee', 30_000);
      await inspect('fee');
      await page.getByTestId('pay-qr').click();
      await page.getByTestId('scan-qr').waitFor();
      await inspect('fee-qr');
      await kiosk.keepShown('ended');
      await demo(() => kiosk.idCardButton(li.key));
      await kiosk.refusalWith('ID_CARD_REMOVED', 10_000);
      await inspectEnded('ended-id-card-removed', '[data-testid="error-box"][data-code="ID_CARD_REMOVED"]');
      await page.getByTestId('screen-home').waitFor({ timeout: 15_000 });

      expect(faults).toEqual([]);
    },
    150_000,
  );
});
