/** Test support: a withdrawal actor on a simulated clock with every device and host call pending. */
import { SimulatedClock, createActor } from 'xstate';
import type { SnapshotFrom } from 'xstate';
import { withdrawalMachine } from '../journeys/withdrawal/withdrawal.machine.js';
import type {
  WithdrawalActorContracts as C,
  WithdrawalInput,
} from '../journeys/withdrawal/withdrawal.types.js';
import type { WithdrawalQuota } from '../journeys/withdrawal/withdrawal-rules.js';
import {
  DEFAULT_CASH_TAKE_MS,
  DEFAULT_DISPENSER_BOUNDS,
  DEFAULT_STEP_MS,
  DEFAULT_WARN_MS,
  type CashUnit,
} from '@kiosk/domain';
import { PendingActor } from './pending-actor.js';

/** the rules' step and cash-take waits, as every shipped profile says them */
export const STEP_MS = DEFAULT_STEP_MS;
export const CASH_TAKE_MS = DEFAULT_CASH_TAKE_MS;
/** the LCDM driver's default bounds (`devices.cashDispenser`) */
export const DISPENSER_BOUNDS = DEFAULT_DISPENSER_BOUNDS;
export const QUOTA: WithdrawalQuota = { balanceFen: 356_780, withdrawnTodayFen: 0, withdrawalsToday: 0 };

/** A dispenser full of the default note, as the rules' note step says: 200 notes of 100 yuan. */
export const FULL_CASSETTES: readonly CashUnit[] = [{ denominationFen: 10_000, count: 200 }];

export function withdrawalInput(
  now: () => number,
  receiptAvailable = true,
  cashUnits: () => readonly CashUnit[] = () => FULL_CASSETTES,
): WithdrawalInput {
  return {
    sessionId: 's-1',
    timeouts: { stepMs: STEP_MS, warnMs: DEFAULT_WARN_MS },
    now,
    cardNumber: 'H41080000101',
    idNumber: '410802198003151310',
    rules: { singleMaxFen: 50_000, dailyMaxFen: 100_000, dailyCountMax: 2, noteFen: 10_000 },
    receiptAvailable,
    cashTakeMs: CASH_TAKE_MS,
    cashUnits,
    dispenserBounds: DISPENSER_BOUNDS,
  };
}

function pending<K extends keyof C>(): PendingActor<C[K]['output'], C[K]['input']> {
  return new PendingActor<C[K]['output'], C[K]['input']>();
}

export function startWithdrawal(receiptAvailable = true) {
  const clock = new SimulatedClock();
  /** what the dispenser holds: a test may take notes out before the amounts are offered */
  const cash: { units: readonly CashUnit[] } = { units: FULL_CASSETTES };
  const fakes = {
    fetchWithdrawalQuota: pending<'fetchWithdrawalQuota'>(),
    authoriseWithdrawal: pending<'authoriseWithdrawal'>(),
    journalWithdrawal: pending<'journalWithdrawal'>(),
    dispenseCash: pending<'dispenseCash'>(),
    presentCash: pending<'presentCash'>(),
    retractCash: pending<'retractCash'>(),
    confirmWithdrawal: pending<'confirmWithdrawal'>(),
    reverseWithdrawal: pending<'reverseWithdrawal'>(),
    printWithdrawalReceipt: pending<'printWithdrawalReceipt'>(),
  };
  const machine = withdrawalMachine.provide({
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
  });
  const actor = createActor(machine, {
    input: withdrawalInput(
      () => clock.now(),
      receiptAvailable,
      () => cash.units,
    ),
    clock,
  });
  actor.start();
  return { actor, clock, fakes, cash };
}

export type WithdrawalHarness = ReturnType<typeof startWithdrawal>;
export type WithdrawalSnapshot = SnapshotFrom<typeof withdrawalMachine>;

/** The parts of a snapshot that matter for money: the model's notion of "the same state". */
export function moneyState(s: WithdrawalSnapshot): string {
  const c = s.context;
  return JSON.stringify({
    value: s.value,
    outcome: c.outcome ?? null,
    error: c.error?.code ?? null,
    paid: c.paidFen,
    confirmed: c.confirmed,
    reversed: c.reversed,
    reconcile: c.needsReconciliation,
  });
}
