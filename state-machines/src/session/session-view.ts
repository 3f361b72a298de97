/**
 * The ONE place that turns a session snapshot into what the UI may see. It copies field by field
 * (never spreads the context): the card number and the name are masked, the ID number is never
 * included, the PIN is a count of digits, and nothing personal is shown once the session ended.
 * While a journey machine runs, its state names the step and its deadline and error are shown.
 */
import { maskCardNumber, maskName } from '@kiosk/domain';
import type { Locale, SessionStep, SessionView } from '@kiosk/domain';
import type { SnapshotFrom } from 'xstate';
import type { CodedError } from '../coded-error.js';
import { UNCERTAIN } from '../journeys/withdrawal/withdrawal.setup.js';
import { recordsPrintElsewhere, recordsPrintPending } from './session-journeys.js';
import type { sessionMachine } from './session.machine.js';
import type { SessionDeadline } from './session.types.js';

export type SessionSnapshot = SnapshotFrom<typeof sessionMachine>;

/** The running journey machine's snapshot, seen only through what the view needs. */
export interface JourneySnapshot {
  readonly value: unknown;
  readonly context: {
    readonly deadline?: SessionDeadline;
    readonly error?: CodedError;
    readonly pin?: { readonly entered: number; readonly stage?: 'first' | 'confirm' };
    readonly card?: { readonly cardNumber: string };
    readonly printed?: boolean;
  };
}

export function journeySnapshotOf(snapshot: SessionSnapshot): JourneySnapshot | undefined {
  const child = (snapshot.children as Record<string, { getSnapshot(): unknown } | undefined>).journey;
  return child?.getSnapshot() as JourneySnapshot | undefined;
}

/** Session states in document order; the first that matches names the step. */
const STEPS: readonly (readonly [Parameters<SessionSnapshot['matches']>[0], SessionStep])[] = [
  ['chooseJourney', 'chooseJourney'],
  ['insertCard', 'insertCard'],
  [{ cardIn: 'readingCard' }, 'readingCard'],
  // a journey after another: the host asked about the card again, as at its read
  [{ cardIn: 'checkingCard' }, 'readingCard'],
  [{ cardIn: 'enterPin' }, 'enterPin'],
  [{ cardIn: 'queryingBalance' }, 'queryingBalance'],
  [{ cardIn: 'showBalance' }, 'showBalance'],
  [{ cardIn: 'journeyDone' }, 'chooseJourney'],
  [{ noCard: 'issued' }, 'chooseJourney'],
  ['ejectingCard', 'ejectingCard'],
  ['takeCard', 'takeCard'],
  ['retractingCard', 'retractingCard'],
  // the reader never answered a card move: the resident reads the end and the fault at once
  ['accountingForCard', 'ended'],
  // not taken, the reader cannot capture it: the end, telling the resident to take it from the slot
  ['leavingCardInSlot', 'ended'],
  ['takeIdCard', 'takeIdCard'],
  ['ended', 'ended'],
];

