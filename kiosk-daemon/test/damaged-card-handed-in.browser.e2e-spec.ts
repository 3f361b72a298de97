/**
 * A damaged card handed in on the touch screen (real browser, real daemon): the replacement asks
 * why in Chinese and in English, the damaged card is asked for and inserted from the demo panel,
 * captured (the panel shows it in the capture bin), and the fee screen follows; someone else's card
 * is refused in both languages and asked to be taken back as "this card", not the resident's own. Every screen is screenshotted and checked with axe.
 */
import { DEMO_RESIDENTS } from '@kiosk/domain';
import { kioskPageForSuite } from './daemon-with-ui.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;

describe('a damaged card handed in on the touch screen (real browser, real daemon)', () => {
  // the ended screen is only passed on the way home, never checked: 2 s, not 5 s
  const kiosk = kioskPageForSuite(
    ['--set', 'card.damagedCardHandIn=true', '--set', 'timeouts.endedViewMs=2000'],
    'damaged-card',
  );

  async function askedWhy(idCardId: string): Promise<void> {
    await kiosk.startJourney('replaceCard');
    await kiosk.step('placeIdCard');
    await kiosk.idCardButton(idCardId);
    await kiosk.step('replacementReason', 30_000);
  }

  it('fault: someone else’s card: refused with ID_MISMATCH in both languages, given back', async () => {
    await askedWhy(li.key);
    await kiosk.page.getByTestId('reason-damaged').click();
    await kiosk.step('insertOldCard');
    await kiosk.cardButton(zhang.key);
    await kiosk.refusalInBothLanguages('ID_MISMATCH', 'not-holders-card');
    // at the slot it is "this card", not the resident's own
    await kiosk.step('takeCard');
    expect(await kiosk.bodyText()).toContain('请取回这张卡片');
    expect(await kiosk.bodyText()).not.toContain('请取走您的卡片');
    await kiosk.cardButton(zhang.key); // taken back from the slot
    await kiosk.idCardButton(li.key);
    await kiosk.page.getByTestId('screen-home').waitFor({ timeout: 15_000 });
  }, 90_000);

  it('asks lost or damaged in both languages; the damaged card goes in, is captured, the fee follows', async () => {
    await askedWhy(zhang.key);
    expect(await kiosk.text('reason-lost')).toContain('卡已丢失');
    expect(await kiosk.text('reason-damaged')).toContain('卡已损坏');
    await kiosk.fitsScreen('reason');
    await kiosk.switchLanguage('en');
    expect(await kiosk.text('reason-lost')).toContain('I lost it');
    expect(await kiosk.text('reason-damaged')).toContain('It is damaged');
    await kiosk.check('reason-en');
    await kiosk.switchLanguage('zh-CN');
    await kiosk.page.getByTestId('reason-damaged').click();
    await kiosk.step('insertOldCard');
    expect(await kiosk.bodyText()).toContain('请插入损坏的社保卡');
    await kiosk.check('insert-old-card');
    await kiosk.cardButton(zhang.key);
    await kiosk.step('payFee', 30_000);
    expect(await kiosk.page.getByTestId(`demo-card-${zhang.key}`).innerText()).toMatch(/回收|captured/i);
    await kiosk.cancel();
    await kiosk.idCardButton(zhang.key);
    await kiosk.endedThenHome();
  }, 90_000);
});
