/**
 * The touch screen as a resident and the demo panel use it, for the browser specs: one page of
 * Debian's Chromium on the real daemon's UI. Every step waits for what is on screen (test ids of
 * the kiosk-ui; the ended screen, shown a moment only, in the page's history of screens), never for
 * the daemon's messages, and every checked screen is screenshotted and checked with axe-core. A
 * screen shown a moment only is checked live while the page keeps it (`keepShown`, `checkShown`).
 */
import type { Browser, Page } from 'playwright-core';
import { recordScreens, sessionEnd } from './kiosk-page-history.js';
import { holdableViews, keepWhenShown, letGo, whileKept } from './kiosk-page-hold.js';
import { expectWordsOf, type BilingualRefusal } from './refusal-words.js';
import { checkScreen, checkShownScreen } from './screen-check.js';
import { overflowOf } from './screen-fit.js';

export class KioskPage {
  private constructor(
    readonly page: Page,
    private readonly url: string,
    private readonly prefix: string,
  ) {}

  /** A page of the kiosk's screen (1920×1080) in `browser`, for `open` (opened while the daemon starts). */
  static newPage(this: void, browser: Browser): Promise<Page> {
    return browser.newPage({ viewport: { width: 1920, height: 1080 } });
  }

  /**
   * `page` on the daemon at `url`, at its home screen; a screen the daemon shows a moment only can
   * be kept on it for a check (`keepShown`)
   */
  static async open(page: Page, url: string, prefix: string): Promise<KioskPage> {
    const kiosk = new KioskPage(page, url, prefix);
    await recordScreens(page);
    await holdableViews(page);
    await kiosk.home();
    return kiosk;
  }

  /** Loads the UI (again) and waits for the home screen. */
  async home(timeout = 15_000): Promise<void> {
    if (this.page.url() !== this.url) await this.page.goto(this.url);
    await this.page.getByTestId('screen-home').waitFor({ timeout });
  }

  /** Screenshot `<prefix>-<name>.png` and no WCAG 2.1 A/AA violation on it. */
  check(name: string): Promise<void> {
    return checkScreen(this.page, `${this.prefix}-${name}`);
  }

  /**
   * The session's next screen of `step` (one the daemon takes off after a moment, as the ended
   * screen) kept on the page when it comes, until it is checked (`checkShown`, `whileShown`): the
   * views the daemon sends after it wait in the page meanwhile. Before the act that leads there.
   */
  keepShown(step: string): Promise<void> {
    return keepWhenShown(this.page, step);
  }

  /** `check` of the step's screen kept on the page (`keepShown` before): on screen before and after. */
  checkShown(step: string, name: string): Promise<void> {
    const shown = this.page.getByTestId(`step-${step}`);
    return this.whileShown(step, () => checkShownScreen(this.page, `${this.prefix}-${name}`, shown));
  }

  /** `look` at the step's screen kept on the page (`keepShown` before), then the page moves on. */
  whileShown<T>(step: string, look: () => Promise<T>): Promise<T> {
    return whileKept(this.page, step, async () => {
      await this.step(step);
      return look();
    });
  }

  /** Waits until the session shows this step. */
  async step(step: string, timeout = 15_000): Promise<void> {
    await this.page.getByTestId(`step-${step}`).waitFor({ timeout });
  }

  async startJourney(journey: string): Promise<void> {
    await this.page.getByTestId(`journey-${journey}`).click();
  }

  /** The card road every card journey starts with: the journey, the demo card in, the PIN typed. */
  async startWithCardAndPin(journey: string, cardId: string, pin: string): Promise<void> {
    await this.startJourney(journey);
    await this.step('insertCard');
    await this.cardButton(cardId);
    await this.step('enterPin');
    await this.typePin(pin);
  }

  /** The demo panel's one button for a card: insert, take or pull, by where the card is. */
  async cardButton(cardId: string): Promise<void> {
    await this.page.getByTestId(`demo-card-${cardId}`).getByRole('button').first().click();
  }

