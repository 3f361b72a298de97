import {
  EscposPrinterDriver,
  EscposPrinterEmulator,
  tcpPrinterConnector,
  withdrawalReceipt,
  type ReceiptContext,
} from '@kiosk/device-drivers';

const ctx: ReceiptContext = {
  locale: 'zh-CN',
  kioskId: 'JZ-0001',
  serial: '20261126-000042',
  printedAt: new Date('2026-11-26T12:30:00Z'),
};
const holder = { name: '张三明', cardNumber: 'A98765432', idNumber: '410802199001011234' };
const receipt = withdrawalReceipt(ctx, { holder, amountFen: 20_000, balanceAfterFen: 156_780 });

describe('printing a receipt over TCP to the emulator', () => {
  let emulator: EscposPrinterEmulator;
  let driver: EscposPrinterDriver;

  beforeEach(async () => {
    emulator = new EscposPrinterEmulator();
    const { host, port } = await emulator.listen(0);
    driver = new EscposPrinterDriver({ connect: tcpPrinterConnector(host, port), idlePollMs: 0 });
    await driver.open();
  });

  afterEach(async () => {
    await driver.close();
    await emulator.close();
  });

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
