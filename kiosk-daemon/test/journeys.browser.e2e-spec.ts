import { DEMO_RESIDENTS, formatYuan } from '@kiosk/domain';
import { kioskPageForSuite } from './daemon-with-ui.js';

const resident = (key: string) => DEMO_RESIDENTS.find((r) => r.key === key)!;
const zhang = resident('zhang');
const li = resident('li');
const zhao = resident('zhao');
const NEW_PIN = '390517';

/**
 * Each wired journey done by touch in a real browser against the real daemon with emulators: one
 * daemon and one page for the file, every screen screenshotted and checked with axe-core.
 */
describe('every wired journey on the touch screen (real browser, real daemon)', () => {
  // one withdrawal a day, so the second visit meets today's cap; the ended screen stays 2 s, not 5 s:
  // seven visits wait it out, two check it on the way (kept on the page meanwhile; endedThenHome
  // fails if it was gone before the check ended)
  const kiosk = kioskPageForSuite(
    ['--set', 'caps.withdrawalsPerDay=1', '--set', 'timeouts.endedViewMs=2000'],
    'journeys',
  );

  it('records: shows the last records, prints them, then returns the card', async () => {
    await kiosk.check('home');
    await kiosk.startWithCardAndPin('records', zhang.key, zhang.cardPin);
    await kiosk.step('showRecords');
    await kiosk.page.getByTestId('records-table').waitFor();
    expect(await kiosk.page.locator('[data-testid="records-table"] tbody tr').count()).toBeGreaterThan(0);
    await kiosk.check('records-show');

    await kiosk.primary(); // print
    await kiosk.step('recordsPrinted');
    await kiosk.page.locator('.demo-preview').first().waitFor();
    await kiosk.check('records-printed');
    await kiosk.primary(); // finish
    await kiosk.step('chooseJourney');
    await kiosk.check('records-anything-else');
    await kiosk.primary(); // finish: the card comes back
    await kiosk.step('takeCard');
    await kiosk.check('records-take-card');
    await kiosk.takeCardBack(zhang.key, undefined, 'records-ended');
  }, 90_000);

  it('withdrawal: ID card and face, an amount within the cap, cash taken, receipt', async () => {
    await kiosk.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await kiosk.step('placeIdCard');
    await kiosk.check('withdraw-place-id');
    await kiosk.idCardButton(zhang.key);
    await kiosk.step('chooseAmount');
    // the largest amount offered is the single cap; nothing over it is offered
    await kiosk.page.getByTestId('amount-50000').waitFor();
    expect(await kiosk.page.getByTestId('amount-60000').count()).toBe(0);
    // the amounts and the other kinds of withdrawal fit their buttons, in English too
    await kiosk.fitsScreen('withdraw-choose-amount', { boxes: true });
    await kiosk.switchLanguage('en');
    await kiosk.fitsScreen('withdraw-choose-amount-en', { boxes: true });
    await kiosk.switchLanguage('zh-CN');

    await kiosk.page.getByTestId('amount-50000').click();
    await kiosk.step('takeCash');
    await kiosk.check('withdraw-take-cash');
    await kiosk.page.getByTestId('demo-take-cash').click();
    await kiosk.step('cashWithdrawn');
    await kiosk.check('withdraw-done');
    await kiosk.primary();
    await kiosk.step('chooseJourney');
    await kiosk.primary();
    await kiosk.takeCardBack(zhang.key, zhang.key);
  }, 90_000);

  it('PIN activation in English: a weak PIN is refused with the rule, a strong one activates the card', async () => {
    await kiosk.switchLanguage('en');
    await kiosk.startJourney('activatePin');
    await kiosk.step('insertCard');
    expect(await kiosk.page.locator('.screen-title').innerText()).toMatch(/insert/i);
    await kiosk.cardButton(zhao.key);
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(zhao.key);
    await kiosk.step('enterNewPin');
    await kiosk.check('activate-new-pin-en');

    await kiosk.typePin(zhao.cardPin); // the default PIN is weak
    const weak = await kiosk.refusalWith('PIN_WEAK');
    expect(weak.next.length).toBeGreaterThan(0);
    await kiosk.check('activate-weak-pin-en');
    await kiosk.typePin(NEW_PIN);
    await kiosk.step('confirmNewPin');
    await kiosk.check('activate-confirm-pin-en');
    await kiosk.typePin(NEW_PIN);
    await kiosk.step('pinSaved');
    await kiosk.check('activate-saved-en');
    expect(await kiosk.bodyText()).not.toContain(NEW_PIN);
    await kiosk.primary();
    await kiosk.step('chooseJourney');
    await kiosk.primary();
    await kiosk.takeCardBack(zhao.key, zhao.key, 'activate-ended-en');
    // the next resident starts in Chinese
    await kiosk.page.waitForFunction(() => document.documentElement.lang === 'zh-CN');
  }, 90_000);

  it('loss report: by ID card and face, without the card, with the day the temporary loss lapses', async () => {
    await kiosk.startJourney('reportLoss');
    await kiosk.step('placeIdCard');
    // the previous resident chose English; this one starts in Chinese
    expect(await kiosk.page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    await kiosk.idCardButton(li.key);
    await kiosk.step('confirmLoss');
    await kiosk.check('loss-confirm');
    await kiosk.primary();
    await kiosk.step('lossReported');
    expect(await kiosk.text('loss-lapses')).toMatch(/\d{4}/);
    await kiosk.check('loss-reported');
    await kiosk.idCardButton(li.key);
    await kiosk.primary();
    await kiosk.endedThenHome();
  }, 60_000);

  it('switching the language mid-journey keeps the step and the PIN digits entered', async () => {
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(zhang.key);
    await kiosk.step('enterPin');
    for (const digit of zhang.cardPin.slice(0, 3)) await kiosk.page.getByTestId(`pad-${digit}`).click();
    await kiosk.page.locator('.pin-dot--filled').nth(2).waitFor();
    const zhTitle = await kiosk.page.locator('.screen-title').innerText();

    await kiosk.switchLanguage('en');
    await kiosk.step('enterPin');
    expect(await kiosk.page.locator('.pin-dot--filled').count()).toBe(3);
    const enTitle = await kiosk.page.locator('.screen-title').innerText();
    expect(enTitle).not.toBe(zhTitle);
    expect(enTitle).toMatch(/PIN/);
    await kiosk.check('balance-mid-journey-en');

    for (const digit of zhang.cardPin.slice(3)) await kiosk.page.getByTestId(`pad-${digit}`).click();
    await kiosk.page.getByTestId('pad-enter').click();
    await kiosk.step('showBalance');
    // the balance after the 500 yuan withdrawn above
    expect(await kiosk.text('balance-amount')).toContain(formatYuan(zhang.balanceFen - 50_000));
    await kiosk.switchLanguage('zh-CN');
    await kiosk.step('showBalance');
    await kiosk.check('balance-back-in-zh');
    await kiosk.primary();
    await kiosk.takeCardBack(zhang.key);
  }, 60_000);

  it("withdrawal over today's cap: refused before any amount, the card back with why and what to do", async () => {
    await kiosk.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(zhang.key);
    // refused before any amount is offered; the card comes back with the reason on screen
    const refusal = await kiosk.refusalWith('WITHDRAWAL_DAILY_COUNT_EXCEEDED');
    expect(refusal.next.length).toBeGreaterThan(0);
    await kiosk.step('takeCard');
    expect(await kiosk.page.locator('[data-testid^="amount-"]').count()).toBe(0);
    await kiosk.check('withdraw-daily-cap');
    await kiosk.cardButton(zhang.key);
    await kiosk.idCardButton(zhang.key);
    await kiosk.endedThenHome();
  }, 60_000);

  // in English beside the demo panel (landscape), where the top bar broke into two rows and pushed
  // the home screen's last journeys and the records' buttons off screen, "anything else?" broke its
  // services a word per line with the last one off screen, and the balance left its panel
  it('anything else: records, then the balance from the same screen with no second PIN, then the card back', async () => {
    await kiosk.switchLanguage('en');
    await kiosk.fitsScreen('home-en', { boxes: true });
    await kiosk.startWithCardAndPin('records', zhang.key, zhang.cardPin);
    await kiosk.step('showRecords');
    await kiosk.fitsScreen('anything-else-records-en', { boxes: true });
    await kiosk.cancel(); // no print ("Done"): on to "anything else?"
    await kiosk.step('chooseJourney');
    await kiosk.page.getByTestId('further-journeys').waitFor();
    await kiosk.fitsScreen('anything-else-menu', { boxes: true });
    await kiosk.page.getByTestId('further-journeys').getByTestId('journey-balance').click();
    await kiosk.step('showBalance');
    await kiosk.fitsScreen('anything-else-balance-en', { boxes: true });
    // zhang withdrew earlier in this file: the amount is whatever the host says now
    expect(await kiosk.text('balance-amount')).toMatch(/\d/);
    await kiosk.primary(); // finish: the card comes back
    await kiosk.takeCardBack(zhang.key);
  }, 60_000);
});
