import type { KioskConfig } from '@kiosk/config';
import { recordsReceipt, type ReceiptPrinterPort, type CardReaderPort } from '@kiosk/device-drivers';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { recordsMachine, type RecordsMachine } from '@kiosk/state-machines';
import { fromPromise } from 'xstate';
import type { HostService } from '../host/host.service.js';
import { receiptContextFor } from './journey-tools.js';
import { recordForReceiptIn, recordForScreen, unknownRecordCount } from './records-from-host.js';
import type { ScopeOf } from './session-scope.js';

export interface RecordsJourneyDeps {
  readonly host: HostService;
  readonly printer: ReceiptPrinterPort;
  readonly cardReader: CardReaderPort;
  readonly config: KioskConfig;
}

/**
 * The records journey's side effects: the last records from the host, and the printed receipt
 * after which (and only after the printer confirms the cut) the card's unprinted counter is
 * cleared.
 */
export function provideRecordsJourney(deps: RecordsJourneyDeps, scopeOf: ScopeOf): RecordsMachine {
  return recordsMachine.provide({
    actors: {
      fetchRecords: fromPromise(async ({ input, signal, system }) => {
        const { tools } = scopeOf(system);
        const records = await deps.host.records(input.cardNumber, deps.config.card.recordsOnScreen, signal);
        await tools.step('records.fetch', {
          count: records.length,
          unknownKinds: unknownRecordCount(records),
        });
        const card = tools.card();
        const holder = { name: card?.name, cardNumber: card?.cardNumber ?? input.cardNumber };
        return {
          // the screen words the kind and detail codes itself, and shows the host's (masked) words
          // only for one this kiosk does not know, in each language (the view takes its own)
          records: records.map((r) => recordForScreen(r, holder)),
          unprintedCount: tools.card()?.recordsUnprinted ?? 0,
        };
      }),

      printRecords: fromPromise(async ({ input, signal, system }) => {
        const scope = scopeOf(system);
        const { tools } = scope;
        const card = tools.card();
        if (!card) throw new KioskError(ErrorCode.CARD_REMOVED, 'The card is no longer in the reader.');
        const [records, balance] = await Promise.all([
          // as many as the card counts at most before it must be printed
          deps.host.records(input.cardNumber, deps.config.card.recordsUntilPrintRequired, signal),
          deps.host.balance(input.cardNumber, input.idNumber, signal),
        ]);
        const receipt = recordsReceipt(receiptContextFor(deps.config, tools), {
          holder: { name: card.name, cardNumber: card.cardNumber },
          records: records.map(recordForReceiptIn(deps.config.kiosk.timeZone)),
          balanceFen: balance.balanceFen,
        });
        await tools.irreversible('receipt.print', () => deps.printer.print(receipt, signal), {
          kind: 'records',
          lines: records.length,
        });
        await tools.irreversible('card.recordsPrinted', () => deps.cardReader.markRecordsPrinted(signal));
        // the card's counter is cleared: the records chosen again in this session read it so
        if (scope.card === card) scope.card = { ...card, recordsUnprinted: 0 };
        return { printedCount: records.length };
      }),
    },
  });
}
