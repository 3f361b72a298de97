/**
 * Refusals of the card and the ID card on the touch screen of the real daemon: a card of another
 * region, a card not active yet, an ID card expired or with a bad number, a new PIN typed
 * differently twice, a new card asked for with no application. Each says what happened and what
 * to do next, in Chinese and in English, and the card comes back.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { kioskPageForSuite } from './daemon-with-ui.js';

const resident = (key: string) => DEMO_RESIDENTS.find((r) => r.key === key)!;
const zhang = resident('zhang');
const zhao = resident('zhao');
// the emulated ID reader's cards besides the demo residents'
const EXPIRED_ID = 'expired';
const BAD_CHECKSUM_ID = 'bad-checksum';

/**
 * Every refusal here is read while the card or the ID card is still out to be taken (takeCard,
 * takeIdCard: the card take's 30 s), never on the ended screen, which each visit only passes on
 * its way home: it stays 2 s, not 5 s.
 */
const ENDED_VIEW = ['--set', 'timeouts.endedViewMs=2000'];

describe('card and ID card refusals on the touch screen (real browser, real daemon)', () => {
  const kiosk = kioskPageForSuite(ENDED_VIEW, 'refusal-card');

  it('CARD_NOT_ACTIVE: a new card not activated yet cannot show a balance, refused as it is read (no PIN asked); the screen says to activate it', async () => {
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(zhao.key);
    const refusal = await kiosk.refusalInBothLanguages('CARD_NOT_ACTIVE', 'card-not-active');
    expect(refusal.zh.next).toContain('启用社保卡');
    await kiosk.takeCardBack(zhao.key);
  }, 90_000);

  it('PIN_MISMATCH: the new PIN typed differently the second time is refused, and the new PIN is asked for again', async () => {
    await kiosk.startJourney('activatePin');
    await kiosk.step('insertCard');
    await kiosk.cardButton(zhao.key);
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(zhao.key);
    await kiosk.step('enterNewPin');
    await kiosk.typePin('390517');
    await kiosk.step('confirmNewPin');
    await kiosk.typePin('390518');
    await kiosk.refusalInBothLanguages('PIN_MISMATCH', 'pin-mismatch');
    // the next thing to do: the new PIN again, twice
    await kiosk.step('enterNewPin');
    await kiosk.page.getByTestId('new-pin-tries-left').waitFor();
    await kiosk.cancel();
    await kiosk.takeCardBack(zhao.key, zhao.key);
  }, 90_000);

  it('ID_CARD_EXPIRED: an expired ID card is refused before the face; the card comes back', async () => {
    await kiosk.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(EXPIRED_ID);
    const refusal = await kiosk.refusalInBothLanguages('ID_CARD_EXPIRED', 'id-card-expired');
    expect(refusal.zh.what).toContain('身份证');
    await kiosk.takeCardBack(zhang.key, EXPIRED_ID);
  }, 90_000);

  it('ID_NUMBER_CHECKSUM: an ID card whose number does not check out is refused; the card comes back', async () => {
    await kiosk.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(BAD_CHECKSUM_ID);
    await kiosk.refusalInBothLanguages('ID_NUMBER_CHECKSUM', 'id-number-checksum');
    await kiosk.takeCardBack(zhang.key, BAD_CHECKSUM_ID);
  }, 90_000);

  it('APPLICATION_NOT_FOUND: a new card asked for with no application at the back office; the screen sends to a counter', async () => {
    await kiosk.startJourney('issueCard');
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(zhang.key);
    // no card in the reader: the session ends with the refusal on screen for a few seconds
    const refusal = await kiosk.refusalInBothLanguages('APPLICATION_NOT_FOUND', 'application-not-found');
    expect(refusal.en.next).toMatch(/counter|apply/i);
    await kiosk.idCardButton(zhang.key);
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  }, 90_000);
});

describe('a card of another region on the touch screen (real browser, real daemon)', () => {
  // this kiosk serves Zhengzhou (4101): the Jiaozuo (4108) demo cards are from another region
  const kiosk = kioskPageForSuite(
    ['--set', "kiosk.region.idRegionPrefixes=['4101']", ...ENDED_VIEW],
    'refusal-region',
    { recoverAfterEach: false },
  );

  it('CARD_OTHER_REGION: refused at reading, before any PIN, with where to go; the card comes back', async () => {
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(zhang.key);
    const refusal = await kiosk.refusalInBothLanguages('CARD_OTHER_REGION', 'card-other-region');
    expect(refusal.zh.next).toContain('发卡地');
    await kiosk.step('takeCard');
    expect(await kiosk.page.getByTestId('step-enterPin').count()).toBe(0);
    await kiosk.cardButton(zhang.key);
    await kiosk.endedThenHome();
  }, 90_000);
});
