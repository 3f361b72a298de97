/**
 * The receipts the golden files show: one per template, fixed data, both locales; and the records
 * receipt of the same holder printed over TCP for the records specs.
 */
import { ErrorCode } from '@kiosk/domain';
import {
  balanceReceipt,
  cardIssuedReceipt,
  failedTransactionReceipt,
  lossReportedReceipt,
  pinActivatedReceipt,
  recordsReceipt,
  withdrawalReceipt,
  type AccountRecord,
  type Receipt,
  type ReceiptContext,
} from '@kiosk/device-drivers';
import { startEscposTcpRig, type EscposTcpRig } from './escpos-tcp-rig.js';

export const holder = { name: '张三明', cardNumber: 'A98765432', idNumber: '410802199001011234' };
const at = new Date('2026-11-26T12:30:00Z');

export function contextFor(locale: 'zh-CN' | 'en'): ReceiptContext {
  return { locale, kioskId: 'JZ-0001', serial: '20261126-000042', printedAt: at, verificationKey: 'demo' };
}

export function sampleRecords(n: number) {
  return Array.from({ length: n }, (_, i) => ({
    date: `2026-${String(1 + (i % 11)).padStart(2, '0')}-${String(1 + (i % 27)).padStart(2, '0')}`,
    description: i % 3 === 0 ? '门诊' : i % 3 === 1 ? '药店购药' : '划入',
    amountFen: i % 3 === 2 ? 12_345 : -(1_000 + i * 37),
  }));
}

export const TEMPLATES: Record<string, (ctx: ReceiptContext) => Receipt> = {
  balance: (ctx) => balanceReceipt(ctx, { holder, balanceFen: 356_780, asOf: at }),
  records: (ctx) => recordsReceipt(ctx, { holder, records: sampleRecords(6), balanceFen: 356_780 }),
  withdrawal: (ctx) => withdrawalReceipt(ctx, { holder, amountFen: 20_000, balanceAfterFen: 156_780 }),
  'card-issued': (ctx) =>
    cardIssuedReceipt(ctx, {
      holder,
      issuedOn: '2026-11-26',
      validUntil: '2036-11-26',
      replacement: true,
      feeFen: 2_000,
    }),
  'pin-activated': (ctx) => pinActivatedReceipt(ctx, { holder }),
  'loss-reported': (ctx) => lossReportedReceipt(ctx, { holder, temporary: true, lapsesOn: '2026-12-11' }),
  'failed-transaction': (ctx) =>
    failedTransactionReceipt(ctx, {
      journey: 'withdraw',
      errorCode: ErrorCode.CASH_JAM,
      holder,
      amountFen: 20_000,
      reversed: true,
    }),
};

/**
 * For one describe block: the printer rig started before its tests and stopped after them, and a
 * records receipt of `holder` (balance 3567.80) printed through it, as the emulator read it back.
 */
export function recordsReceiptOverTcp(): (
  locale: 'zh-CN' | 'en',
  records: readonly AccountRecord[],
) => Promise<string> {
  let rig: EscposTcpRig;
  beforeAll(async () => {
    rig = await startEscposTcpRig();
  });
  afterAll(() => rig.stop());
  return async (locale, records) => {
    const receipt = recordsReceipt(contextFor(locale), { holder, records, balanceFen: 356_780 });
    return (await rig.printed(receipt)).text;
  };
}
