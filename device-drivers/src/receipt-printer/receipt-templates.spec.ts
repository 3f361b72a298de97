import { ErrorCode, KioskError } from '@kiosk/domain';
import { parseReceipt } from './receipt-printer.port.js';
import {
  balanceReceipt,
  cardIssuedReceipt,
  failedTransactionReceipt,
  formatKioskTime,
  lossReportedReceipt,
  pinActivatedReceipt,
  receiptVerificationCode,
  recordsReceipt,
  RECORDS_PER_RECEIPT,
  withdrawalReceipt,
  type ReceiptContext,
} from './receipt-templates.js';

const holder = { name: '张三明', cardNumber: 'A98765432', idNumber: '410802199001011234' };
const ctx = (locale: 'zh-CN' | 'en' = 'zh-CN'): ReceiptContext => ({
  locale,
  kioskId: 'JZ-0001',
  serial: '20261126-000042',
  printedAt: new Date('2026-11-26T12:30:00Z'),
});

function allText(r: ReturnType<typeof balanceReceipt>): string {
  return JSON.stringify(r);
}

describe('receipt templates', () => {
  it('masks the name, ID number and card number on every receipt', () => {
    const receipts = [
      balanceReceipt(ctx(), { holder, balanceFen: 356_780, asOf: new Date('2026-11-26T12:29:00Z') }),
      recordsReceipt(ctx(), { holder, records: [], balanceFen: 1 }),
      withdrawalReceipt(ctx(), { holder, amountFen: 20_000, balanceAfterFen: 156_780 }),
      cardIssuedReceipt(ctx(), {
        holder,
        issuedOn: '2026-11-26',
        validUntil: '2036-11-26',
        replacement: true,
        feeFen: 2000,
      }),
      pinActivatedReceipt(ctx(), { holder }),
      lossReportedReceipt(ctx('en'), { holder, temporary: true, lapsesOn: '2026-12-11' }),
      failedTransactionReceipt(ctx(), {
        journey: 'withdraw',
        errorCode: ErrorCode.CASH_JAM,
        holder,
        amountFen: 10_000,
        reversed: true,
      }),
    ];
    for (const r of receipts) {
      const text = allText(r);
      expect(text).not.toContain('张三明');
      expect(text).not.toContain('410802199001011234');
      expect(text).not.toContain('A98765432');
      expect(() => parseReceipt(r)).not.toThrow();
      expect(r.qr).toContain('S=20261126-000042');
    }
    expect(allText(receipts[2]!)).toContain('4108**********1234');
    expect(allText(receipts[2]!)).toContain('张*明');
    expect(allText(receipts[2]!)).toContain('A98***432');
  });

  it('writes money from integer fen', () => {
    const r = withdrawalReceipt(ctx('en'), { holder, amountFen: 20_000, balanceAfterFen: 5 });
    expect(r.lines).toContainEqual({ label: 'Withdrawn', value: 'CNY 200.00', emphasis: true });
    expect(r.lines).toContainEqual({ label: 'Balance after', value: 'CNY 0.05' });
  });

  it('refuses a records receipt with more records than a region may let a card hold unprinted', () => {
    const records = Array.from({ length: RECORDS_PER_RECEIPT + 1 }, () => ({
      date: '2026-11-01',
      description: 'x',
      amountFen: -1,
    }));
    expect(() => recordsReceipt(ctx(), { holder, records, balanceFen: 0 })).toThrow(
      expect.objectContaining({ code: ErrorCode.RECEIPT_INVALID }),
    );
    const full = recordsReceipt(ctx(), { holder, records: records.slice(1), balanceFen: 0 });
    expect(full.lines.length).toBeGreaterThan(RECORDS_PER_RECEIPT);
    expect(() => parseReceipt(full)).not.toThrow();
  });

  it('derives a stable verification code that depends on the serial and the key', () => {
    const a = receiptVerificationCode('K1', 'S1', 'key');
    expect(a).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
    expect(receiptVerificationCode('K1', 'S1', 'key')).toBe(a);
    expect(receiptVerificationCode('K1', 'S2', 'key')).not.toBe(a);
    expect(receiptVerificationCode('K1', 'S1', 'other')).not.toBe(a);
  });

  it('prints times in China Standard Time when the kiosk names no zone', () => {
    expect(formatKioskTime(new Date('2026-11-26T16:30:00Z'))).toBe('2026-11-27 00:30');
  });

  it('rejects a receipt with control characters as RECEIPT_INVALID', () => {
    const bad = { ...pinActivatedReceipt(ctx(), { holder }), title: 'evil\u001b@' };
    let caught: unknown;
    try {
      parseReceipt(bad);
    } catch (e) {
      caught = e;
    }
    expect(KioskError.is(caught, ErrorCode.RECEIPT_INVALID)).toBe(true);
  });
});
