/**
 * What ends a receipt under way before the printer confirms it (`escpos-printer.driver.ts`): a
 * fault the printer reports mid-receipt, its head too hot past the cool wait (`head-cool-wait.ts`),
 * the print's deadline (`printDeadlineFault`), a status poll unanswered, or the caller's abort.
 * Each fails the receipt through `fail`; the driver clears the rest of it.
 */
import { DEFAULT_HEAD_COOL_WAIT_MS, ErrorCode, KioskError } from '@kiosk/domain';
import type { EscposPrinterDriverOptions } from './escpos-printer-driver.options.js';
import type { PrinterFlags } from './escpos.protocol.js';
import { headCoolWait } from './head-cool-wait.js';
import { printDeadlineFault, printerFault } from './receipt-printer-status.js';

export interface ReceiptWatch {
  /** each status read mid-receipt (the driver's fault watch) */
  readonly statusRead: () => void;
  /** stops every watch (the receipt confirmed or failed) */
  readonly stops: readonly (() => void)[];
}

export function watchReceiptUnderWay(
  fail: (e: KioskError) => void,
  flags: () => PrinterFlags | null,
  poll: () => Promise<unknown>,
  options: Pick<EscposPrinterDriverOptions, 'printTimeoutMs' | 'printPollMs' | 'headCoolWaitMs'>,
  signal?: AbortSignal,
): ReceiptWatch {
  const cooling = headCoolWait(options.headCoolWaitMs ?? DEFAULT_HEAD_COOL_WAIT_MS, fail);
  const statusRead = () => {
    const fault = printerFault(flags(), true);
    if (fault) fail(fault);
    else cooling.watch(flags());
  };
  const timer = setTimeout(() => fail(printDeadlineFault(flags())), options.printTimeoutMs ?? 60_000);
  const polls = setInterval(() => void poll().catch((e: KioskError) => fail(e)), options.printPollMs ?? 500);
  const onAbort = () => fail(cancelled());
  signal?.addEventListener('abort', onAbort, { once: true });
  return {
    statusRead,
    stops: [
      cooling.stop,
      () => clearTimeout(timer),
      () => clearInterval(polls),
      () => signal?.removeEventListener('abort', onAbort),
    ],
  };
}

export function cancelled(): KioskError {
  return new KioskError(ErrorCode.DEVICE_OPERATION_CANCELLED, 'Printing was cancelled.');
}
