/**
 * Fault: the records receipt printed the host's descriptions as they came, a mix of Chinese and
 * English ("药店购药 (pharmacy purchase)") whatever language the resident chose. Each record is
 * now worded from its code in the session's language; only a code this kiosk does not know
 * prints the host's description. Printed by the driver over TCP and read back by the emulator.
 */
import { WORDED_RECORD_CODES, type AccountRecord, recordsReceipt } from '@kiosk/device-drivers';
import { contextFor, holder, recordsReceiptOverTcp } from './receipt-fixtures.js';

const records = [
  { date: '2026-11-20', code: 'pharmacy', description: '药店购药 (pharmacy purchase)', amountFen: -2_350 },
  {
    date: '2026-11-15',
    code: 'contribution',
    description: '个人账户划入 (monthly contribution)',
    amountFen: 18_000,
  },
  {
    date: '2026-11-02',
    code: 'withdrawal',
    description: '自助机取现 JZ-0001 (kiosk cash withdrawal)',
    amountFen: -20_000,
  },
];
const hostWords = ['pharmacy purchase', 'monthly contribution', 'kiosk cash withdrawal'];

describe('records receipt with the host mixed-language descriptions', () => {
  const print = recordsReceiptOverTcp();
  const printed = (locale: 'zh-CN' | 'en', lines: readonly AccountRecord[] = records) => print(locale, lines);

  it('prints every record in English for a resident who chose English', async () => {
    const text = await printed('en');
    expect(text).toContain('2026-11-20 Pharmacy');
    expect(text).toContain('2026-11-15 Contribution');
    expect(text).toContain('2026-11-02 Cash withdrawal');
    for (const word of hostWords) expect(text).not.toContain(word);
    expect(text).not.toMatch(/药店|划入|取现/);
    expect(text).toContain('张*明');
    expect(text).toContain('A98***432');
    expect(text).not.toContain('张三明');
  });

  it('prints every record in Chinese only for a resident who chose zh-CN', async () => {
    const text = await printed('zh-CN');
    expect(text).toContain('2026-11-20 药店购药');
    expect(text).toContain('2026-11-15 个人账户划入');
    expect(text).toContain('2026-11-02 自助机取现');
    for (const word of hostWords) expect(text).not.toContain(word);
    expect(text).toContain('张*明');
    expect(text).not.toContain('张三明');
  });

  it('falls back to the host description for a code the kiosk does not know, or none', async () => {
    const text = await printed('en', [
      {
        date: '2026-11-21',
        code: 'dentalSubsidy',
        description: '牙科补贴 (dental subsidy)',
        amountFen: 5_000,
      },
      { date: '2026-11-22', description: '其他 (other)', amountFen: -100 },
      records[0]!,
    ]);
    expect(text).toContain('2026-11-21 牙科补贴 (dental subsidy)');
    expect(text).toContain('2026-11-22 其他 (other)');
    expect(text).toContain('2026-11-20 Pharmacy');
  });

  it('words every code it knows in both languages', () => {
    for (const code of WORDED_RECORD_CODES) {
      for (const locale of ['zh-CN', 'en'] as const) {
        const receipt = recordsReceipt(contextFor(locale), {
          holder,
          records: [{ date: '2026-11-20', code, description: 'HOST TEXT', amountFen: 1 }],
          balanceFen: 0,
        });
        expect(JSON.stringify(receipt.lines)).not.toContain('HOST TEXT');
      }
    }
  });
});
