/**
 * The faults, on the staff screen's refill and bin-emptying forms:
 * - a count before loading typed wrong ("12a", "-3", "1.5") was dropped and the refill sent
 *   without it, so the journal's check of what staff counted in the cassette or hopper was skipped;
 * - a count loaded or taken out typed wrong did nothing at all, with no word why (a refill of 0 was
 *   sent, for the daemon to journal an intent and refuse it);
 * - a cassette's refill sent the cassette's own denomination as the notes loaded, so the daemon's
 *   refusal of notes of another denomination (ADR 0010) could never be met from the screen.
 * Now a field that does not read is said beside the form in both languages and nothing is sent, and
 * staff choose the notes they loaded.
 */
import { describe, expect, it } from '@jest/globals';
import type { MaintenanceSupplyView } from '@kiosk/domain';
import { en } from '../i18n/messages.en';
import { zhCN } from '../i18n/messages.zh-CN';
import { renderForSpec } from '../screens/render-for-spec';
import { supplyFormRequest, type SupplyFormInput } from './supply-form';
import { SupplyRow } from './supply-row';

const hopper: MaintenanceSupplyView = {
  device: 'cardPrinter',
  supply: 'cardHopper',
  role: 'stock',
  unit: 'cards',
  level: 'low',
  count: 12,
  capacity: null,
  countedBy: 'device',
  denominationFen: null,
  journalCount: 12,
  allowed: true,
};
const cassette: MaintenanceSupplyView = {
  ...hopper,
  device: 'cashDispenser',
  supply: 'cassette:upper',
  unit: 'notes',
  denominationFen: 10000,
};
const rejectBin: MaintenanceSupplyView = { ...hopper, supply: 'rejectBin', role: 'bin' };
const typed = (input: Partial<SupplyFormInput>): SupplyFormInput => ({
  first: '',
  second: '',
  notes: '',
  ...input,
});

describe('a count typed wrong on the staff screen is said, never dropped', () => {
  it.each(['12a', '-3', '1.5', '1e2', '12 3'])(
    'count before loading typed "%s": refused on the screen, the refill not sent unchecked',
    (before) => {
      expect(supplyFormRequest(hopper, typed({ first: '50', second: before }))).toEqual({
        kind: 'invalid',
        field: 'second',
      });
    },
  );

  it.each(['-5', '1.5', 'abc', '0', '100001', ''])('loaded typed "%s": refused on the screen', (added) => {
    expect(supplyFormRequest(hopper, typed({ first: added, second: '12' }))).toEqual({
      kind: 'invalid',
      field: 'first',
    });
  });

  it.each(['-1', '2.0', 'x'])('taken out of a bin typed "%s": refused on the screen', (counted) => {
    expect(supplyFormRequest(rejectBin, typed({ first: counted }))).toEqual({
      kind: 'invalid',
      field: 'first',
    });
  });

  it('what reads is sent as typed: the count before checked by the daemon, left empty not sent, a bin of 0 emptied', () => {
    expect(supplyFormRequest(hopper, typed({ first: ' 50 ', second: '12' }))).toEqual({
      kind: 'refill',
      added: 50,
      countedBefore: 12,
    });
    expect(supplyFormRequest(hopper, typed({ first: '50' }))).toEqual({ kind: 'refill', added: 50 });
    expect(supplyFormRequest(rejectBin, typed({ first: '0' }))).toEqual({ kind: 'empty', counted: 0 });
  });

  it('a cassette: the notes staff chose are sent (50 yuan into a 100 yuan cassette, for the daemon to refuse), none chosen is refused', () => {
    expect(supplyFormRequest(cassette, typed({ first: '100', second: '40', notes: '5000' }))).toEqual({
      kind: 'refill',
      added: 100,
      countedBefore: 40,
      denominationFen: 5000,
    });
    expect(supplyFormRequest(cassette, typed({ first: '100', second: '40' }))).toEqual({
      kind: 'invalid',
      field: 'notes',
    });
    expect(supplyFormRequest(cassette, typed({ first: '100', notes: '3000' }))).toEqual({
      kind: 'invalid',
      field: 'notes',
    });
  });

  it.each([
    ['en', en, 'Notes loaded', '50 yuan'],
    ['zh-CN', zhCN, '装入钞票面额', '50 元'],
  ] as const)(
    '%s: the cassette form asks which notes were loaded, none chosen at first',
    (locale, messages, label, note) => {
      const html = renderForSpec(
        <SupplyRow
          supply={cassette}
          busy={false}
          onRefill={() => Promise.resolve()}
          onEmpty={() => Promise.resolve()}
        />,
        locale,
      );
      expect(html).toContain(label);
      expect(html).toContain('data-testid="staff-notes-cashDispenser-cassette-upper"');
      expect(html).toContain(`<option value="" selected="">${messages.staff.chooseNotes}</option>`);
      expect(html).toContain(`<option value="5000">${note}</option>`);
      // the words of each field that does not read, in both languages
      for (const words of Object.values(messages.staff.formInvalid)) expect(words.trim()).not.toBe('');
    },
  );
});
