/**
 * Fault: a record kind (or a medical payment's detail) the back office added after this kiosk was
 * read as 'other' in silence: the journal counted such records, but nothing said which kind a
 * fleet's hosts had moved on to, so no one could tell what wording a kiosk update should add.
 * The host client now logs each such value once for the daemon's life, the value only when it
 * has a code's form, and never the record's description, amount or the holder; and, from a
 * host that words its records per language, each language it left out for such a value (the
 * kiosk shows the record's code there), never the wording itself.
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { MetricsService } from '../telemetry/metrics.service.js';
import { HostService } from './host.service.js';
import type { HostConnection } from './host-connection.js';
import { cannedBackOffice } from './json-back-office.spec-support.js';
import { UNKNOWN_RECORD_VALUES_NAMED, UnknownRecordValues } from './unknown-record-values.js';

const backOffice = cannedBackOffice();
const hostService = () =>
  new HostService({ client: () => backOffice.client } as unknown as HostConnection, new MetricsService());

const record = (kind: unknown, extra: Record<string, unknown> = {}) => ({
  at: '2026-11-21T09:00:00.000Z',
  kind,
  amountFen: -1_200,
  balanceAfterFen: 1_199_850,
  description: '长护险个人缴费 李秀英 H41080000102 (long-term care)',
  ...extra,
});

// as a host one release ahead sends them: new kinds, a new detail, free text, and known ones
const answer = [
  record('longTermCare', { code: 'longTermCare' }),
  record('longTermCare'),
  record('medicalPayment', { detail: 'dentalClinic', code: 'dentalClinic' }),
  record('长期护理 李秀英 410802196211090021'),
  record('medicalPayment', { detail: 'pharmacy', code: 'pharmacy' }),
  record('contribution', { amountFen: 18_000 }),
  record('other'),
];

describe('unknown record kind from the host, logged once', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('logs each kind and detail it does not know once, however often it comes, and keeps every record', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    backOffice.answer = answer;
    const host = hostService();

    const records = await host.records('H41080000102', 20);
    expect(records.map((r) => [r.kind, r.detail])).toEqual([
      ['other', undefined],
      ['other', undefined],
      ['medicalPayment', 'other'],
      ['other', undefined],
      ['medicalPayment', 'pharmacy'],
      ['contribution', undefined],
      ['other', undefined],
    ]);
    await host.records('H41080000102', 60);

    const logged = warnings.mock.calls.map(([message]) => String(message));
    expect(logged).toHaveLength(3);
    expect(logged[0]).toMatch(/record kind this kiosk does not know, 'longTermCare'/);
    expect(logged[1]).toMatch(/medical payment detail this kiosk does not know, 'dentalClinic'/);
    expect(logged[2]).toMatch(/record kind this kiosk does not know, of another form \(not a code\)/);
    for (const line of logged) {
      expect(line).not.toMatch(/李|长期护理|长护险|H41080000102|410802|12\.00|1200/);
    }
  });

  it('logs a record that comes with no kind at all once, and nothing for the kinds it knows', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    backOffice.answer = [record(undefined), record(undefined), record('fee'), record('opening')];
    await expect(hostService().records('H41080000102')).resolves.toHaveLength(4);
    expect(warnings.mock.calls.map(([m]) => String(m))).toEqual([
      expect.stringMatching(/record kind this kiosk does not know, of another form \(none\)/),
    ]);
  });

  it('logs once each kind a host words in each language, and once each language it left out, none of its wording', async () => {
    const warnings = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const descriptions = { 'zh-CN': '长护险个人缴费 李秀英', en: 'Long-term care premium, Li Xiuying' };
    backOffice.answer = [
      record('longTermCare', { code: 'longTermCare', descriptions }),
      record('longTermCare', { code: 'longTermCare', descriptions: { en: descriptions.en } }),
    ];
    const host = hostService();
    const records = await host.records('H41080000102');
    expect(records.map((r) => r.descriptions)).toEqual([descriptions, { en: descriptions.en }]);
    const logged = warnings.mock.calls.map(([message]) => String(message));
    expect(logged).toEqual([
      expect.stringMatching(/record kind this kiosk does not know, 'longTermCare'/),
      expect.stringMatching(
        /no Chinese \(zh-CN\) wording for a record kind this kiosk does not know, 'longTermCare'/,
      ),
    ]);
    for (const line of logged) expect(line).not.toMatch(/李|长护险|Long-term|Xiuying|H41080000102/);
    // the same again logs nothing; a kind the kiosk knows is never asked for a wording
    backOffice.answer = [
      record('longTermCare', { code: 'longTermCare', descriptions: {} }),
      record('fee', { descriptions: {} }),
    ];
    await host.records('H41080000102');
    expect(warnings.mock.calls.map(([m]) => String(m)).slice(2)).toEqual([
      expect.stringMatching(
        /no English \(en\) wording for a record kind this kiosk does not know, 'longTermCare'/,
      ),
    ]);
  });

  it('names at most a bounded number of values, then says once that it names no more', () => {
    const lines: string[] = [];
    const values = new UnknownRecordValues((m) => lines.push(m));
    const many = Array.from({ length: UNKNOWN_RECORD_VALUES_NAMED + 10 }, (_, i) => record(`kind${i}`));
    values.note(many);
    values.note(many);
    expect(lines).toHaveLength(UNKNOWN_RECORD_VALUES_NAMED + 1);
    expect(lines.at(-1)).toMatch(/further ones are shown as other and not logged/);
  });
});
