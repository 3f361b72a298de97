/**
 * Fault: the records answer worded a record only with the host's one description, for its staff,
 * in one language or a mix ("长护险个人缴费 李秀英 (long-term care)"), so a kiosk that did not know
 * the record's kind could only print that text, whatever the resident's language. The host now
 * sends, beside it, its wording of every record in each language the kiosks offer
 * (`descriptions`), each in that language only.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { demoResident, LOCALES } from '@kiosk/domain';
import { AccountRecords } from './accounts.schemas.js';
import { recordDescriptionsOf } from './record-descriptions.js';
import { startSimulator, type RunningSimulator } from '../testing/simulator-fixture.js';

const li = demoResident('li')!;

describe('the host words every record in both languages the kiosk offers', () => {
  let host: RunningSimulator;
  beforeAll(async () => {
    host = await startSimulator({ residents: 10, newerRecordsFor: [li.cardNumber] });
  });
  afterAll(() => host.close());

  it('sends the wording of each record in Chinese and in English, the kinds the kiosk does not know too', async () => {
    const res = await host.request('GET', `/v1/accounts/${li.cardNumber}/records?limit=100`);
    const sent = res.json() as { code: string; descriptions?: Record<string, string> }[];
    expect(sent.length).toBeGreaterThan(2);
    for (const record of sent) {
      expect(Object.keys(record.descriptions ?? {}).sort()).toEqual([...LOCALES].sort());
      expect(record.descriptions!['zh-CN']).toMatch(/\p{Script=Han}/u);
      expect(record.descriptions!['zh-CN']).not.toMatch(/[A-Za-z]/);
      expect(record.descriptions!.en).not.toMatch(/\p{Script=Han}/u);
    }
    const [longTermCare, dental] = AccountRecords.parse(sent);
    expect(longTermCare).toMatchObject({
      kind: 'other',
      code: 'longTermCare',
      descriptions: { 'zh-CN': '长护险个人缴费', en: 'Long-term care insurance premium' },
    });
    expect(dental).toMatchObject({
      detail: 'other',
      descriptions: { 'zh-CN': '口腔诊所', en: 'Dental clinic' },
    });
    // the resident's wording names no one: the holder stays in the staff's description only
    expect(JSON.stringify(sent.map((r) => r.descriptions))).not.toContain(li.name);
  });

  it('has no wording for a code it does not post', () => {
    expect(recordDescriptionsOf('toString')).toBeUndefined();
    expect(recordDescriptionsOf('dentalSubsidy')).toBeUndefined();
  });
});
