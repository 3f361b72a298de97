import { AccountRecords } from '@kiosk/host-simulator/contract';
import { recordForReceipt, recordForScreen, unknownRecordCount } from './records-from-host.js';

const holder = { name: '李秀英', cardNumber: 'H41080000102' };
// as a host one release ahead sends them: a new kind, a new detail, and one the kiosk knows
const [longTermCare, dental, pharmacy] = AccountRecords.parse([
  {
    at: '2026-11-21T17:30:00.000Z',
    kind: 'longTermCare',
    amountFen: -1_200,
    balanceAfterFen: 1_199_850,
    description: '长护险缴费 李秀英 H41080000102\n(care)',
    code: 'longTermCare',
  },
  {
    at: '2026-11-20T09:00:00.000Z',
    kind: 'medicalPayment',
    amountFen: -3_450,
    balanceAfterFen: 1_201_050,
    description: '口腔诊所 (dental clinic)',
    code: 'dentalClinic',
    detail: 'dentalClinic',
  },
  {
    at: '2026-11-19T09:00:00.000Z',
    kind: 'medicalPayment',
    amountFen: -2_350,
    balanceAfterFen: 1_204_500,
    description: '药店购药 李秀英 (pharmacy purchase)',
    code: 'pharmacy',
    detail: 'pharmacy',
  },
]);

describe('unknown record kind from the host, for the screen and the receipt', () => {
  it('shows a record of a kind this kiosk does not know as other, with the description masked', () => {
    expect(recordForScreen(longTermCare!, holder)).toEqual({
      at: '2026-11-21T17:30:00.000Z',
      kind: 'other',
      amountFen: -1_200,
      balanceAfterFen: 1_199_850,
      // an older host's one description, the same in either language, as before
      descriptions: {
        'zh-CN': '长护险缴费 李*英 H41******102 (care)',
        en: '长护险缴费 李*英 H41******102 (care)',
      },
    });
  });

  it('unknown detail: shows the medical payment with the host description instead of a detail', () => {
    expect(recordForScreen(dental!, holder)).toEqual({
      at: '2026-11-20T09:00:00.000Z',
      kind: 'medicalPayment',
      amountFen: -3_450,
      balanceAfterFen: 1_201_050,
      descriptions: { 'zh-CN': '口腔诊所 (dental clinic)', en: '口腔诊所 (dental clinic)' },
    });
  });

  it('words a record it knows itself and sends no host text to the screen', () => {
    expect(recordForScreen(pharmacy!, holder)).not.toHaveProperty('descriptions');
    expect(recordForScreen(pharmacy!, holder)).toMatchObject({ kind: 'medicalPayment', detail: 'pharmacy' });
  });

  it('counts the records it could not word, and dates the receipt line in China time', () => {
    expect(unknownRecordCount([longTermCare!, dental!, pharmacy!])).toBe(2);
    expect(recordForReceipt(longTermCare!)).toEqual({
      date: '2026-11-22',
      code: 'longTermCare',
      kind: 'other',
      description: '长护险缴费 李秀英 H41080000102\n(care)',
      amountFen: -1_200,
    });
  });
});
