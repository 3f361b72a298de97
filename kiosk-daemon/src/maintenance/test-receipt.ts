/**
 * Field staff's test receipt (`MaintenanceService.testReceipt`): a receipt naming the kiosk, the
 * time and the member of staff, printed through the real driver. Journaled in the staff visit's
 * transaction (`maintenance.testReceipt`) before it prints, then done or failed with the printer's
 * code; a printer that fails is answered with its code, not thrown.
 */
import type { KioskConfig } from '@kiosk/config';
import { formatKioskTime, type ReceiptPrinterPort } from '@kiosk/device-drivers';
import { KioskError } from '@kiosk/domain';
import type { JournalService } from '../journal/journal.service.js';

/** Prints the test receipt; the code it failed with, undefined when it printed. */
export async function printTestReceipt(
  journal: JournalService,
  printer: ReceiptPrinterPort,
  config: KioskConfig,
  transactionId: string,
  staffId: string,
): Promise<string | undefined> {
  await journal.recordStep(transactionId, 'maintenance.testReceipt', 'intent');
  let code: string | undefined;
  try {
    await printer.print({
      locale: 'zh-CN',
      title: '测试凭条 Test receipt',
      subtitle: `${config.kiosk.id} ${formatKioskTime(new Date(), config.kiosk.timeZone)}`,
      lines: [{ label: '工作人员 Staff', value: staffId }],
    });
  } catch (e) {
    code = KioskError.from(e).code;
  }
  await journal.recordStep(
    transactionId,
    'maintenance.testReceipt',
    code === undefined ? 'done' : 'failed',
    code === undefined ? undefined : { code },
  );
  return code;
}
