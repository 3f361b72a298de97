/**
 * Fault: the test card's refusal while a card lies at the card printer's slot
 * (MAINTENANCE_NEW_CARD_AT_SLOT) told staff to "settle the card making", also when the printer
 * reads a card there with no card making open, and named no act staff could do at the kiosk. Now it
 * says what they see (a card at the slot) and what to do: log out (the self test then pulls a
 * resident's unsettled new card into the reject bin, counted by the printer, and settles it); a
 * card still there is taken out for the office, and one listed for staff settled as missing with
 * the verdict the list shows, under its own heading; then the test card. Both languages, with the
 * staff screen's own labels. (A card put in the bin by hand would not be in a counting printer's
 * count of it.)
 */
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';

const CODE = 'MAINTENANCE_NEW_CARD_AT_SLOT';

describe('the test card refused for a card at the printer slot, in words staff act on', () => {
  it.each([
    ['en', en, 'card at the card printer slot', 'take it out and hand it to the office'],
    ['zh-CN', zhCN, '制卡机出卡口有一张卡', '请取出交给网点'],
  ] as const)(
    '%s: a card at the slot, taken out, the list and its verdict named as the screen shows them',
    (_l, m, seen, act) => {
      const said = m.errors[CODE];
      expect(said?.what).toContain(seen);
      expect(said?.next).toContain(act);
      expect(said?.next).toContain(`“${m.staff.cardMakingsHeading}”`);
      expect(said?.next).toContain(`“${m.staff.cardVerdicts.missing}”`);
    },
  );

  it('never asks to settle a card making the kiosk may not have', () => {
    expect(en.errors[CODE]?.next).not.toMatch(/settle (that|the) card making/i);
    expect(zhCN.errors[CODE]?.next).not.toContain('处理该笔制卡');
  });
});
