/**
 * Fault (next-journey-refused-journaled-as-completed): at "anything else?", a journey the session
 * machine refuses (every journey at the card's records limit with the receipt printer down,
 * CARD_RECORDS_PRINT_REQUIRED; all but the records at the limit) was journaled all the same: the
 * daemon closed the journey before and opened a transaction for the refused one before the machine
 * refused it, so the journal, the metrics and the fleet counted the refused try as the session's
 * journey, closed "completed" with the refusal's code; and the refusal's error, left in the
 * session's context, was read as the close code of the journey before. Now a refused try is told
 * to the machine alone (its words on the screen), nothing journaled; the journey before keeps its
 * transaction and its own close code. The daemon's session start and end, the real session
 * machine (its device and host actors answered at once), the real journal in a SQLite file.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { ErrorCode, type Journey, type KioskView, type SessionViewWithDetails } from '@kiosk/domain';
import { sessionMachine, toSessionView, type SessionInput, type SessionOutput } from '@kiosk/state-machines';
import { fromPromise, waitFor } from 'xstate';
import { openJournalInFolder } from '../journal/memory-journal.spec-support.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { createRunningSession, type RunningSession } from './running-session.js';
import type { SessionActorsFactory } from './session-actors.js';
import { SessionEnds } from './session-end.js';
import { startOrContinue, type SessionStartDeps } from './session-start.js';
import type { SessionEnded } from './session-types.js';
import type { SlotCardRecovery } from './slot-card-recovery.js';

const CARD = {
  cardNumber: 'H41080000102',
  name: '张三',
  idNumber: '410802199001011234',
  expiryDate: '2030-06-01',
  regionCode: '410800',
};
const OFFERED: Journey[] = ['balance', 'records', 'withdraw'];

/** the session machine with its devices and the host answering at once: the withdrawal brings the card to its limit */
const machine = sessionMachine.provide({
  actors: {
    readCard: fromPromise(async () => CARD),
    checkCard: fromPromise(async () => undefined),
    verifyPin: fromPromise(async () => ({ result: 'ok' as const })),
    ejectCard: fromPromise(async () => undefined),
    identifyJourney: fromPromise(async () => ({
      outcome: 'completed' as const,
      faceScore: 88,
      faceTries: 1,
    })),
    withdrawalJourney: fromPromise(async () => ({
      outcome: 'completed' as const,
      amountFen: 30_000,
      paidFen: 30_000,
      confirmed: true,
      reversed: false,
      needsReconciliation: false,
      receiptPrinted: true,
      recordsPrintRequired: true as const,
    })),
    recordsJourney: fromPromise(async () => ({
      outcome: 'completed' as const,
      printed: true,
      unprintedCount: 0,
    })),
  },
} as never) as unknown as typeof sessionMachine;