  async idCardButton(idCardId: string): Promise<void> {
    await this.page.getByTestId(`demo-id-${idCardId}`).getByRole('button').first().click();
  }

  /** A device fault set from the demo panel, listed there once the daemon has it. */
  async setFault(device: string, fault: string): Promise<void> {
    await this.page.getByTestId('fault-device').selectOption(device);
    await this.page.getByTestId('fault-kind').selectOption(fault);
    await this.page.getByTestId('fault-set').click();
    await this.page.locator(`.demo-faults li[data-device="${device}"]`).waitFor();
  }

  /** The device's fault cleared with its own button in the demo panel. */
  async clearFault(device: string): Promise<void> {
    const listed = this.page.locator(`.demo-faults li[data-device="${device}"]`);
    await listed.getByRole('button').click();
    await listed.waitFor({ state: 'detached' });
  }

  /** Types on the demo PIN pad, then Enter. */
  async typePin(pin: string): Promise<void> {
    for (const digit of pin) await this.page.getByTestId(`pad-${digit}`).click();
    await this.page.getByTestId('pad-enter').click();
  }

  /** The face score the camera emulator answers with next. */
  async faceScore(score: number): Promise<void> {
    await this.page.getByRole('button', { name: String(score), exact: true }).click();
  }

  async primary(): Promise<void> {
    await this.page.getByTestId('primary').click();
  }

  async cancel(): Promise<void> {
    await this.page.getByTestId('cancel').click();
  }

  /** The refusal on screen: its code, "what happened" and "what to do next". */
  async refusal(timeout = 15_000): Promise<{ code: string | null; what: string; next: string }> {
    const box = this.page.getByTestId('error-box');
    await box.waitFor({ timeout });
    return {
      code: await box.getAttribute('data-code'),
      what: await box.locator('.error-box__what').innerText(),
      next: await box.locator('.error-box__next').innerText(),
    };
  }

  /** The refusal with this code, once it is on screen. */
  async refusalWith(code: string, timeout = 15_000) {
    await this.page.locator(`[data-testid="error-box"][data-code="${code}"]`).waitFor({ timeout });
    return this.refusal();
  }

  /**
   * The refusal with this code, read in Chinese (the screen checked and saved as `<name>`), then,
   * after switching, in English (saved as `<name>-en`), then back to Chinese. Each language has
   * its own words for what happened and what to do next: no code, no key, no other language.
   * Without a name only the words are read (quick enough for a screen that lasts seconds).
   */
  async refusalInBothLanguages(code: string, name?: string): Promise<BilingualRefusal> {
    const zh = await this.refusalWith(code);
    expectWordsOf('zh-CN', zh);
    if (name) await this.check(name);
    await this.switchLanguage('en');
    const en = await this.refusalWith(code);
    expectWordsOf('en', en);
    expect(en.what).not.toBe(zh.what);
    if (name) await this.check(`${name}-en`);
    await this.switchLanguage('zh-CN');
    return { zh, en };
  }

  /** Large text and high contrast on (each pressed only if it is not on yet). */
  async largeTextAndHighContrast(): Promise<void> {
    for (const id of ['large-text', 'high-contrast']) {
      const tool = this.page.getByTestId(id);
      if ((await tool.getAttribute('aria-pressed')) !== 'true') await tool.click();
      await this.page.waitForFunction(
        (t) => document.querySelector(`[data-testid="${t}"]`)?.getAttribute('aria-pressed') === 'true',
        id,
      );
    }
  }

  /**
   * The screen fits the kiosk's screen as it is (checked and saved as `name`): the resident's side
   * needs no scrolling either way, and every button on it lies inside the window. With `boxes`, no
   * text or child on that side is wider than its own box either (a word sticking out of its button,
   * an amount out of its panel).
   */
  async fitsScreen(name: string, { boxes = false }: { boxes?: boolean } = {}): Promise<void> {
    await this.check(name);
    const overflow = await overflowOf(this.page, boxes);
    expect([name, overflow]).toEqual([name, []]);
  }

