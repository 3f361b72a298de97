/**
 * Fault: boot recovery read each open transaction's journal steps several times. After a power cut
 * every open transaction's steps were read by the recovery loop, again by the staff verdict's
 * resume, by the hand-in check, by the fee orders' settlement, by card making's recovery and by
 * the withdrawal's settlement: a query each, so a terminal with many open transactions booted ever
 * slower. Now the loop reads them once and hands them on (none of those decisions reads a step
 * recovery writes before it); a QR fee order's settlement reads them once more on purpose, under
 * its one hand (another hand may have settled the order meanwhile).
 *
 * The real journal (SQLite in memory) with a query-counting logger, N open transactions of each
 * kind (a withdrawal cut short after asking for money, a card making cut short after its card was
 * presented, a replacement whose QR fee order was left open), and recovery at boot.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import type { HostService } from '../host/host.service.js';
import type { IssuanceHostService } from '../host/issuance-host.service.js';
import { reconcileDeviceCounters } from '../journal/device-counters-reconcile.js';
import { DeviceCountersService } from '../journal/device-counters.service.js';
import { sqliteJournalOptions } from '../journal/journal.data-source.js';
import { JournalService } from '../journal/journal.service.js';
import { countingLogger, type Query } from '../journal/query-log.spec-support.js';
import { DataSource } from '../journal/typeorm-runtime.js';
import { cardGonePrinter } from '../journeys/card-gone-printer.spec-support.js';
import { dispenserAndPrinterDevices } from './recovery-devices.spec-support.js';
import { SessionRecoveryService } from './session-recovery.service.js';

const dbs: DataSource[] = [];

afterEach(async () => {
  for (const db of dbs.splice(0)) await db.destroy();
});

const quietRecovery = (recovery: SessionRecoveryService) =>
  Object.assign(recovery as unknown as { log: object }, {
    log: { log: () => undefined, warn: () => undefined, error: () => undefined },
  });

/** A journal holding `n` open transactions of each kind, as a power cut left them. */
async function countedDb(queries: Query[]): Promise<DataSource> {
  const db = new DataSource({ ...sqliteJournalOptions(':memory:'), logger: countingLogger(queries) });
  await db.initialize();
  dbs.push(db);
  return db;
}

async function cutShort(n: number) {
  const queries: Query[] = [];
  const db = await countedDb(queries);
  const journal = new JournalService(db, {
    kiosk: { id: 'JZ-0001' },
    journal: { retentionDays: 30 },
  } as KioskConfig);
  await journal.onModuleInit();
  const withdrawals: string[] = [];
  const cardMakings: string[] = [];
  const feeOrders: string[] = [];
  for (let i = 0; i < n; i++) {
    const w = await journal.openTransaction(`w${i}`, 'withdraw');
    await journal.recordStep(w, 'withdrawal.authorise', 'intent', { amountFen: 20_000 });
    withdrawals.push(w);
    const c = await journal.openTransaction(`c${i}`, 'issueCard');
    await journal.sealPersonalData(c, 'cardNumber', `H4108000${String(i).padStart(4, '0')}`);
    await journal.recordStep(c, 'issuance.order', 'event', { applicationNo: `A${i}`, attempt: 1 });
    for (const step of ['card.feed', 'card.present']) {
      await journal.recordStep(c, step, 'intent');
      await journal.recordStep(c, step, 'done');
    }
    cardMakings.push(c);
    const f = await journal.openTransaction(`f${i}`, 'replaceCard');
    await journal.recordStep(f, 'fee.qr', 'intent', { attempt: 1, applicationNo: `R${i}` });
    await journal.recordStep(f, 'fee.order', 'event', { attempt: 1, paymentId: `P${i}` });
    feeOrders.push(f);
  }
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const printer = cardGonePrinter(39, 0);
  const devices = dispenserAndPrinterDevices(dispenser, printer);
  // the host never held money for these withdrawals (the authorisation did not land)
  const host = {
    withdrawalByKey: async () => undefined,
    authorisedWithdrawals: async () => [],
  } as unknown as HostService;
  const issuance = {
    reportIssuance: async () => ({}),
    closeQrPayment: async (paymentId: string) => ({ paymentId, status: 'closed', amountFen: 2_000 }),
  } as unknown as IssuanceHostService;
  const recovery = new SessionRecoveryService(devices, journal, host, issuance);
  quietRecovery(recovery);
  /** recovery at boot; the queries it ran */
  const boot = async () => {
    queries.length = 0;
    const report = await recovery.recoverUnfinished();
    recovery.onApplicationShutdown();
    return { report, queries: [...queries] };
  };
  return { journal, withdrawals, cardMakings, feeOrders, boot };
}

