/**
 * Refusals a device causes, on the touch screen of the real daemon, the faults set from the demo
 * panel as a person trying the kiosk would: nobody before the camera, an ID card the reader
 * cannot read, notes jammed in the dispenser, cash left in the slot, a card upside down or with a
 * silent chip, the card pulled out during the PIN, the card printer's print head failing. Each
 * says what happened and what to do next, in Chinese and in English.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { kioskPageForSuite } from './daemon-with-ui.js';
import type { KioskPage } from './kiosk-page.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const wang = DEMO_RESIDENTS.find((r) => r.key === 'wang')!;
/**
 * cash left at the slot is pulled back after this, where nobody reads a screen meanwhile: the
 * take-cash step is only seen before the retract, and the refusal is read after it, the card still
 * out (5 s before: the wait was most of the case)
 */
const CASH_NOT_TAKEN_MS = 2_000;

/** zhang's card and PIN: the withdrawal's ID card step */
async function toIdCard(kiosk: KioskPage): Promise<void> {
  await kiosk.startWithCardAndPin('withdraw', zhang.key, zhang.cardPin);
  await kiosk.step('placeIdCard');
}

/**
 * The refusal `code` of a session that ends (on screen for a few seconds, or until the step asking
 * for the ID card back times out), read and checked in both languages (`name`) while the page keeps
 * the step it shows (`keepShown(step)` before the act that leads there): on screen when the reading
 * begins and still after it (read again in English after the switch, and in Chinese at the end).
 */
async function refusalAsTheSessionEnds(kiosk: KioskPage, code: string, name: string, step = 'ended') {
  await kiosk.refusalWith(code);
  return kiosk.whileShown(step, async () => {
    const refusal = await kiosk.refusalInBothLanguages(code, name);
    await kiosk.refusalWith(code, 1_000);
    return refusal;
  });
}

describe('device refusals on the touch screen (real browser, real daemon)', () => {
  // cash left at the slot is pulled back after 15 s instead of 30 s: long enough for the jam's
  // screen to be checked and read in both languages before the cash is taken, on a loaded machine too.
  // Every refusal here is read while the visit goes on (a card or cash still out to be taken), never
  // on the ended screen, which each visit only passes on its way home: it stays 1 s, not 5 s (as in
  // the countdowns spec, whose visits pass it the same way)
  const kiosk = kioskPageForSuite(
    ['--set', 'timeouts.cashTakeMs=15000', '--set', 'timeouts.endedViewMs=1000'],
    'refusal-device',
  );

  it('FACE_NOT_DETECTED: nobody before the camera; the screen says where to stand', async () => {
    await kiosk.setFault('camera', 'noFace');
    await toIdCard(kiosk);
    await kiosk.idCardButton(zhang.key);
    const refusal = await kiosk.refusalInBothLanguages('FACE_NOT_DETECTED', 'face-not-detected');
    expect(refusal.zh.next).toContain('摄像头');
    await kiosk.clearFault('camera');
    await kiosk.cancel();
    await kiosk.takeCardBack(zhang.key, zhang.key);
  }, 90_000);

  it('ID_CARD_UNREADABLE: the ID card cannot be read; the screen says how to place it', async () => {
    await kiosk.setFault('idReader', 'unreadable');
    await toIdCard(kiosk);
    await kiosk.idCardButton(zhang.key);
    await kiosk.refusalInBothLanguages('ID_CARD_UNREADABLE', 'id-card-unreadable');
    await kiosk.clearFault('idReader');
    await kiosk.takeCardBack(zhang.key, zhang.key);
  }, 90_000);

  it('CASH_JAM: the dispenser jams after one note; the screen says what was paid and that the rest stays in the account', async () => {
    await kiosk.setFault('cashDispenser', 'jam');
    await toIdCard(kiosk);
    await kiosk.idCardButton(zhang.key);
    await kiosk.step('chooseAmount');
    await kiosk.page.getByTestId('amount-20000').click();
    // one 100-yuan note reached the slot before the jam: it is given, the other 100 yuan are not taken
    await kiosk.step('takeCash');
    const short = kiosk.page.getByTestId('paid-short');
    expect(await short.innerText()).toMatch(/100 元.*100 元/);
    await kiosk.check('cash-jam-take-cash');
    await kiosk.switchLanguage('en');
    expect(await short.innerText()).toMatch(/only 100 yuan.*other 100 yuan stay in your account/i);
    await kiosk.switchLanguage('zh-CN');
    await kiosk.page.getByTestId('demo-take-cash').click();
    await kiosk.step('cashWithdrawn');
    expect(await kiosk.text('paid')).toContain('100');
    expect(await kiosk.text('paid')).not.toContain('200');
    await short.waitFor();
    await kiosk.check('cash-jam-paid');
    await kiosk.clearFault('cashDispenser');
    await kiosk.primary();
    await kiosk.step('chooseJourney');
    await kiosk.primary();
    await kiosk.takeCardBack(zhang.key, zhang.key);
  }, 90_000);

  it('CARD_UNREADABLE: a card put in upside down cannot be read; the screen says how to insert it', async () => {
    await kiosk.setFault('cardReader', 'upsideDown');
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(zhang.key);
    const refusal = await kiosk.refusalInBothLanguages('CARD_UNREADABLE', 'card-unreadable');
    expect(refusal.zh.next).toContain('芯片');
    await kiosk.clearFault('cardReader');
    await kiosk.takeCardBack(zhang.key);
  }, 90_000);

  it('CARD_MUTE: a chip that does not answer; the screen sends to staff', async () => {
    await kiosk.setFault('cardReader', 'mute');
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(zhang.key);
    await kiosk.refusalInBothLanguages('CARD_MUTE', 'card-mute');
    await kiosk.clearFault('cardReader');
    await kiosk.takeCardBack(zhang.key);
  }, 90_000);
});

