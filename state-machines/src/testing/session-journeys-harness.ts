/**
 * Test support: a session actor on a simulated clock with every actor of every journey pending,
 * so that a spec answers for the card reader, the PIN pad, the ID reader, the camera, the cash
 * dispenser, the printers and the host, one call at a time.
 */
import { CheckCardFake } from './check-card-fake.js';
import type { Journey } from '@kiosk/domain';
import { SimulatedClock, createActor } from 'xstate';
import { toSessionView } from '../session/session-view.js';
import { watchSession } from '../session/watch-session.js';
import { newPinMachine } from '../journeys/new-pin/new-pin.machine.js';
import type { NewPinActorContracts } from '../journeys/new-pin/new-pin.machine.js';
import { identifyMachine } from '../journeys/identify/identify.machine.js';
import type { IdentifyActorContracts } from '../journeys/identify/identify.machine.js';
import { recordsMachine } from '../journeys/records/records.machine.js';
import type { RecordsActorContracts } from '../journeys/records/records.machine.js';
import { reportLossMachine } from '../journeys/report-loss/report-loss.machine.js';
import { issueCardMachine } from '../journeys/issue-card/issue-card.machine.js';
import type { IssueCardActorContracts } from '../journeys/issue-card/issue-card.types.js';
import type { ReportLossActorContracts } from '../journeys/report-loss/report-loss.machine.js';
import { withdrawalMachine } from '../journeys/withdrawal/withdrawal.machine.js';
import type { WithdrawalActorContracts } from '../journeys/withdrawal/withdrawal.types.js';
import { SESSION_JOURNEYS_BUILT } from '../session/session-journeys.js';
import { sessionMachine } from '../session/session.machine.js';
import type { SessionActorContracts, SessionInput } from '../session/session.types.js';
import { PendingActor } from './pending-actor.js';
import { CASH_TAKE_MS, DISPENSER_BOUNDS, FULL_CASSETTES, QUOTA } from './withdrawal-harness.js';
import { ZHANG_CARD, sessionInput } from './session-fixtures.js';

type AllContracts = SessionActorContracts &
  IssueCardActorContracts &
  IdentifyActorContracts &
  RecordsActorContracts &
  WithdrawalActorContracts &
  NewPinActorContracts &
  ReportLossActorContracts;

export type Fakes = {
  [K in keyof AllContracts]: PendingActor<AllContracts[K]['output'], AllContracts[K]['input']>;
};

const NAMES: readonly (keyof AllContracts)[] = [
  'readCard',
  'verifyPin',
  'queryBalance',
  'ejectCard',
  'retractCard',
  'accountForCard',
  'readIdCard',
  'matchFace',
  'fetchRecords',
  'printRecords',
  'fetchWithdrawalQuota',
  'authoriseWithdrawal',
  'journalWithdrawal',
  'dispenseCash',
  'presentCash',
  'retractCash',
  'confirmWithdrawal',
  'reverseWithdrawal',
  'printWithdrawalReceipt',
  'enterNewPin',
  'saveNewPin',
  'listResidentCards',
  'reportTemporaryLoss',
  'checkApplication',
  'awaitOldCard',
  'handInOldCard',
  'payFee',
  'makeCard',
  'rejectBlank',
  'presentNewCard',
  'retractNewCard',
  'reportIssuance',
];

export function journeyInput(
  now: () => number,
  journeysOffered: readonly Journey[] = SESSION_JOURNEYS_BUILT,
): SessionInput {
  return {
    ...sessionInput(now, journeysOffered),
    journeyOptions: {
      records: { printAvailable: true },
      withdrawal: {
        rules: { singleMaxFen: 50_000, dailyMaxFen: 100_000, dailyCountMax: 2, noteFen: 10_000 },
        receiptAvailable: true,
        cashTakeMs: CASH_TAKE_MS,
        cashUnits: () => FULL_CASSETTES,
        dispenserBounds: DISPENSER_BOUNDS,
      },
    },
  };
}