/** Journey-machine states → steps; a journey's final state keeps its last screen. */
const JOURNEY_STEPS: Readonly<Record<string, Readonly<Record<string, SessionStep>>>> = {
  identify: {
    placeIdCard: 'placeIdCard',
    matchingFace: 'matchingFace',
    faceChecked: 'matchingFace',
    faceNotMatched: 'faceNotMatched',
    done: 'matchingFace',
  },
  records: {
    loading: 'loadingRecords',
    showRecords: 'showRecords',
    printing: 'printingRecords',
    printed: 'recordsPrinted',
    done: 'showRecords',
  },
  withdrawal: {
    loadingQuota: 'loadingQuota',
    chooseAmount: 'chooseAmount',
    authorising: 'authorisingWithdrawal',
    journaling: 'authorisingWithdrawal',
    dispensing: 'dispensingCash',
    presenting: 'dispensingCash',
    takeCash: 'takeCash',
    retractingCash: 'retractingCash',
    confirming: 'printingReceipt',
    printingReceipt: 'printingReceipt',
    withdrawn: 'cashWithdrawn',
    reversing: 'reversingWithdrawal',
    done: 'cashWithdrawn',
  },
  newPin: {
    enterNewPin: 'enterNewPin',
    saving: 'savingPin',
    saved: 'pinSaved',
    done: 'pinSaved',
  },
  issueCard: {
    askingReason: 'replacementReason',
    insertOldCard: 'insertOldCard',
    handingInOldCard: 'handingInOldCard',
    checkingApplication: 'checkingApplication',
    confirmFee: 'payFee',
    paying: 'payFee',
    making: 'makingCard',
    rejecting: 'makingCard',
    presenting: 'makingCard',
    takeNewCard: 'takeNewCard',
    retractingNewCard: 'retractingCard',
    reporting: 'reportingIssuance',
    done: 'reportingIssuance',
  },
  reportLoss: {
    loadingCards: 'reportingLoss',
    confirmLoss: 'confirmLoss',
    confirmUnfreeze: 'confirmLoss',
    reporting: 'reportingLoss',
    unfreezing: 'reportingLoss',
    unfrozen: 'lossReported',
    reported: 'lossReported',
    done: 'lossReported',
  },
};

/** Which journey machine runs in each session state that invokes one. */
const JOURNEY_STATES: readonly (readonly [Parameters<SessionSnapshot['matches']>[0], string])[] = [
  [{ cardIn: 'identifyingHolder' }, 'identify'],
  [{ noCard: 'identifying' }, 'identify'],
  [{ cardIn: 'records' }, 'records'],
  [{ cardIn: 'withdrawing' }, 'withdrawal'],
  [{ cardIn: 'newPin' }, 'newPin'],
  [{ noCard: 'reportingLoss' }, 'reportLoss'],
  [{ noCard: 'issuing' }, 'issueCard'],
];

export function runningJourneyOf(snapshot: SessionSnapshot): string | undefined {
  return JOURNEY_STATES.find(([value]) => snapshot.matches(value))?.[1];
}

function journeyStep(machine: string, child: JourneySnapshot | undefined): SessionStep {
  const value = typeof child?.value === 'string' ? child.value : Object.keys(child?.value ?? {})[0];
  const step = JOURNEY_STEPS[machine]?.[value ?? ''];
  if (machine === 'newPin' && step === 'enterNewPin' && child?.context.pin?.stage === 'confirm') {
    return 'confirmNewPin';
  }
  return step ?? 'readingCard';
}

export function sessionStepOf(snapshot: SessionSnapshot): SessionStep {
  const machine = runningJourneyOf(snapshot);
  if (machine) return journeyStep(machine, journeySnapshotOf(snapshot));
  const found = STEPS.find(([value]) => snapshot.matches(value));
  if (!found) return 'ended';
  const [, step] = found;
  // Enter pressed on all digits: the card is checking them (six digits alone are not yet sent)
  if (step === 'enterPin' && snapshot.context.pin.submitted === true) {
    return 'verifyingPin';
  }
  return step;
}

const PIN_STEPS: readonly SessionStep[] = ['enterPin', 'verifyingPin'];
const NEW_PIN_STEPS: readonly SessionStep[] = ['enterNewPin', 'confirmNewPin'];
/** the steps of a card at the slot, and the end once it was taken or retracted */
const SLOT_STEPS: readonly SessionStep[] = ['takeCard', 'retractingCard', 'ended'];

/**
 * The withdrawal's authorisation went unanswered (an answer after which the host may hold the
 * money): it was reversed by its serial, which releases any hold at once or in the background.
 */
function withdrawalHoldReleased(snapshot: SessionSnapshot): boolean {
  const last = snapshot.context.results.at(-1);
  if (last?.journey !== 'withdraw') return false;
  const { output } = last;
  return (
    output.amountFen !== undefined &&
    output.transactionId === undefined &&
    output.paidFen === 0 &&
    output.error !== undefined &&
    UNCERTAIN.has(output.error.code)
  );
}

