/**
 * What the specs of the withdrawal's daemon actors share: the dispenser emulator with a gate the
 * spec opens, and one session's withdrawal transaction in the real journal (SQLite in memory,
 * destroyed after each test) with the journey's deps around the spec's dispenser.
 */
import { afterEach } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import {
  CashDispenserEmulator,
  type CashDispenserPort,
  type ReceiptPrinterPort,
} from '@kiosk/device-drivers';
import type { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { SessionScopes } from './session-scope.js';
import type { WithdrawalJourneyDeps } from './withdrawal-journey.js';

let db: DataSource | undefined;

afterEach(async () => {
  await db?.destroy();
  db = undefined;
});

/**
 * The dispenser emulator, open, and a gate for the act the spec holds: the act calls `ask()` when
 * it reaches the dispenser (`asked` resolves) and waits for `gate`, which opens when the spec calls
 * `answer()`.
 */
export async function gatedEmulator() {
  const emulator = new CashDispenserEmulator();
  await emulator.open();
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  let ask: () => void = () => undefined;
  const asked = new Promise<void>((resolve) => (ask = resolve));
  return { emulator, gate, answer: () => open(), ask: () => ask(), asked };
}

/**
 * One session (`sessionId`) with its withdrawal's transaction `tx` in the real journal, its
 * scopes, and the withdrawal journey's deps: the spec's `dispenser`, the rest unused.
 */
export async function withdrawalSession(sessionId: string, dispenser: CashDispenserPort) {
  const opened = await openMemoryJournal();
  db = opened.db;
  const journal = opened.journal;
  const tx = await journal.openTransaction(sessionId, 'withdraw');
  const session = { transactionId: tx, locale: () => 'en' as const, send: () => undefined };
  const scopes = new SessionScopes();
  const deps = {
    host: {} as HostService,
    dispenser,
    printer: {} as ReceiptPrinterPort,
    config: {} as KioskConfig,
    holdRelease: {} as WithdrawalJourneyDeps['holdRelease'],
  };
  return { journal, tx, session, scopes, deps };
}
