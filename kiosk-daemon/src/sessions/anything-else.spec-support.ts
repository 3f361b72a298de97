/**
 * A session at "anything else?" after a withdrawal, on the daemon's session start and end: the real
 * session machine with its device and host actors answering at once (the withdrawal brings the card
 * to its records limit), the real journal in a SQLite file, MetricsService and the end listener.
 * The sessions made are stopped and their folders removed by `closeSessions` (each spec's afterEach).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { jest } from '@jest/globals';
import { Logger } from '@nestjs/common';
import type { Journey, KioskView, SessionViewWithDetails } from '@kiosk/domain';
import { sessionMachine, toSessionView, type SessionInput, type SessionOutput } from '@kiosk/state-machines';
import { fromPromise, waitFor } from 'xstate';
import type { JournalService } from '../journal/journal.service.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { journeyTools, type JourneyTools } from '../journeys/journey-tools.js';
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

/**
 * the session machine with its devices and the host answering at once: the withdrawal brings the
 * card to its limit; the card handed back journaled as the daemon's actor does (`ejectCard`)
 */
const machineFor = (tools: () => JourneyTools) =>
  sessionMachine.provide({
    actors: {
      readCard: fromPromise(async () => CARD),
      checkCard: fromPromise(async () => undefined),
      verifyPin: fromPromise(async () => ({ result: 'ok' as const })),
      ejectCard: fromPromise(() =>
        tools()
          .bound()
          .irreversible('card.eject', async () => undefined, undefined, { doneWithNextWrite: true }),
      ),
      retractCard: fromPromise(() =>
        tools()
          .bound()
          .irreversible('card.retract', async () => undefined),
      ),
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

/**
 * The real journal, its next `call` (once armed) written and then held until `release`: what the
 * session does meanwhile falls in the window between the write and the switch going on. A write
 * the store refused is held the same way, its refusal told at `release`.
 */
export function journalCallHeld(call: 'openTransaction' | 'closeTransaction') {
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let written!: () => void;
  const reached = new Promise<void>((resolve) => (written = resolve));
  let armed = false;
  const journal = (real: JournalService): JournalService =>
    new Proxy(real, {
      get(target, key, receiver) {
        if (key !== call || !armed) return Reflect.get(target, key, receiver) as unknown;
        return async (...args: unknown[]) => {
          armed = false;
          const [answer] = await Promise.allSettled([
            (target[call] as (...a: unknown[]) => Promise<unknown>)(...args),
          ]);
          written();
          await held;
          if (answer.status === 'rejected') throw answer.reason;
          return answer.value;
        };
      },
    });
  return { journal, arm: () => (armed = true), reached, release: () => release() };
}

/**
 * At "anything else?" with the card's records at their limit, the records journey chosen and the
 * switch's `call` written then held; meanwhile the session's step (`stepMs`, on Jest's clock, which
 * the caller has made fake) times out, the card goes back and is taken, and the session ends. Then
 * the hold is let go. Answers the session's world and the refused choice (SESSION_TIMED_OUT).
 */
export async function stepTimedOutWhileSwitchHeld(
  call: 'openTransaction' | 'closeTransaction',
  stepMs: number,
) {
  const hold = journalCallHeld(call);
  const k = await atAnythingElse(true, { stepMs, journal: hold.journal });
  hold.arm();
  const chosen = k.choose('records');
  chosen.catch(() => undefined);
  await hold.reached;
  jest.advanceTimersByTime(stepMs);
  await waitFor(k.running.actor, (s) => s.matches('takeCard'));
  k.running.actor.send({ type: 'CARD_TAKEN' });
  await waitFor(k.running.actor, (s) => s.status === 'done');
  hold.release();
  return { k, chosen };
}

/**
 * The store refuses to close the transactions whose `column` is `value` (a full disk, a lock), as it
 * refuses a write it cannot make, until `takesClosesAgain`.
 */
export const refuseClosesOf = (k: { readonly db: DataSource }, column: 'id' | 'journey', value: string) =>
  k.db.query(`CREATE TRIGGER refuse BEFORE UPDATE OF "status" ON "journal_transaction"
    WHEN OLD."${column}" = '${value}' BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END`);
export const takesClosesAgain = (k: { readonly db: DataSource }) => k.db.query('DROP TRIGGER refuse');

/** the sessions made stopped, their journals closed and their folders removed, passed or failed */
const cleanups: (() => Promise<void> | void)[] = [];
export async function closeSessions(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
}

export interface AnythingElseOptions {
  /** the session's step (60 s unless said) */
  readonly stepMs?: number;
  /** the journal the daemon's start and end write to, given the real one (a spec's holds) */
  readonly journal?: (real: JournalService) => JournalService;
  /** the kiosk's view as the daemon's start reads it (in service, every journey, unless given) */
  readonly kioskView?: () => Pick<KioskView, 'mode' | 'journeysOffered'>;
}

/** A session whose withdrawal brought the card to its records limit, at "anything else?". */
export async function atAnythingElse(printAvailable: boolean, options: AnythingElseOptions = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'next-journey-refused-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const { db, journal: real } = await openJournalInFolder(dir);
  cleanups.push(() => db.destroy());
  const journal = options.journal?.(real) ?? real;
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
    timeouts: {
      stepMs: options.stepMs ?? 60_000,
      warnMs: (options.stepMs ?? 60_000) - 1,
      cardTakeMs: 60_000,
      cardMoveMs: 60_000,
    },
    pinLength: 6,
    journeysOffered: OFFERED,
    now: Date.now,
    journeyOptions: { records: { printAvailable, printLimit: 60 }, withdrawal: {} as never },
  };
  const transactionId = await real.openTransaction('s-1', 'withdraw');
  const running = createRunningSession({
    actors: {
      sessionMachine: machineFor(() =>
        journeyTools(
          journal,
          () => running.transactionId,
          () => 'en',
          () => undefined,
        ),
      ),
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
    log: new Logger('Sessions'),
    kioskView: options.kioskView ?? (() => ({ mode: 'inService', journeysOffered: OFFERED })),
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
    /** the real journal and its SQLite file (a spec's refusals by trigger) */
    journal: real,
    db,
    /** a journey chosen at "anything else?", as the resident's screen sends it */
    choose: (journey: Journey) => startOrContinue(deps, running, journey),
    /** the session's end settled (once it ended) */
    settled: () => settled,
    /** the card back and taken: the session ended, its end settled */
    finish: async () => {
      running.actor.send({ type: 'FINISH' });
      await waitFor(running.actor, (s) => s.matches('takeCard'));
      running.actor.send({ type: 'CARD_TAKEN' });
      await waitFor(running.actor, (s) => s.status === 'done');
      await settled;
    },
    /** the steps journaled, each with its transaction's journey */
    steps: (): Promise<unknown[]> =>
      db.query(
        `SELECT t."journey", s."step" || ':' || s."phase" AS "step" FROM "journal_step" s
         JOIN "journal_transaction" t ON t."id" = s."transactionId" ORDER BY t."serial", s."seq"`,
      ),
    transactions: (): Promise<unknown[]> =>
      db.query(`SELECT "journey", "outcome", "errorCode" FROM "journal_transaction" ORDER BY "serial"`),
    counted: async () => (await metrics.sessions.get()).values.map((v) => ({ ...v.labels, count: v.value })),
  };
}
