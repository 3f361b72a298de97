/**
 * A counters record in the dispense intent's millisecond is not before the withdrawal. The staff
 * screen of a withdrawal left undecided shows the dispenser's counts before it beside now; a
 * counters record written as the notes moved, in the very millisecond of the dispense intent (a
 * fast kiosk, the journey's own record right after the dispense), was taken as "before": the
 * supervisor saw the reject bin as it was after the dispense. On both journal stores
 * (`journal-stores.ts`): the real withdrawal journey's dispense (its intent, the dispenser
 * emulator, the counts it records after) with the clock's millisecond held still (`Date` alone is
 * faked, timers run), then the withdrawal left for staff as recovery leaves it.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, jest } from '@jest/globals';
import type { KioskConfig } from '@kiosk/config';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ALL_BUT_THE_CLOCK } from '@kiosk/domain/testing';
import { createActor, toPromise, type AnyActorLogic } from 'xstate';
import { DataSource } from 'typeorm';
import { JournalService } from '../src/journal/journal.service.js';
import { recordDeviceCounters } from '../src/journeys/journey-tools.js';
import { SessionScope, SessionScopes } from '../src/journeys/session-scope.js';
import { provideWithdrawalJourney, type WithdrawalJourneyDeps } from '../src/journeys/withdrawal-journey.js';
import { pendingWithdrawals } from '../src/maintenance/pending-withdrawals.js';
import { journalStores, type JournalStore } from './journal-stores.js';

const stores = journalStores('counters record in the dispense intent millisecond');

/** the one millisecond every write of the withdrawal carries */
const NOW = new Date('2026-11-27T10:00:00.000Z');

describe.each(stores)('the withdrawal journal on %s', (_name, makeStore) => {
  let store: JournalStore;
  const open: { db: DataSource; dispenser: CashDispenserEmulator }[] = [];
  beforeAll(() => {
    store = makeStore();
  });
  afterEach(async () => {
    jest.useRealTimers();
    for (const { db, dispenser } of open.splice(0)) {
      await dispenser.close();
      if (db.isInitialized) await db.destroy();
    }
  });
  // a database dropped takes most of a second on a loaded machine
  afterAll(() => store.close(), 30_000);

  /** A fresh journal on the store and the dispenser emulator (full cassettes, empty bins), open. */
  async function kiosk() {
    const db = new DataSource(await store.fresh());
    await db.initialize();
    const dispenser = new CashDispenserEmulator();
    open.push({ db, dispenser });
    await dispenser.open();
    const journal = new JournalService(db, {
      kiosk: { id: 'JZ-0001' },
      journal: { retentionDays: 30 },
    } as KioskConfig);
    await journal.onModuleInit();
    return { journal, dispenser };
  }

  /** The withdrawal journey's dispense of `amountFen` in session s1's transaction `tx`, as the daemon runs it. */
  function dispense(
    journal: JournalService,
    dispenser: CashDispenserEmulator,
    tx: string,
    amountFen: number,
  ) {
    // the dispense acts on the dispenser alone: the journey's other deps (host, printer) are not reached
    const deps = { dispenser } as Partial<WithdrawalJourneyDeps> as WithdrawalJourneyDeps;
    const scopes = new SessionScopes();
    const actors = provideWithdrawalJourney(deps, scopes.of).implementations.actors;
    const actor = createActor(actors['dispenseCash'] as AnyActorLogic, { input: { amountFen } });
    const session = { transactionId: tx, locale: () => 'en' as const, send: () => undefined };
    scopes.bind(actor.system, new SessionScope(journal, session));
    const done = toPromise(actor);
    actor.start();
    return done;
  }

  it("a counters record in the dispense intent's millisecond is not before the withdrawal", async () => {
    const { journal, dispenser } = await kiosk();
    // a fast kiosk: the withdrawal's writes and the counts recorded around it share one millisecond
    jest.useFakeTimers({ now: NOW, doNotFake: ALL_BUT_THE_CLOCK });
    // what the dispenser held before the withdrawal, as the journal recorded it: the reject bin empty
    await recordDeviceCounters(journal, dispenser.status(), dispenser.cassettes());
    // the count double-picks once: two notes go to the reject bin as the notes move
    dispenser.setFault({ kind: 'doubleNotes', picks: 1 });
    const tx = await journal.openTransaction('s1', 'withdraw');
    await journal.recordStep(tx, 'withdrawal.authorise', 'intent', { amountFen: 30_000 });
    await dispense(journal, dispenser, tx, 30_000);
    // the kiosk died with the notes at the slot; recovery could not tell whether they were taken
    await journal.recordStep(tx, 'recovery.needsStaff', 'event', { reason: 'cash whereabouts unknown' });
    jest.useRealTimers();

    // the fault's condition: the record after the dispense carries the intent's very time
    const intent = (await journal.stepsOf(tx)).find(
      (s) => s.step === 'cash.dispense' && s.phase === 'intent',
    );
    const latest = await journal.counters.latestCounters();
    expect(intent?.at).toBe(NOW.toISOString());
    expect(latest.cashDispenser).toMatchObject({ at: NOW.toISOString(), counters: { rejectBin: 2 } });

    const [pending] = await pendingWithdrawals(journal, dispenser);
    expect(pending?.transactionId).toBe(tx);
    expect(pending?.counters).toMatchObject({
      // before the withdrawal: the record before its intent, not the one its dispense wrote
      rejectBinBefore: 0,
      rejectBinDevice: 2,
      rejectBinJournal: 2,
      retractBinBefore: 0,
    });
  });
});
