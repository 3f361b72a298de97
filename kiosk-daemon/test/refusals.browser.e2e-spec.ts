import { DEMO_RESIDENTS } from '@kiosk/domain';
import { createHostSimulator, type HostSimulator } from '@kiosk/host-simulator';
import { kioskPageForSuite } from './daemon-with-ui.js';

const resident = (key: string) => DEMO_RESIDENTS.find((r) => r.key === key)!;
const zhang = resident('zhang');
const li = resident('li');
const wang = resident('wang');
const WRONG_PIN = '000000';
// the test profile's kiosk and its key (not secret)
const KIOSK_ID = 'JZ-9001';
const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

/**
 * The refusals a resident can meet, on the touch screen of the real daemon: each shows what
 * happened and what to do next, and the test does that next thing. One daemon and one page.
 */
describe('refusals on the touch screen (real browser, real daemon)', () => {
  // a card left at the slot is pulled back after 15 s instead of 30 s: long enough for the refusals
  // read in both languages and the screen checked before the card is taken, on a loaded machine too.
  // Every visit here passes the ended screen on its way home, checked there once with the daemon held
  // still (endedThenHome): it stays 2 s, not the profile's 5 s
  const kiosk = kioskPageForSuite(
    ['--set', 'timeouts.cardTakeMs=15000', '--set', 'timeouts.endedViewMs=2000'],
    'refusal',
  );

  it('PIN_WRONG with tries left: says how many are left, then the card is blocked at the last one', async () => {
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(li.key);
    await kiosk.step('enterPin');

    await kiosk.typePin(WRONG_PIN);
    await kiosk.page.getByTestId('attempts-left').waitFor();
    expect(await kiosk.text('attempts-left')).toContain('2');
    await kiosk.refusalInBothLanguages('PIN_WRONG', 'pin-wrong');
    await kiosk.step('enterPin'); // the next thing to do: type the PIN again
    // the same refusal in large text and high contrast
    await kiosk.page.getByTestId('large-text').click();
    await kiosk.page.getByTestId('high-contrast').click();
    await kiosk.check('pin-wrong-large-high-contrast');
    await kiosk.page.getByTestId('large-text').click();
    await kiosk.page.getByTestId('high-contrast').click();

    await kiosk.typePin(WRONG_PIN);
    await kiosk.page.getByTestId('attempts-left').filter({ hasText: '1' }).waitFor();
    await kiosk.typePin(WRONG_PIN);
    // the card must be taken within the take timeout: the words only, in both languages, then the screen
    await kiosk.refusalInBothLanguages('PIN_BLOCKED');
    await kiosk.step('takeCard'); // the card comes back
    await kiosk.check('pin-blocked-take-card');
    await kiosk.takeCardBack(li.key, undefined, 'pin-blocked-ended');
  }, 90_000);

  it('locked card asks for a PIN: the blocked card inserted again is told at once, before any PIN, in both languages, and returned', async () => {
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(li.key);
    const { en } = await kiosk.refusalInBothLanguages('PIN_ALREADY_BLOCKED');
    // this kiosk offers the reset: the resident is sent there, with the ID card and face
    expect(en.next).toContain('Reset PIN');
    await kiosk.step('takeCard');
    await kiosk.check('blocked-card');
    expect(await kiosk.page.getByTestId('step-enterPin').count()).toBe(0);
    await kiosk.cardButton(li.key);
    await kiosk.endedThenHome();
  }, 60_000);

  it('CARD_EXPIRED: the expired card is refused at reading and handed back', async () => {
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(wang.key);
    await kiosk.refusalInBothLanguages('CARD_EXPIRED');
    await kiosk.step('takeCard');
    await kiosk.check('card-expired');
    await kiosk.cardButton(wang.key);
    await kiosk.endedThenHome();
  }, 60_000);

  it('FACE_NOT_MATCHED: says so with the tries left; a retry that matches goes on to the amounts', async () => {
    await kiosk.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await kiosk.step('placeIdCard');
    await kiosk.faceScore(40);
    await kiosk.idCardButton(zhang.key);
    await kiosk.step('faceNotMatched');
    await kiosk.page.getByTestId('face-tries-left').waitFor();
    await kiosk.refusalInBothLanguages('FACE_NOT_MATCHED', 'face-not-matched');

    await kiosk.faceScore(95);
    await kiosk.primary(); // try again
    await kiosk.step('chooseAmount');
    await kiosk.cancel();
    await kiosk.takeCardBack(zhang.key, zhang.key);
  }, 90_000);
});

describe('a card nobody takes on the touch screen (real browser, real daemon)', () => {
  // the card is pulled back after 2 s (15 s above, where refusals are read while it waits): here
  // nothing is read before, the take-card step only seen, so the case waits 2 s for it (5 s before),
  // as device-refusals waits for the cash nobody takes
  const kiosk = kioskPageForSuite(['--set', 'timeouts.cardTakeMs=2000'], 'refusal-not-taken');

  it('card not taken: pulled back into the kiosk, and the screen says where to get it back', async () => {
    await kiosk.startWithCardAndPin('balance', zhang.key, zhang.cardPin);
    await kiosk.step('showBalance');
    await kiosk.keepShown('ended');
    await kiosk.primary();
    await kiosk.step('takeCard');
    // nobody takes it: after 2 s the card goes into the capture bin
    await kiosk.step('ended', 30_000);
    // read on the ended screen (5 s) kept on the page: a loaded machine's reading outlasts it
    await kiosk.whileShown('ended', async () => {
      await kiosk.refusalInBothLanguages('CARD_NOT_TAKEN_RETRACTED');
      await kiosk.check('card-retracted');
    });
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
    await kiosk.page
      .getByTestId(`demo-card-${zhang.key}`)
      .filter({ hasText: /captured|吞|回收/ })
      .waitFor();
  }, 60_000);
});

describe('host unreachable on the touch screen (real browser, real daemon)', () => {
  let host: HostSimulator;
  const kiosk = kioskPageForSuite(
    async () => {
      // the back office in this process, so the test can take it away in the middle of a journey
      host = createHostSimulator({ kioskKeys: { [KIOSK_ID]: KIOSK_KEY } });
      const { url } = await host.listen(0, '127.0.0.1');
      return ['--set', 'host.mode=external', '--set', `host.url=${url}`];
    },
    'refusal-host',
    {
      recoverAfterEach: false,
      afterStop: async () => {
        await host?.close();
      },
    },
  );

  it('HOST_UNREACHABLE: the balance cannot be fetched; the card comes back and the screen says what to do', async () => {
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(zhang.key);
    await kiosk.step('enterPin');
    await host.close(); // the back office goes away
    await kiosk.typePin(zhang.cardPin);
    await kiosk.step('takeCard');
    await kiosk.refusalInBothLanguages('HOST_UNREACHABLE', 'host-unreachable');
    await kiosk.cardButton(zhang.key);
    await kiosk.ended();
  }, 60_000);
});
