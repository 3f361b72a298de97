/** How the ESC/POS driver reaches its printer and how long it waits for it. */
import type { ReceiptEncoding } from './escpos-receipt.encoder.js';
import type { PrinterConnector } from './printer-connectors.js';

export interface EscposPrinterDriverOptions {
  readonly connect: PrinterConnector;
  /** how long a DLE EOT answer may take */
  readonly statusTimeoutMs?: number;
  /** how long a receipt may take, from the first byte to the confirmation */
  readonly printTimeoutMs?: number;
  /**
   * how long a receipt under way waits for a print head too hot to cool (default 5 s, well inside
   * a resident's step): past it DEVICE_BUSY naming the head, the rest of the receipt cleared
   */
  readonly headCoolWaitMs?: number;
  /** status polling while printing (covers printers without ASB) */
  readonly printPollMs?: number;
  /** status polling (and reconnecting) while idle; 0 = never */
  readonly idlePollMs?: number;
  readonly encoding?: ReceiptEncoding;
  readonly now?: () => Date;
  readonly log?: (line: string) => void;
}
