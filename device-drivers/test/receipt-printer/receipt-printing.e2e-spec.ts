import {
  withdrawalReceipt,
  type EscposPrinterDriver,
  type EscposPrinterEmulator,
  type ReceiptContext,
} from '@kiosk/device-drivers';
import { startEscposTcpRig, type EscposTcpRig } from './escpos-tcp-rig.js';

const ctx: ReceiptContext = {
  locale: 'zh-CN',
  kioskId: 'JZ-0001',
  serial: '20261126-000042',
  printedAt: new Date('2026-11-26T12:30:00Z'),
};
const holder = { name: '张三明', cardNumber: 'A98765432', idNumber: '410802199001011234' };
const receipt = withdrawalReceipt(ctx, { holder, amountFen: 20_000, balanceAfterFen: 156_780 });

describe('printing a receipt over TCP to the emulator', () => {
  let rig: EscposTcpRig;
  let emulator: EscposPrinterEmulator;
  let driver: EscposPrinterDriver;

  beforeEach(async () => {
    rig = await startEscposTcpRig();
    ({ emulator, driver } = rig);
  });

  afterEach(() => rig.stop());

  it('reports the printer online with paper after open', () => {
    expect(driver.status()).toMatchObject({
      kind: 'receiptPrinter',
      device: 'online',
      supplies: [{ name: 'paper', level: 'ok' }],
    });
  });

  it('resolves only after the emulator has cut the receipt', async () => {
    const result = await driver.print(receipt);
    expect(result).toEqual({ printed: true, bytes: expect.any(Number) });
    expect(emulator.receipts).toHaveLength(1);
    expect(emulator.lastReceipt()!.text).toContain('4108**********1234');
    expect(driver.status().device).toBe('online');
  });
});