const readsOf = (queries: readonly Query[], table: string, transactionId: string) =>
  queries.filter(
    (q) => /^\s*SELECT/i.test(q.sql) && q.sql.includes(`"${table}"`) && q.parameters.includes(transactionId),
  ).length;

describe('boot recovery reads each open transaction’s steps once', () => {
  it.each([1, 10])(
    'N = %i of each kind: steps read once a transaction (twice with a QR fee order), the card number once',
    async (n) => {
      const w = await cutShort(n);
      const { report, queries } = await w.boot();
      expect(report.recovered).toBe(3 * n);
      expect(await w.journal.openTransactions()).toEqual([]);
      for (const tx of w.withdrawals) expect(readsOf(queries, 'journal_step', tx)).toBe(1);
      for (const tx of w.cardMakings) {
        expect(readsOf(queries, 'journal_step', tx)).toBe(1);
        expect(readsOf(queries, 'journal_personal_data', tx)).toBe(1);
      }
      // once by recovery, once under the order's one hand (settled by another meanwhile?)
      for (const tx of w.feeOrders) expect(readsOf(queries, 'journal_step', tx)).toBe(2);
    },
  );

  it('decides as before: each decision journaled, the card reported issued, the fee order closed', async () => {
    const w = await cutShort(2);
    await w.boot();
    const trail = async (tx: string) =>
      (await w.journal.stepsOf(tx))
        .map((s) => `${s.step}:${s.phase}`)
        .filter((s) => s.startsWith('recovery') || s.startsWith('fee.'));
    expect(await trail(w.withdrawals[1]!)).toEqual(['recovery.found:event', 'recovery.withdrawal:event']);
    expect(await trail(w.cardMakings[1]!)).toEqual([
      'recovery.found:event',
      'recovery.blank:event',
      'recovery.host.issued:intent',
      'recovery.host.issued:done',
    ]);
    expect(await trail(w.feeOrders[1]!)).toEqual([
      'fee.qr:intent',
      'fee.order:event',
      'recovery.found:event',
      'fee.close:intent',
      'fee.close:done',
      'fee.settled:event',
      'recovery.blank:event',
    ]);
  });

  it('reconcile does not read the last printer record again to carry a reject bin count it has not', async () => {
    const queries: Query[] = [];
    const counters = new DeviceCountersService(await countedDb(queries));
    // a journal that never counted the reject bin, of a printer that does not count it either
    await counters.recordCounters('cardPrinter', { blanks: 40 });
    // a blank went while the journal could not follow
    const printer = cardGonePrinter(39);
    const devices = {
      statuses: () => [printer.status()],
      cashDispenser: { countsFromJournal: false, cassettes: () => [] },
    } as unknown as Parameters<typeof reconcileDeviceCounters>[1];
    queries.length = 0;
    const quiet = { log: () => undefined, warn: () => undefined };
    expect(await reconcileDeviceCounters(counters, devices, quiet)).toEqual(['cardPrinter.blanks: 40 → 39']);
    expect((await counters.latestCounters()).cardPrinter?.counters).toEqual({ blanks: 39 });
    const reads = queries.filter((q) => /^\s*SELECT/i.test(q.sql) && q.sql.includes('"device_counters"'));
    // the latest counters of every kind (reconcile's read) and the check above: none in between
    expect(reads).toHaveLength(2);
  });
});
