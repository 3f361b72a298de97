/**
 * The ID card left on the reader, on the touch screen (real browser, real daemon): at the end of
 * a session that read it, the screen asks the resident to take their ID card, in both languages,
 * with nothing to press; left there past the take timeout, the next session does not read it
 * until it is lifted and placed again. Screens checked with axe.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { kioskPageForSuite } from './daemon-with-ui.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const TAKE_MS = 6_000;

describe('the ID card left on the reader (real browser, real daemon)', () => {
  const kiosk = kioskPageForSuite(
    ['--set', `timeouts.cardTakeMs=${TAKE_MS}`, '--set', 'timeouts.endedViewMs=1000'],
    'id-card-left',
  );

  /** A loss report identified by the ID card on the reader, then cancelled at its question. */
  async function identifiedThenCancelled(): Promise<void> {
    await kiosk.step('confirmLoss', 20_000);
    await kiosk.cancel();
  }

  it('the kiosk asks the resident to take their ID card, in both languages; taken, the session ends', async () => {
    await kiosk.startJourney('reportLoss');
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(li.key);
    await identifiedThenCancelled();
    await kiosk.step('takeIdCard', 10_000);
    const screen = kiosk.page.getByTestId('step-takeIdCard');
    expect(await screen.innerText()).toContain('请取走您的身份证');
    expect(await screen.getByRole('button').count()).toBe(0);
    await kiosk.check('take-id-card-zh');
    await kiosk.switchLanguage('en');
    expect(await screen.innerText()).toContain('Please take your ID card');
    await kiosk.check('take-id-card-en');
    await kiosk.switchLanguage('zh-CN');
    await kiosk.takeIdCard();
    await kiosk.step('ended', 5_000);
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  }, 120_000);

  it('an ID card left by the last resident is not read for the next session', async () => {
    await kiosk.startJourney('reportLoss');
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(li.key);
    await identifiedThenCancelled();
    await kiosk.step('takeIdCard', 10_000);
    // not taken: the session ends at the take timeout
    await kiosk.step('ended', TAKE_MS + 5_000);
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });

    await kiosk.startJourney('reportLoss');
    await kiosk.step('placeIdCard');
    await kiosk.page.waitForTimeout(2_000);
    expect(await kiosk.page.getByTestId('step-placeIdCard').isVisible()).toBe(true);
    expect(await kiosk.text('step-placeIdCard')).toContain('重新放置');
    // lifted and placed again: read
    await kiosk.idCardButton(li.key);
    await kiosk.page.locator(`[data-testid="demo-id-${li.key}"][data-on-reader="false"]`).waitFor();
    await kiosk.idCardButton(li.key);
    await identifiedThenCancelled();
    await kiosk.step('takeIdCard', 10_000);
    await kiosk.takeIdCard();
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  }, 120_000);
});