/** the spec's sessions stopped, their journals closed and their folders removed, passed or failed */
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A session whose withdrawal brought the card to its records limit, at "anything else?". */
async function atAnythingElse(printAvailable: boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'next-journey-refused-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const { db, journal } = await openJournalInFolder(dir);
  cleanups.push(() => db.destroy());
  const metrics = new MetricsService();
  const ends = new SessionEnds({
    journal,
    metrics,
    slotCard: { afterSession: () => Promise.resolve('none') } as unknown as SlotCardRecovery,
    log: new Logger('Sessions'),
    sessionRuns: () => false,
  });
  const told: SessionEnded[] = [];
  ends.onEnded((ended) => told.push(ended));
  let settled!: Promise<void>;
  const input: SessionInput = {
    sessionId: 's-1',
    timeouts: { stepMs: 60_000, warnMs: 50_000, cardTakeMs: 60_000, cardMoveMs: 60_000 },
    pinLength: 6,
    journeysOffered: OFFERED,
    now: Date.now,
    journeyOptions: { records: { printAvailable, printLimit: 60 }, withdrawal: {} as never },
  };
  const transactionId = await journal.openTransaction('s-1', 'withdraw');
  const running = createRunningSession({
    actors: {
      sessionMachine: machine,
      scope: () => ({ release: () => undefined }),
    } as unknown as SessionActorsFactory,
    input,
    journey: 'withdraw',
    transactionId,
    locale: () => 'en',
    onSnapshot: () => undefined,
    onFailure: (err) => {
      throw err;
    },
    onEnded: (ended: RunningSession, output: SessionOutput) => {
      settled = ends.settle(ended, output);
    },
  });
  const view = () => toSessionView(running.actor.getSnapshot(), 'en');
  const deps = {
    journal,
    kioskView: () => ({ mode: 'inService', journeysOffered: OFFERED }) as unknown as KioskView,
    sessionView: () => ({ ...view(), sessionId: 's-1' }) as unknown as SessionViewWithDetails,
  } as unknown as SessionStartDeps;
  running.actor.start();
  cleanups.push(() => void running.actor.stop());
  running.actor.send({ type: 'SELECT_JOURNEY', journey: 'withdraw' });
  running.actor.send({ type: 'CARD_INSERTED' });
  await waitFor(running.actor, (s) => s.matches({ cardIn: 'journeyDone' }));
  return {
    running,
    view,
    told,
    /** a journey chosen at "anything else?", as the resident's screen sends it */
    choose: (journey: Journey) => startOrContinue(deps, running, journey),
    /** the card back and taken: the session ended, its end settled */
    finish: async () => {
      running.actor.send({ type: 'FINISH' });
      await waitFor(running.actor, (s) => s.matches('takeCard'));
      running.actor.send({ type: 'CARD_TAKEN' });
      await waitFor(running.actor, (s) => s.status === 'done');
      await settled;
    },
    transactions: (): Promise<unknown[]> =>
      db.query(`SELECT "journey", "outcome", "errorCode" FROM "journal_transaction" ORDER BY "serial"`),
    counted: async () => (await metrics.sessions.get()).values.map((v) => ({ ...v.labels, count: v.value })),
  };
}

describe('fault: next-journey-refused-journaled-as-completed', () => {
  it('every journey refused with the printer down at the records limit: nothing journaled, the withdrawal the session’s, closed as it ended', async () => {
    const k = await atAnythingElse(false);
    await k.choose('records');
    await k.choose('balance');
    expect(k.view()).toMatchObject({
      step: 'chooseJourney',
      error: { code: ErrorCode.CARD_RECORDS_PRINT_REQUIRED },
    });
    expect(k.running.journey).toBe('withdraw');
    expect(await k.transactions()).toEqual([{ journey: 'withdraw', outcome: null, errorCode: null }]);

    await k.finish();
    expect(await k.transactions()).toEqual([{ journey: 'withdraw', outcome: 'completed', errorCode: null }]);
    expect(k.told).toEqual([
      expect.objectContaining({ journey: 'withdraw', outcome: 'completed', code: null }),
    ]);
    expect(await k.counted()).toEqual([{ journey: 'withdraw', outcome: 'completed', count: 1 }]);
  });

  it('a journey refused at the limit, then the records: the withdrawal closed with its own code, the records journaled once', async () => {
    const k = await atAnythingElse(true);
    await k.choose('balance');
    expect(k.view().error).toMatchObject({ code: ErrorCode.CARD_RECORDS_PRINT_REQUIRED });
    expect(await k.transactions()).toEqual([{ journey: 'withdraw', outcome: null, errorCode: null }]);

    await k.choose('records');
    await waitFor(
      k.running.actor,
      (s) => s.matches({ cardIn: 'journeyDone' }) && s.context.journey === 'records',
    );
    expect(await k.transactions()).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null },
      { journey: 'records', outcome: null, errorCode: null },
    ]);

    await k.finish();
    expect(await k.transactions()).toEqual([
      { journey: 'withdraw', outcome: 'completed', errorCode: null },
      { journey: 'records', outcome: 'completed', errorCode: null },
    ]);
    expect(k.told).toEqual([
      expect.objectContaining({ journey: 'records', outcome: 'completed', code: null }),
    ]);
    expect(await k.counted()).toEqual([{ journey: 'records', outcome: 'completed', count: 1 }]);
  });
});
