/**
 * Fault: the screen's table of record kinds kept words for values no record kind can take
 * (pharmacy, outpatient, inpatient are a medical payment's details, deposit nothing at all), so the
 * table no longer said which kinds the kiosk words. It words exactly the kinds a record can have
 * (domain RECORD_KINDS) and 'other', and the details table exactly RECORD_DETAILS, in both languages.
 */
import { OTHER_RECORD, RECORD_DETAILS, RECORD_KINDS } from '@kiosk/domain';
import { en } from './messages.en';
import { zhCN } from './messages.zh-CN';

describe.each([
  ['en', en],
  ['zh-CN', zhCN],
])('records wording (%s)', (_, messages) => {
  it('words every record kind and other, and nothing else', () => {
    expect(Object.keys(messages.records.kinds).sort()).toEqual([...RECORD_KINDS, OTHER_RECORD].sort());
    for (const word of Object.values(messages.records.kinds)) expect(word?.trim()).not.toBe('');
  });

  it('words every medical payment detail, and nothing else', () => {
    expect(Object.keys(messages.records.details).sort()).toEqual([...RECORD_DETAILS].sort());
  });
});
