/**
 * The kiosk's time zone comes from its profile (`kiosk.timeZone`) to the screen with the kiosk's
 * view: a kiosk in Xinjiang on local practice (Asia/Urumqi, two hours behind Beijing) says the
 * balance "as of" in its own time, not in China Standard Time, which the UI once had as a constant.
 * Real daemon, real browser; the expected texts are formatted by the same browser.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { kioskPageForSuite } from './daemon-with-ui.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;

describe('a kiosk whose profile names Asia/Urumqi (real browser, real daemon)', () => {
  const kiosk = kioskPageForSuite(['--set', 'kiosk.timeZone=Asia/Urumqi'], 'time-zone');

  it('says the balance as of the kiosk’s own time', async () => {
    const page = kiosk.page;
    await kiosk.home();
    await kiosk.switchLanguage('en');
    const before = Date.now();
    await kiosk.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    await kiosk.step('showBalance');
    const after = Date.now();
    const shown = await page.locator('.balance-panel__as-of').innerText();
    const inZone = (zone: string) =>
      page.evaluate(
        ({ instants, timeZone }) =>
          instants.map((at) =>
            new Date(at).toLocaleString('en', { dateStyle: 'medium', timeStyle: 'short', timeZone }),
          ),
        { instants: [before, after], timeZone: zone },
      );
    const urumqi = await inZone('Asia/Urumqi');
    const shanghai = await inZone('Asia/Shanghai');
    expect(urumqi.some((text) => shown.includes(text))).toBe(true);
    expect(shanghai.some((text) => shown.includes(text))).toBe(false);
    await kiosk.primary();
    await kiosk.step('takeCard');
    await kiosk.cardButton(zhang.key);
    await kiosk.ended();
  }, 60_000);
});