export function startJourneySession(input?: (now: () => number) => SessionInput) {
  const clock = new SimulatedClock();
  const fakes = Object.fromEntries(NAMES.map((name) => [name, new PendingActor()])) as unknown as Fakes;
  const checkCard = new CheckCardFake();
  const machine = sessionMachine.provide({
    actors: {
      readCard: fakes.readCard.logic,
      checkCard: checkCard.logic,
      verifyPin: fakes.verifyPin.logic,
      queryBalance: fakes.queryBalance.logic,
      ejectCard: fakes.ejectCard.logic,
      retractCard: fakes.retractCard.logic,
      accountForCard: fakes.accountForCard.logic,
      identifyJourney: identifyMachine.provide({
        actors: { readIdCard: fakes.readIdCard.logic, matchFace: fakes.matchFace.logic },
      }),
      recordsJourney: recordsMachine.provide({
        actors: { fetchRecords: fakes.fetchRecords.logic, printRecords: fakes.printRecords.logic },
      }),
      withdrawalJourney: withdrawalMachine.provide({
        actors: {
          fetchWithdrawalQuota: fakes.fetchWithdrawalQuota.logic,
          authoriseWithdrawal: fakes.authoriseWithdrawal.logic,
          journalWithdrawal: fakes.journalWithdrawal.logic,
          dispenseCash: fakes.dispenseCash.logic,
          presentCash: fakes.presentCash.logic,
          retractCash: fakes.retractCash.logic,
          confirmWithdrawal: fakes.confirmWithdrawal.logic,
          reverseWithdrawal: fakes.reverseWithdrawal.logic,
          printWithdrawalReceipt: fakes.printWithdrawalReceipt.logic,
        },
      }),
      newPinJourney: newPinMachine.provide({
        actors: { enterNewPin: fakes.enterNewPin.logic, saveNewPin: fakes.saveNewPin.logic },
      }),
      issueCardJourney: issueCardMachine.provide({
        actors: {
          checkApplication: fakes.checkApplication.logic,
          awaitOldCard: fakes.awaitOldCard.logic,
          handInOldCard: fakes.handInOldCard.logic,
          payFee: fakes.payFee.logic,
          makeCard: fakes.makeCard.logic,
          rejectBlank: fakes.rejectBlank.logic,
          presentNewCard: fakes.presentNewCard.logic,
          retractNewCard: fakes.retractNewCard.logic,
          reportIssuance: fakes.reportIssuance.logic,
        },
      }),
      reportLossJourney: reportLossMachine.provide({
        actors: {
          listResidentCards: fakes.listResidentCards.logic,
          reportTemporaryLoss: fakes.reportTemporaryLoss.logic,
        },
      }),
    },
  });
  const actor = createActor(machine, { input: (input ?? journeyInput)(() => clock.now()), clock });
  actor.start();
  /**
   * Waits until `predicate` holds, re-checked on every change of the session or of the journey
   * machine it runs (a journey's steps do not change the session's own snapshot).
   */
  function until(predicate: () => boolean, timeoutMs = 500): Promise<void> {
    if (predicate()) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        watch.unsubscribe();
        reject(new Error(`condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
      const watch = watchSession(actor, () => {
        if (!predicate()) return;
        clearTimeout(timer);
        queueMicrotask(() => watch.unsubscribe());
        resolve();
      });
    });
  }
  /** resolves the next unanswered call of a fake once it was made */
  async function answer<K extends keyof Fakes>(name: K, output: AllContracts[K]['output']): Promise<void> {
    const n = answered[name] ?? 0;
    await until(() => fakes[name].calls.length > n);
    answered[name] = n + 1;
    (fakes[name].calls[n]?.resolve as (o: unknown) => void)(output);
  }
  async function fail<K extends keyof Fakes>(name: K, code: string): Promise<void> {
    const n = answered[name] ?? 0;
    await until(() => fakes[name].calls.length > n);
    answered[name] = n + 1;
    fakes[name].calls[n]?.reject({ code, message: code });
  }
  const answered: Partial<Record<keyof Fakes, number>> = {};
  return { actor, clock, fakes, checkCard, answer, fail, until };
}

export type JourneySession = ReturnType<typeof startJourneySession>;

export const ZHANG_ID_CARD = {
  idNumber: ZHANG_CARD.idNumber,
  name: ZHANG_CARD.name,
  birthDate: '1980-03-15',
  validTo: '2035-01-01',
};

/** Card in, PIN right: the session routes on to what the journey needs next. */
export async function cardAndPin(s: JourneySession, journey: Journey): Promise<void> {
  s.actor.send({ type: 'SELECT_JOURNEY', journey });
  s.actor.send({ type: 'CARD_INSERTED' });
  await s.answer('readCard', ZHANG_CARD);
  await s.answer('verifyPin', { result: 'ok' });
}

export async function idAndFace(s: JourneySession, score = 88): Promise<void> {
  await s.answer('readIdCard', ZHANG_ID_CARD);
  await s.answer('matchFace', { score });
}

/** The step the session shows now (the same in every language). */
export function stepOf(s: JourneySession): string {
  return toSessionView(s.actor.getSnapshot(), 'zh-CN').step;
}

/** Waits until the session shows `expected`. */
export async function atStep(s: JourneySession, expected: string): Promise<void> {
  await s.until(() => stepOf(s) === expected);
}

/** The card given back at the slot and taken by the resident. */
export async function takeCardBack(s: JourneySession): Promise<void> {
  await s.answer('ejectCard', undefined);
  await s.until(() => s.actor.getSnapshot().matches('takeCard'));
  s.actor.send({ type: 'CARD_TAKEN' });
}

/** The records journey on a card at its limit (60 unprinted): printed, back at "anything else?". */
export async function printRecordsAtLimit(s: JourneySession): Promise<void> {
  await s.answer('fetchRecords', { records: [], unprintedCount: 60 });
  await atStep(s, 'showRecords');
  s.actor.send({ type: 'PRINT' });
  await s.answer('printRecords', { printedCount: 60 });
  await atStep(s, 'recordsPrinted');
  s.actor.send({ type: 'FINISH' });
  await atStep(s, 'chooseJourney');
}

/** The withdrawal's quota answered (nothing withdrawn today) and `amountFen` chosen: on to authorise. */
export async function chooseAmount(s: JourneySession, amountFen: number): Promise<void> {
  await s.answer('fetchWithdrawalQuota', QUOTA);
  await atStep(s, 'chooseAmount');
  s.actor.send({ type: 'AMOUNT_CHOSEN', amountFen });
}

/**
 * The authorised withdrawal's cash counted out (`dispensedFen`), presented and taken, its confirm
 * answering `confirmed`, its receipt printed, and its last screen left (FINISH).
 */
export async function cashTaken(
  s: JourneySession,
  dispensedFen: number,
  confirmed: AllContracts['confirmWithdrawal']['output'] = undefined,
): Promise<void> {
  await s.answer('dispenseCash', { dispensedFen });
  await s.answer('presentCash', undefined);
  await atStep(s, 'takeCash');
  s.actor.send({ type: 'CASH_TAKEN' });
  await s.answer('confirmWithdrawal', confirmed);
  await s.answer('printWithdrawalReceipt', undefined);
  await atStep(s, 'cashWithdrawn');
  s.actor.send({ type: 'FINISH' });
}
