/**
 * The bound of a receipt's wait for the print head to cool. The printer stops mid-receipt while
 * its head is too hot (DLE EOT 3 bit 6) and goes on by itself once it has cooled; a receipt under
 * way waits for that, but only `waitMs` from when the printer said so (a resident has their cash or
 * card and walks away: a receipt a minute later is worse than none). Past it the receipt fails
 * DEVICE_BUSY naming the head (printDeadlineFault) and the driver clears its rest.
 */
import type { KioskError } from '@kiosk/domain';
import type { PrinterFlags } from './escpos.protocol.js';
import { printDeadlineFault } from './receipt-printer-status.js';

export interface HeadCoolWait {
  /** each status read mid-receipt: the wait starts at a hot head and ends when it has cooled */
  watch(flags: PrinterFlags | null): void;
  stop(): void;
}

export function headCoolWait(waitMs: number, fail: (e: KioskError) => void): HeadCoolWait {
  let timer: NodeJS.Timeout | null = null;
  let last: PrinterFlags | null = null;
  const stop = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    watch(flags) {
      last = flags;
      if (!flags?.autoRecoverableError) stop();
      else timer ??= setTimeout(() => fail(printDeadlineFault(last)), waitMs);
    },
    stop,
  };
}
