/**
 * Changing the PIN on the touch screen (real browser, real daemon): the home screen offers change
 * and reset; the PIN screen asks for the current PIN and keeps showing it after the sixth digit
 * until Enter is pressed; the new PIN twice; the "PIN changed" screen. Every screen passes axe.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import type { Page } from 'playwright-core';
import { daemonWithUi, type DaemonWithUi } from './daemon-with-ui.js';
import { checkScreen } from './screen-check.js';
import { UiClient } from './ui-client.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const NEW_PIN = '730194';

describe('a resident changes the PIN on the touch screen (real browser, real daemon)', () => {
  let ui: DaemonWithUi;
  let page: Page;

  beforeAll(async () => {
    ui = await daemonWithUi([], 'pin');
    page = ui.kiosk.page;
  }, 60_000);

  afterAll(async () => {
    expect(await ui?.stop()).toBe(0);
  }, 30_000); // the browser closed, then the daemon's stop (killed after 10 s)

  const shot = (name: string) => checkScreen(page, `pin-${name}`);
  const typeOnPad = async (pin: string) => {
    for (const digit of pin) await page.getByTestId(`pad-${digit}`).click();
  };
  const title = () => page.locator('.screen-title').innerText();
  /** the session's language set by another client of the daemon; resolves once the page shows it */
  const languageFromTheDaemon = async (locale: 'en' | 'zh-CN') => {
    const other = new UiClient(ui.daemon.url);
    try {
      await other.connected();
      expect(await other.emit('locale.set', { locale })).toEqual({ ok: true });
    } finally {
      other.close();
    }
    await page.waitForFunction((lang) => document.documentElement.lang === lang, locale);
  };

  it('asks for the current PIN, waits for Enter after six digits, then sets the new PIN', async () => {
    await page.goto(ui.daemon.url);
    await page.getByTestId('journey-resetPin').waitFor();
    await page.getByTestId('journey-changePin').click();
    await page.getByTestId('step-insertCard').waitFor();
    await page.getByTestId(`demo-card-${zhang.key}`).getByRole('button').first().click();

    await page.getByTestId('step-enterPin').waitFor();
    expect(await title()).toBe('请输入当前密码');
    await typeOnPad(zhang.cardPin);
    await page.waitForFunction(() => document.querySelectorAll('.pin-dot--filled').length === 6);
    // six digits typed is not a PIN sent to the card: the PIN screen stays until Enter. Seen after
    // a later view on the page's own connection: the language set from another connection, pushed
    // after every view the six digits changed; then set back
    await languageFromTheDaemon('en');
    await languageFromTheDaemon('zh-CN');
    expect(await page.getByTestId('step-enterPin').count()).toBe(1);
    expect(await page.getByTestId('step-verifyingPin').count()).toBe(0);
    await shot('current-pin-typed');
    await page.getByTestId('pad-enter').click();

    await page.getByTestId('step-enterNewPin').waitFor();
    await typeOnPad(NEW_PIN);
    await page.getByTestId('pad-enter').click();
    await page.getByTestId('step-confirmNewPin').waitFor();
    await typeOnPad(NEW_PIN);
    await page.getByTestId('pad-enter').click();

    await page.getByTestId('step-pinSaved').waitFor();
    expect(await title()).toBe('密码修改成功');
    expect(await page.locator('body').innerText()).not.toContain(NEW_PIN);
    await shot('changed');
  }, 60_000);
});
