/**
 * The faults, on the staff screen's receipt paper:
 * - its refill form asked how many rolls were loaded, though a printer holds one roll and only
 *   senses it: the only answer the daemon takes is 1 (more is MAINTENANCE_OVER_CAPACITY, none a
 *   count mismatch), so staff had a number to type that could only be wrong;
 * - a new roll recorded was said "1 loaded; the device now counts —" whatever the printer read
 *   after it, so a roll not seated (or not new: the printer still reading its paper near its end)
 *   went unnoticed until the kiosk stopped printing receipts.
 * Now the form is one button, "New roll in", and the answer says what the printer reads after it.
 */
import { describe, expect, it } from '@jest/globals';
import type { Locale, MaintenanceSupplyView } from '@kiosk/domain';
import { createI18n } from '../i18n/i18n';
import { replacedWhole, supplyFormRequest } from './supply-form';
import { refilledNotice } from './staff-supplies';
import { receiptPaper as paper, renderSupplyRow } from './supply-row.spec-support';

/** the card printer's ribbon: replaced too, but it counts its prints, which staff type */
const ribbon: MaintenanceSupplyView = {
  ...paper,
  device: 'cardPrinter',
  supply: 'ribbon',
  unit: 'prints',
  count: 40,
  capacity: 500,
};
const said = (locale: Locale, done: Parameters<typeof refilledNotice>[1]) =>
  refilledNotice(paper, done)(createI18n(locale).t);

describe('fault: paper roll replaced asked for a count', () => {
  it.each([
    ['en', 'New roll in'],
    ['zh-CN', '已换新纸卷'],
  ] as const)('%s: the paper form has no count to type, only the new roll', (locale, button) => {
    const html = renderSupplyRow(paper, locale);
    expect(html).not.toContain('staff-added-receiptPrinter-paper');
    expect(html).toContain('data-testid="staff-submit-receiptPrinter-paper"');
    expect(html).toContain(`>${button}</button>`);
  });

  it('the new roll is sent as the one roll the printer holds, whatever was left in the fields', () => {
    expect(supplyFormRequest(paper, { first: '', second: '', notes: '' })).toEqual({
      kind: 'refill',
      added: 1,
    });
    expect(supplyFormRequest(paper, { first: '3', second: '', notes: '' })).toEqual({
      kind: 'refill',
      added: 1,
    });
  });

  it('a supply the device counts keeps its count to type (the ribbon, a cassette)', () => {
    expect(replacedWhole(ribbon)).toBe(false);
    expect(replacedWhole({ ...paper, capacity: null })).toBe(false);
    const html = renderSupplyRow(ribbon, 'en');
    expect(html).toContain('data-testid="staff-added-cardPrinter-ribbon"');
    expect(supplyFormRequest(ribbon, { first: '', second: '', notes: '' })).toEqual({
      kind: 'invalid',
      field: 'first',
    });
  });
});

describe('fault: paper roll recorded while the printer still reads it near its end', () => {
  it('the printer reading paper after the new roll: said so, nothing to check', () => {
    expect(said('en', { quantity: 1, after: null, levelAfter: 'ok' })).toBe(
      'New roll recorded; the printer reads paper.',
    );
  });

  it.each([
    ['en', 'low', 'still reads its paper as low: check that the roll is new and seated'],
    ['en', 'empty', 'still reads its paper as empty'],
    ['zh-CN', 'low', '打印机检测纸张仍为“偏少”'],
    ['zh-CN', 'empty', '打印机检测纸张仍为“已空”'],
  ] as const)(
    '%s, the printer still reading %s: staff told to check the roll',
    (locale, levelAfter, words) => {
      expect(said(locale, { quantity: 1, after: null, levelAfter })).toContain(words);
    },
  );

  it('an older daemon that does not say the level: not said read, staff told to check', () => {
    expect(said('en', { quantity: 1, after: null })).toContain('still reads its paper as unknown');
  });

  it('a counted supply is said as before: loaded and the device count', () => {
    expect(refilledNotice(ribbon, { quantity: 500, after: 500, levelAfter: 'ok' })(createI18n('en').t)).toBe(
      '500 loaded; the device now counts 500.',
    );
  });
});