  async text(testId: string): Promise<string> {
    return this.page.getByTestId(testId).innerText();
  }

  async bodyText(): Promise<string> {
    return this.page.locator('body').innerText();
  }

  /** Switches the language with the top bar's button and waits for the page to say so. */
  async switchLanguage(to: 'en' | 'zh-CN'): Promise<void> {
    await this.page.getByTestId('language-switch').click();
    await this.page.waitForFunction((lang) => document.documentElement.lang === lang, to);
  }

  /**
   * Back to the home screen after a spec that failed half-way, so the next spec starts clean: every
   * way out on screen pressed (cancel, "finish" on a done screen, cash and cards and ID cards taken
   * back) and pressed again as the next screen comes (a card is ejected only after the cancel),
   * until the home screen shows; the daemon's own timeouts do the rest. At most 60 s.
   */
  async recover(): Promise<void> {
    await letGo(this.page).catch(() => undefined); // a screen kept by a check that failed
    const home = this.page.getByTestId('screen-home');
    const wayOut = this.page.locator(
      [
        '[data-testid="cancel"]',
        // a done screen's only button is "finish" (other screens' primary may confirm or pay)
        '.session-screen--done [data-testid="primary"]',
        '.session-screen--balance [data-testid="primary"]',
        '[data-testid="demo-take-cash"]',
        '[data-testid^="demo-card-"]:has-text("Take") button',
        '[data-testid^="demo-card-"]:has-text("取卡") button',
        '[data-testid^="demo-id-"]:has-text("Take off") button',
        '[data-testid^="demo-id-"]:has-text("取下") button',
      ].join(', '),
    );
    const until = Date.now() + 60_000;
    while (!(await home.isVisible())) {
      if (Date.now() > until) throw new Error('recover: no home screen within 60 s');
      for (const button of await wayOut.all()) {
        await button.click({ timeout: 1_000 }).catch(() => undefined);
      }
      await home.waitFor({ timeout: 1_000 }).catch(() => undefined);
    }
  }

  /**
   * The card at the slot taken back (and the ID card taken off the reader, when one lies there),
   * then the ended screen (checked as `name`, if given: kept on the page till then) and the home screen.
   */
  async takeCardBack(cardId: string, idCardId?: string, name?: string): Promise<void> {
    await this.step('takeCard');
    if (name) await this.keepShown('ended');
    await this.cardButton(cardId);
    if (idCardId) await this.idCardButton(idCardId);
    await this.endedThenHome(name);
  }

  /** The ID card lifted off the reader from the demo panel (the one lying there). */
  async takeIdCard(): Promise<void> {
    await this.page.locator('[data-testid^="demo-id-"][data-on-reader="true"] button').first().click();
  }

  /**
   * The session's ended screen shown since its last other step, however briefly (it may be gone
   * already): read from the page's history of screens, not caught on screen.
   */
  async ended(timeout = 15_000): Promise<void> {
    await sessionEnd(this.page, ['ended', 'home'], timeout);
  }

  /**
   * After a session: the ended screen, then (the daemon keeps it 5 s) the home screen, both from the
   * page's history (`ended`). With a name the ended screen is checked (`checkShown`: kept on the
   * page, `keepShown('ended')` before the act that ended the session; `takeCardBack` does so)
   */
  async endedThenHome(name?: string): Promise<void> {
    // an ID card the session read still on the reader: the resident takes it when asked
    const end = await sessionEnd(this.page, ['ended', 'home', 'takeIdCard'], 15_000);
    // a spec that lifts the ID card itself just before: its lift ends the step in a moment
    if (end === 'takeIdCard') await this.ended(2_000).catch(() => this.takeIdCard());
    await this.ended();
    if (name) await this.checkShown('ended', name);
    await sessionEnd(this.page, ['home'], 15_000);
  }
}