describe('device refusals read on the ended screen, and cash not taken (real browser, real daemon)', () => {
  // no card in the reader: the session ends with the refusal, read on the ended screen in both
  // languages and checked twice, kept on the page (`refusalAsTheSessionEnds`): the screen cannot
  // go meanwhile, so it stays 2 s, not the daemon's 5 s. Cash nobody takes is pulled back after 2 s (the
  // profile's 30 s; 15 s above, where the jam's screen is read while the cash waits): no test here
  // reads a screen while cash waits to be taken
  const kiosk = kioskPageForSuite(
    ['--set', `timeouts.cashTakeMs=${CASH_NOT_TAKEN_MS}`, '--set', 'timeouts.endedViewMs=2000'],
    'refusal-device-ended',
  );

  it('CASH_NOT_TAKEN: cash left in the slot is pulled back and the amount returned; the screen says so', async () => {
    await toIdCard(kiosk);
    await kiosk.idCardButton(zhang.key);
    await kiosk.step('chooseAmount');
    await kiosk.page.getByTestId('amount-10000').click();
    await kiosk.step('takeCash');
    // nobody takes it: after 2 s the notes go back into the kiosk
    await kiosk.refusalWith('CASH_NOT_TAKEN', 30_000);
    const refusal = await kiosk.refusalInBothLanguages('CASH_NOT_TAKEN', 'cash-not-taken');
    expect(refusal.en.what).toMatch(/account/i);
    await kiosk.takeCardBack(zhang.key, zhang.key);
  }, 90_000);

  it('DEVICE_HARDWARE_ERROR: the card printer’s print head fails while a card is made; the screen sends to another kiosk or a counter', async () => {
    await kiosk.startJourney('issueCard');
    await kiosk.step('placeIdCard');
    await kiosk.setFault('cardPrinter', 'printHeadError');
    try {
      await kiosk.keepShown('takeIdCard');
      await kiosk.idCardButton(wang.key);
      // no card in the reader: the session ends with the refusal, shown while the ID card is asked back
      const refusal = await refusalAsTheSessionEnds(
        kiosk,
        'DEVICE_HARDWARE_ERROR',
        'card-printer-fault',
        'takeIdCard',
      );
      expect(refusal.zh.next).toContain('服务窗口');
    } finally {
      await kiosk.clearFault('cardPrinter');
    }
    await kiosk.idCardButton(wang.key);
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  }, 120_000);

  it('CARD_REMOVED: the card pulled out during the PIN ends the visit with what to do', async () => {
    await kiosk.startJourney('balance');
    await kiosk.step('insertCard');
    await kiosk.cardButton(zhang.key);
    await kiosk.step('enterPin');
    await kiosk.keepShown('ended');
    await kiosk.cardButton(zhang.key); // the panel's button for a card in the reader: pull it out
    // no card in the reader: the session ends with the refusal on screen for a few seconds
    await refusalAsTheSessionEnds(kiosk, 'CARD_REMOVED', 'card-removed');
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  }, 90_000);
});
