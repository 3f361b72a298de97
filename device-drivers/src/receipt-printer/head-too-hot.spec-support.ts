/**
 * What the specs of a print head too hot share: the receipt they print (Zhang San's withdrawal of
 * 200 yuan, its serial theirs) and the printer and driver a case opens over an in-memory line (its
 * status reaches the driver in the turn it is sent), closed after it.
 */
import { afterEach } from '@jest/globals';
import { streamPair } from '../card-printer/evolis-printer-rig.js';
import { EscposPrinterDriver, type EscposPrinterDriverOptions } from './escpos-printer.driver.js';
import { EscposPrinterEmulator } from './escpos-printer.emulator.js';
import { streamPrinterConnector } from './printer-connectors.js';
import { withdrawalReceipt } from './receipt-templates.js';

const HOLDER = { name: 'Zhang San', cardNumber: 'A98765432', idNumber: '410802199001011234' };

export function zhangsWithdrawalReceipt(serial: string) {
  const context = { locale: 'en', kioskId: 'JZ-0001', serial, printedAt: new Date() } as const;
  return withdrawalReceipt(context, { holder: HOLDER, amountFen: 20_000, balanceAfterFen: 156_780 });
}

/** Where a case puts the printer and driver it opens: both closed after each case. */
export function closedAfterEach(): { emulator?: EscposPrinterEmulator; driver?: EscposPrinterDriver } {
  const opened: { emulator?: EscposPrinterEmulator; driver?: EscposPrinterDriver } = {};
  afterEach(async () => {
    await opened.driver?.close();
    await opened.emulator?.close();
    opened.driver = opened.emulator = undefined;
  });
  return opened;
}

type Opened = ReturnType<typeof closedAfterEach>;

/** The byte-level printer and the driver on it, open, polling only every minute: `options` more. */
export async function openedOnLine(opened: Opened, options: Partial<EscposPrinterDriverOptions> = {}) {
  const printer = (opened.emulator = new EscposPrinterEmulator({}));
  const [ours, theirs] = streamPair();
  printer.attach(theirs);
  const driver = (opened.driver = new EscposPrinterDriver({
    connect: streamPrinterConnector(ours),
    idlePollMs: 0,
    printPollMs: 60_000,
    ...options,
  }));
  await driver.open();
  return { printer, driver };
}
