/**
 * Fault: a region may let a card hold up to 100 unprinted records (`card.recordsUntilPrintRequired`,
 * 60 by default), and the records journey asks the host for that many and prints them on the one
 * receipt that clears the card's counter; but a receipt held at most 60 records. In a region set
 * over 60, a resident with more records than that at the host got RECEIPT_INVALID instead of the
 * receipt, and the card, refused everywhere else once at its limit, could not be printed free. The
 * receipt now holds as many records as a region may set, and the limit cannot go past it.
 */
import { describe, expect, it } from '@jest/globals';
import { ConfigError, loadConfig } from '@kiosk/config';
import {
  parseReceipt,
  recordsReceipt,
  RECORDS_PER_RECEIPT,
  type ReceiptContext,
} from '@kiosk/device-drivers';
import { ErrorCode } from '@kiosk/domain';
import { AccountRecords } from '@kiosk/host-simulator/contract';
import { recordForReceipt } from './records-from-host.js';

const holder = { name: '李秀英', cardNumber: 'H41080000102' };
const ctx: ReceiptContext = {
  locale: 'zh-CN',
  kioskId: 'JZ-0001',
  serial: 'JZ-0001-000042',
  printedAt: new Date('2026-11-26T12:30:00Z'),
};

/** `n` pharmacy payments as the host sends them, newest first, one a day. */
const hostRecords = (n: number) =>
  AccountRecords.parse(
    Array.from({ length: n }, (_, i) => ({
      at: new Date(Date.UTC(2026, 10, 20) - i * 86_400_000).toISOString(),
      kind: 'medicalPayment',
      detail: 'pharmacy',
      code: 'pharmacy',
      amountFen: -100,
      balanceAfterFen: 100_000 + i * 100,
      description: '药店购药 (pharmacy purchase)',
    })),
  );

const limitOf = (records: number) =>
  loadConfig({ profile: 'test', overrides: [`card.recordsUntilPrintRequired=${records}`] }).card
    .recordsUntilPrintRequired;

describe('records receipt at a region limit over 60', () => {
  it('prints on one receipt every record a card may hold unprinted at the highest limit a region may set', () => {
    const limit = limitOf(100);
    const receipt = parseReceipt(
      recordsReceipt(ctx, { holder, records: hostRecords(limit).map(recordForReceipt), balanceFen: 100_000 }),
    );
    expect(receipt.lines.filter((l) => l.label.endsWith(' 药店购药'))).toHaveLength(100);
    expect(receipt.lines).toContainEqual(expect.objectContaining({ label: '明细笔数', value: '100' }));
  });

  it('lets no region set a limit past what one receipt prints', () => {
    expect(limitOf(RECORDS_PER_RECEIPT)).toBe(RECORDS_PER_RECEIPT);
    expect(() => limitOf(RECORDS_PER_RECEIPT + 1)).toThrow(ConfigError);
    expect(() =>
      recordsReceipt(ctx, {
        holder,
        records: hostRecords(RECORDS_PER_RECEIPT + 1).map(recordForReceipt),
        balanceFen: 0,
      }),
    ).toThrow(expect.objectContaining({ code: ErrorCode.RECEIPT_INVALID }));
  });
});
