/**
 * Fault: for a record kind (or a medical payment's detail) the back office added after this kiosk,
 * the receipt and the screen showed the host's one description as the host wrote it, in one
 * language or a mix: an English receipt got Chinese text ("Other: 长护险个人缴费"), and a Chinese
 * one English. The host now sends its wording in each language the kiosk offers (`descriptions`),
 * the kiosk shows the one in the resident's language, and where the host has none in that
 * language the record's code in the kiosk's own frame ("Other: longTermCare"), never the other
 * language's text. An older host that sends only its one description still prints it, as before.
 */
import { describe, expect, it } from '@jest/globals';
import { parseReceipt, recordsReceipt, type ReceiptContext } from '@kiosk/device-drivers';
import type { Locale } from '@kiosk/domain';
import { AccountRecords } from '@kiosk/host-simulator/contract';
import { recordForReceipt, recordForScreen } from './records-from-host.js';

const holder = { name: '李秀英', cardNumber: 'H41080000102' };
const ctx = (locale: Locale): ReceiptContext => ({
  locale,
  kioskId: 'JZ-0001',
  serial: 'JZ-0001-000042',
  printedAt: new Date('2026-11-26T12:30:00Z'),
});

const longTermCare = (over: Record<string, unknown> = {}) => ({
  at: '2026-11-21T09:00:00.000Z',
  kind: 'longTermCare',
  code: 'longTermCare',
  amountFen: -1_200,
  balanceAfterFen: 1_199_850,
  description: '长护险个人缴费 李秀英 (long-term care)',
  ...over,
});
const dental = (over: Record<string, unknown> = {}) => ({
  at: '2026-11-20T09:00:00.000Z',
  kind: 'medicalPayment',
  detail: 'dentalClinic',
  code: 'dentalClinic',
  amountFen: -3_450,
  balanceAfterFen: 1_201_050,
  description: '口腔诊所 (dental clinic)',
  ...over,
});
const bothLanguages = {
  longTermCare: { 'zh-CN': '长护险个人缴费 李秀英', en: 'Long-term care premium, 李秀英' },
  dental: { 'zh-CN': '口腔诊所', en: 'Dental clinic' },
};

/** The record lines of the receipt the kiosk prints for what the host sent, in `locale`. */
function printedLines(locale: Locale, sent: unknown[]): string[] {
  const records = AccountRecords.parse(sent).map(recordForReceipt);
  const receipt = parseReceipt(recordsReceipt(ctx(locale), { holder, records, balanceFen: 1_199_850 }));
  return receipt.lines.filter((l) => /^\d{4}-\d\d-\d\d /.test(l.label)).map((l) => l.label);
}

describe('host wording of a record kind the kiosk does not know, in the resident language', () => {
  it('an English receipt prints the host English wording for a kind the kiosk does not know', () => {
    const lines = printedLines('en', [
      longTermCare({ descriptions: bothLanguages.longTermCare }),
      dental({ descriptions: bothLanguages.dental }),
    ]);
    // the holder's name the host's text carries is masked as everywhere else
    expect(lines).toEqual([
      '2026-11-21 Other: Long-term care premium, 李*英',
      '2026-11-20 Medical payment: Dental clinic',
    ]);
    expect(lines.join('\n')).not.toMatch(/长护险|口腔/);
  });

  it('a Chinese receipt prints the host Chinese wording, without its English', () => {
    const lines = printedLines('zh-CN', [
      longTermCare({ descriptions: bothLanguages.longTermCare }),
      dental({ descriptions: bothLanguages.dental }),
    ]);
    expect(lines).toEqual(['2026-11-21 其他：长护险个人缴费 李*英', '2026-11-20 医疗消费：口腔诊所']);
    expect(lines.join('\n')).not.toMatch(/[A-Za-z]/);
  });

  it('a host with no wording in the resident language prints the record code in the kiosk frame, never the other language', () => {
    const onlyChinese = [
      longTermCare({ descriptions: { 'zh-CN': '长护险个人缴费' } }),
      dental({ descriptions: { 'zh-CN': '口腔诊所', en: '   ' } }),
    ];
    expect(printedLines('en', onlyChinese)).toEqual([
      '2026-11-21 Other: longTermCare',
      '2026-11-20 Medical payment: dentalClinic',
    ]);
    expect(printedLines('zh-CN', [longTermCare({ descriptions: { en: 'Long-term care premium' } })])).toEqual(
      ['2026-11-21 其他：longTermCare'],
    );
  });

  it('a host wording with neither the resident language nor a code prints the neutral label alone', () => {
    expect(
      printedLines('en', [longTermCare({ code: undefined, descriptions: { 'zh-CN': '长护险' } })]),
    ).toEqual(['2026-11-21 Other']);
  });

  it('a host that sends only one language still prints: an older host and its one description, as before', () => {
    const older = [longTermCare(), dental()];
    expect(printedLines('en', older)).toEqual([
      '2026-11-21 Other: 长护险个人缴费 李*英 (long-term care)',
      '2026-11-20 Medical payment: 口腔诊所 (dental clinic)',
    ]);
    expect(printedLines('zh-CN', [longTermCare({ descriptions: null })])).toEqual([
      '2026-11-21 其他：长护险个人缴费 李*英 (long-term care)',
    ]);
  });

  it('a host wording of another form keeps the record and prints its code, not the staff description', () => {
    const sent = [
      longTermCare({ descriptions: '长护险' }),
      dental({ descriptions: { en: 42, 'zh-CN': '口腔诊所' } }),
    ];
    expect(AccountRecords.parse(sent)).toHaveLength(2);
    expect(printedLines('en', sent)).toEqual([
      '2026-11-21 Other: longTermCare',
      '2026-11-20 Medical payment: dentalClinic',
    ]);
  });

  it('words a kind it knows itself, whatever the host wording', () => {
    const pharmacy = dental({
      detail: 'pharmacy',
      code: 'pharmacy',
      descriptions: { 'zh-CN': '药店', en: 'HOST PHARMACY' },
    });
    expect(printedLines('en', [pharmacy])).toEqual(['2026-11-20 Pharmacy']);
    expect(recordForScreen(AccountRecords.parse([pharmacy])[0]!, holder)).not.toHaveProperty('descriptions');
  });

  it('the screen keeps the host wording in each language, masked, so the list follows the resident language', () => {
    const [record, older] = AccountRecords.parse([
      longTermCare({ descriptions: { en: 'Long-term care premium, 李秀英 H41080000102' } }),
      longTermCare(),
    ]);
    const screen = recordForScreen(record!, holder);
    expect(screen.descriptions).toEqual({
      'zh-CN': 'longTermCare',
      en: 'Long-term care premium, 李*英 H41******102',
    });
    expect(screen.descriptions!.en).not.toMatch(/长护险/);
    expect(screen.descriptions!['zh-CN']).not.toMatch(/Long-term/);
    // an older host: its one description in either language, as before
    expect(recordForScreen(older!, holder).descriptions).toEqual({
      'zh-CN': '长护险个人缴费 李*英 (long-term care)',
      en: '长护险个人缴费 李*英 (long-term care)',
    });
  });
});