/** card making ended with no card made after the fee was paid: the fee stays with the application */
function feeKept(snapshot: SessionSnapshot): boolean {
  const last = snapshot.context.results.at(-1);
  const issuance = last?.journey === 'issueCard' || last?.journey === 'replaceCard';
  return issuance && last.output.feePaid && last.output.result === 'failed';
}

/** someone else's card refused at a damaged-card hand-in lies at the slot (or lay there) */
function notHoldersCard(snapshot: SessionSnapshot, step: SessionStep): boolean {
  const last = snapshot.context.results.at(-1);
  const issuance = last?.journey === 'issueCard' || last?.journey === 'replaceCard';
  return issuance && last.output.oldCardAtSlot === true && SLOT_STEPS.includes(step);
}

function maskedCard(snapshot: SessionSnapshot, child: JourneySnapshot | undefined) {
  const { card, resident } = snapshot.context;
  if (card) return { maskedCardNumber: maskCardNumber(card.cardNumber), maskedName: maskName(card.name) };
  // reporting a lost card: the card comes from the host, the name from the ID card
  if (child?.context.card && resident) {
    return {
      maskedCardNumber: maskCardNumber(child.context.card.cardNumber),
      maskedName: maskName(resident.name),
    };
  }
  return undefined;
}

export function toSessionView(snapshot: SessionSnapshot, locale: Locale): SessionView {
  const { context } = snapshot;
  const step = sessionStepOf(snapshot);
  const ended = step === 'ended';
  const child = runningJourneyOf(snapshot) ? journeySnapshotOf(snapshot) : undefined;
  const deadline = child ? child.context.deadline : context.deadline;
  const error = (child ? child.context.error : undefined) ?? context.error;
  const card = ended ? undefined : maskedCard(snapshot, child);
  return {
    sessionId: context.sessionId,
    journey: context.journey,
    step,
    locale,
    ...(deadline && !ended ? { deadline: { at: deadline.at, warnAt: deadline.warnAt } } : {}),
    ...(card ? { card } : {}),
    ...(PIN_STEPS.includes(step)
      ? {
          pin: {
            entered: context.pin.entered,
            length: context.pinLength,
            ...(context.pin.attemptsLeft !== undefined ? { attemptsLeft: context.pin.attemptsLeft } : {}),
          },
        }
      : {}),
    ...(NEW_PIN_STEPS.includes(step)
      ? { pin: { entered: child?.context.pin?.entered ?? 0, length: context.pinLength } }
      : {}),
    ...(context.balance && !ended
      ? { balance: { amountFen: context.balance.amountFen, asOf: context.balance.asOf } }
      : {}),
    ...(error ? { error: { code: error.code, message: error.message } } : {}),
    ...(ended ? { outcome: context.outcome ?? 'completed' } : {}),
    ...(notHoldersCard(snapshot, step) ? { notHoldersCard: true as const } : {}),
    ...(withdrawalHoldReleased(snapshot) ? { withdrawalHoldReleased: true as const } : {}),
    // the card neither taken nor captured: it stays in the kiosk for staff (ADR 0016)
    ...(ended && context.cardUnaccounted ? { cardKeptForStaff: true as const } : {}),
    // not taken, the reader cannot capture it: it is still in the slot (CARD_LEFT_IN_SLOT)
    ...(ended && context.cardLeftInSlot ? { cardLeftInSlot: true as const } : {}),
    ...(ended && feeKept(snapshot) ? { feeKept: true as const } : {}),
    // the card at its unprinted limit: said as the session ends, and at "anything else?", which
    // then offers only the records journey (RULES.md)
    ...((ended || step === 'chooseJourney') && recordsPrintPending(context.results)
      ? { recordsPrintRequired: true as const }
      : {}),
    // ... and the receipt printer cannot print them now: only the card back, printed elsewhere
    ...(step === 'chooseJourney' && recordsPrintElsewhere(context)
      ? { recordsPrintUnavailable: true as const }
      : {}),
  };
}
