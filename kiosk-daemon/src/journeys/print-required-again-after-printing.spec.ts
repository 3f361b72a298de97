/**
 * Fault: a card whose records were just printed was told again, in the same session, that it
 * must print them. Printing clears the card's unprinted counter (RULES.md), but the records
 * journey read the counter from the chip data read as the card went in, which the print left as
 * it was: a resident at the 60-record limit who printed, then chose the records again to look at
 * them, was shown "print them here to keep using the card" with 0 records until then, and the
 * session handed the card back refused CARD_RECORDS_PRINT_REQUIRED unless they printed again.
 * Now the session's card data says the counter is cleared once the card has taken the print.
 *
 * The records journey's actors as the daemon provides them, the real journal (SQLite in memory)
 * and the test profile; the host, the receipt printer and the card reader stand-ins of one call.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import type { CardReaderPort, ReceiptPrinterPort, SocialSecurityCardData } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { provideRecordsJourney } from './records-journey.js';
import { runInScope } from './run-in-scope.spec-support.js';
import { SessionScope, SessionScopes } from './session-scope.js';

const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
let closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.reverse()) await close();
  closers = [];
});

async function sessionWithCardAtLimit() {
  const config = loadConfig({ profile: 'test' });
  const limit = config.card.recordsUntilPrintRequired;
  const { db, journal } = await openMemoryJournal();
  closers.push(() => (db as DataSource).destroy());
  const tx = await journal.openTransaction('s1', 'records');
  const scopes = new SessionScopes();
  const scope = new SessionScope(journal, { transactionId: tx, locale: () => 'en', send: () => undefined });
  scope.card = {
    cardNumber: zhang.cardNumber,
    idNumber: zhang.idNumber,
    name: zhang.name,
    recordsUnprinted: limit,
  } as SocialSecurityCardData;
  let printed = 0;
  const host = {
    records: async () => [],
    balance: async () => ({
      cardNumber: zhang.cardNumber,
      balanceFen: 100_000,
      asOf: new Date().toISOString(),
    }),
  } as unknown as HostService;
  const printer = { print: async () => undefined } as unknown as ReceiptPrinterPort;
  const cardReader = {
    markRecordsPrinted: async () => {
      printed += 1;
    },
  } as unknown as CardReaderPort;
  const actors = provideRecordsJourney({ host, printer, cardReader, config }, scopes.of).implementations
    .actors;
  const run = (logic: unknown): Promise<unknown> =>
    runInScope(scopes, scope, logic, {
      sessionId: 's1',
      cardNumber: zhang.cardNumber,
      idNumber: zhang.idNumber,
    });
  return { limit, actors, run, printedOnCard: () => printed };
}

describe('the records printed in a session leave the card’s counter cleared for the rest of it', () => {
  it('reads no unprinted record at the records chosen again after the print', async () => {
    const { limit, actors, run, printedOnCard } = await sessionWithCardAtLimit();
    expect(await run(actors.fetchRecords)).toMatchObject({ unprintedCount: limit });
    await run(actors.printRecords);
    expect(printedOnCard()).toBe(1);
    expect(await run(actors.fetchRecords)).toMatchObject({ unprintedCount: 0 });
  });
});
