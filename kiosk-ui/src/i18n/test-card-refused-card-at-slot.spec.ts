/**
 * Fault: the test card's refusal while a card lies at the card printer's slot
 * (MAINTENANCE_NEW_CARD_AT_SLOT) told staff to "settle the card making", also when the printer
 * reads a card there with no card making open, and named no act staff could do at the kiosk. Now it
 * says what they see (a card at the slot) and what to do: take it out; a resident's new card listed
 * for staff goes in the reject bin and is settled with the verdict the list shows, under the
 * list's own heading; then the test card. Both languages, with the staff screen's own labels.
 */
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';

const CODE = 'MAINTENANCE_NEW_CARD_AT_SLOT';

describe('the test card refused for a card at the printer slot, in words staff act on', () => {
  it.each([
    ['en', en, 'card at the card printer slot', 'Take the card out of the slot'],
    ['zh-CN', zhCN, '制卡机出卡口有一张卡', '请从出卡口取出这张卡'],
  ] as const)(
    '%s: a card at the slot, taken out, the list and its verdict named as the screen shows them',
    (_l, m, seen, act) => {
      const said = m.errors[CODE];
      expect(said?.what).toContain(seen);
      expect(said?.next).toContain(act);
      expect(said?.next).toContain(`“${m.staff.cardMakingsHeading}”`);
      expect(said?.next).toContain(`“${m.staff.cardVerdicts.inRejectBin}”`);
    },
  );

  it('never asks to settle a card making the kiosk may not have', () => {
    expect(en.errors[CODE]?.next).not.toMatch(/settle (that|the) card making/i);
    expect(zhCN.errors[CODE]?.next).not.toContain('处理该笔制卡');
  });
});
