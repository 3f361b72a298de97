/**
 * Fault: a record of a kind the host added (or a medical payment of a detail it added) reached
 * the records receipt with no wording here: it printed the host's description bare, unmasked
 * (a host's staff text may name the holder), and a long one or one with a line break made the
 * whole receipt invalid, so none of the records printed. Such a record now prints under a neutral
 * "其他" / "Other" (or its kind's wording) with the host's description masked and cut to the
 * line; the record count and the balance count it as any other. Printed by the driver over TCP
 * and read back by the emulator.
 */
import { displayWidth } from '@kiosk/device-drivers';
import { type AccountRecord } from '@kiosk/device-drivers';
import { recordsReceiptOverTcp } from './receipt-fixtures.js';

const records: AccountRecord[] = [
  {
    date: '2026-11-21',
    code: 'longTermCare',
    kind: 'other',
    description: '长护险个人缴费 张三明 (long-term care)',
    amountFen: -1_200,
  },
  {
    date: '2026-11-20',
    code: 'dentalClinic',
    kind: 'medicalPayment',
    description: '口腔诊所 (dental clinic)',
    amountFen: -3_450,
  },
  { date: '2026-11-15', code: 'contribution', kind: 'contribution', description: '划入', amountFen: 18_000 },
];

describe('records receipt with an unknown record kind from the host', () => {
  const print = recordsReceiptOverTcp();
  const printed = (locale: 'zh-CN' | 'en', lines: readonly AccountRecord[] = records) => print(locale, lines);

  it('prints it as 其他 with the host description masked, and counts it with the rest', async () => {
    const text = await printed('zh-CN');
    // wider than the paper: wrapped at a space, the amount at the end of the record's last line
    expect(text).toMatch(/\n2026-11-21 其他：长护险个人缴费 张\*明 \(long-term\ncare\) +-12\.00\n/);
    expect(text).toMatch(/\n2026-11-20 医疗消费：口腔诊所 \(dental clinic\)\n +-34\.50\n/);
    expect(text).toMatch(/2026-11-15 个人账户划入 +180\.00/);
    expect(text).not.toContain('张三明');
    expect(text).toMatch(/明细笔数 +3/);
    expect(text).toMatch(/账户余额 +3567\.80元/);
  });

  it('prints it as Other in English, the host description as the host wrote it but masked', async () => {
    const text = await printed('en');
    expect(text).toMatch(/\n2026-11-21 Other: 长护险个人缴费 张\*明\n\(long-term care\) +-12\.00\n/);
    expect(text).toMatch(/\n2026-11-20 Medical payment: 口腔诊所 \(dental\nclinic\) +-34\.50\n/);
    expect(text).not.toContain('张三明');
    expect(text).not.toMatch(/其他|医疗消费/);
  });

  it('prints a long description or one with line breaks wrapped and cut, not an invalid receipt', async () => {
    const text = await printed('zh-CN', [
      {
        date: '2026-11-22',
        kind: 'other',
        description: `长期护理保险\r\n个人缴费\u001b@ ${'补充说明'.repeat(30)}`,
        amountFen: -100,
      },
      ...records,
    ]);
    expect(text).toMatch(/\n2026-11-22 其他：长期护理保险 个人缴费 @\n(补充说明)+补充\n说\.\.\. +-1\.00\n/);
    expect(text).toMatch(/明细笔数 +4/);
    for (const line of text.split('\n')) expect(displayWidth(line)).toBeLessThanOrEqual(48);
  });
});
