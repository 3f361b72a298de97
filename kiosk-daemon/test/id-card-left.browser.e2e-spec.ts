/**
 * The ID card left on the reader, on the touch screen (real browser, real daemon): at the end of
 * a session that read it, the screen asks the resident to take their ID card, in both languages,
 * with nothing to press; left there past the take timeout, the next session does not read it
 * until it is lifted and placed again. Screens checked with axe. The ID reader is the demo's: the
 * GA 467 driver against the byte-level emulator the daemon starts on a pseudo terminal, which halts
 * the card it has read, as real modules do.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { daemonWithUiForSuite } from './daemon-with-ui.js';
import { writeSerialProfile } from './serial-devices-config.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
const TAKE_MS = 6_000;
/**
 * the driver's looks at the pad (it looks every 200 ms) for the card left there, one that must not
 * be read, to be read if the daemon took it for one placed for the session
 */
const SOME_LOOKS = 5;

describe('the ID card left on the reader (real browser, real daemon)', () => {
  const profile = writeSerialProfile();
  const suite = daemonWithUiForSuite(
    [...profile.args, '--set', `timeouts.cardTakeMs=${TAKE_MS}`, '--set', 'timeouts.endedViewMs=1000'],
    'id-card-left',
  );
  // the daemon's demo state, for the driver's looks; the ID card lifted from the page only
  beforeAll(() => (suite.client.liftsIdCard = false));
  afterAll(() => profile.remove());

  /** A loss report identified by the ID card on the reader, then cancelled at its question. */
  async function identifiedThenCancelled(): Promise<void> {
    const { kiosk } = suite.ui;
    await kiosk.step('confirmLoss', 20_000);
    await kiosk.cancel();
  }

  it('the kiosk asks the resident to take their ID card, in both languages; taken, the session ends', async () => {
    const { kiosk } = suite.ui;
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
    await kiosk.ended(5_000); // shown 1 s: read from the page's history
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  }, 120_000);

  it('an ID card left by the last resident is not read for the next session', async () => {
    const { kiosk } = suite.ui;
    await kiosk.startJourney('reportLoss');
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(li.key);
    await identifiedThenCancelled();
    await kiosk.step('takeIdCard', 10_000);
    // not taken: the session ends at the take timeout
    await kiosk.ended(TAKE_MS + 5_000);
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });

    await kiosk.startJourney('reportLoss');
    await kiosk.step('placeIdCard');
    // the card left there lies on the reader all along: never read for this session
    expect(await suite.client.idReaderLooks(SOME_LOOKS)).toEqual({ reads: 0 });
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
