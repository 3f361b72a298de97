/**
 * How each session step is presented: its layout and at most one decision (a primary action and
 * a way out). Pure data, tested without React. A step not listed here (added to the domain later)
 * shows as progress until it gets its own entry.
 */
import type { InboundPayload, SessionStep } from '@kiosk/domain';

export type SessionCommand = InboundPayload<'session.command'>['command'];

export type StepLayout =
  | 'waitForCard'
  | 'pinEntry'
  | 'progress'
  | 'balance'
  | 'takeCard'
  | 'takeIdCard'
  | 'ended'
  | 'waitForIdCard'
  | 'face'
  | 'retry'
  | 'records'
  | 'amount'
  | 'takeCash'
  | 'issuance'
  | 'payFee'
  | 'replacementReason'
  | 'confirm'
  | 'done';

export interface StepAction {
  readonly command: SessionCommand;
  /** message key of the button's words */
  readonly label: string;
}

export interface StepPresentation {
  readonly layout: StepLayout;
  readonly primary?: StepAction;
  /** the way out: cancel, or finish where the journey has already done its work */
  readonly cancel?: StepAction;
}

const cancel: StepAction = { command: 'cancel', label: 'common.cancel' };
const finish: StepAction = { command: 'finish', label: 'common.finish' };
/**
 * A card journey's own end: `finish` goes on to "anything else?" (which returns the card), so its
 * button says "done", never "return my card" (pressed, the card stayed in and the screen asked again).
 */
const journeyDone: StepAction = { command: 'finish', label: 'common.done' };
const progress: StepPresentation = { layout: 'progress' };

/**
 * The "yes" of a step's one question is its own command: `print` the records, `retry` the face
 * match, `confirm` the fee or the loss report. `finish` ends a journey that did its work.
 */
export const STEP_PRESENTATIONS: Partial<Record<SessionStep, StepPresentation>> = {
  // balance (and the card + PIN part of every card journey)
  insertCard: { layout: 'waitForCard', cancel },
  readingCard: progress,
  enterPin: { layout: 'pinEntry', cancel },
  verifyingPin: progress,
  queryingBalance: progress,
  showBalance: { layout: 'balance', primary: finish },
  ejectingCard: progress,
  takeCard: { layout: 'takeCard' },
  retractingCard: progress,
  // the daemon clears an ended session by itself after a few seconds; there is nothing to send
  ended: { layout: 'ended' },
  // a journey done with the card still in the reader: finishing returns the card
  chooseJourney: { layout: 'done', primary: finish },
  // identification by resident ID card and face
  placeIdCard: { layout: 'waitForIdCard', cancel },
  readingIdCard: progress,
  matchingFace: { layout: 'face', cancel },
  faceNotMatched: { layout: 'retry', primary: { command: 'retry', label: 'face.retry' }, cancel },
  // the session is over, its ID card still on the reader: taken, or left past the take timeout
  takeIdCard: { layout: 'takeIdCard' },
  // records
  loadingRecords: progress,
  showRecords: {
    layout: 'records',
    primary: { command: 'print', label: 'records.print' },
    cancel: journeyDone,
  },
  printingRecords: progress,
  recordsPrinted: { layout: 'done', primary: journeyDone },
  // withdrawal
  loadingQuota: progress,
  chooseAmount: { layout: 'amount', cancel },
  authorisingWithdrawal: progress,
  dispensingCash: progress,
  takeCash: { layout: 'takeCash' },
  retractingCash: progress,
  printingReceipt: progress,
  cashWithdrawn: { layout: 'done', primary: journeyDone },
  reversingWithdrawal: progress,
  // card issuance; a replacement may first ask why (its two buttons are the screen's own)
  replacementReason: { layout: 'replacementReason', cancel },
  insertOldCard: { layout: 'waitForCard', cancel },
  handingInOldCard: progress,
  checkingApplication: progress,
  // two ways to pay: the buttons are the fee screen's own (session.payFee)
  payFee: { layout: 'payFee', cancel },
  makingCard: { layout: 'issuance' },
  takeNewCard: { layout: 'takeCard' },
  reportingIssuance: progress,
  // new PIN
  enterNewPin: { layout: 'pinEntry', cancel },
  confirmNewPin: { layout: 'pinEntry', cancel },
  savingPin: progress,
  pinSaved: { layout: 'done', primary: journeyDone },
  // loss report
  confirmLoss: { layout: 'confirm', primary: { command: 'confirm', label: 'loss.confirm' }, cancel },
  reportingLoss: progress,
  lossReported: { layout: 'done', primary: finish },
};

export const FALLBACK_PRESENTATION: StepPresentation = progress;

export function presentationOf(step: SessionStep): StepPresentation {
  return STEP_PRESENTATIONS[step] ?? FALLBACK_PRESENTATION;
}
