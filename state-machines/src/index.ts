/** XState v5 machines of the kiosk: pure; every side effect is an actor the daemon provides. */
export { toCodedError, codedError } from './coded-error.js';
export type { CodedError } from './coded-error.js';

export { journeysOffered, serviceReasons, ServiceReason } from './kiosk/journeys-offered.js';
export { kioskMachine, kioskModeOf, KIOSK_ACTOR_NAMES, selfTestCauseOf } from './kiosk/kiosk.machine.js';
export type {
  KioskMachine,
  KioskInput,
  KioskContext,
  KioskEvent,
  KioskActorContracts,
  KioskServiceStopped,
} from './kiosk/kiosk.machine.js';

export { sessionMachine, SESSION_JOURNEYS_BUILT } from './session/session.machine.js';
export { watchSession } from './session/watch-session.js';
export type { SessionMachine } from './session/session.machine.js';
export { SESSION_ACTOR_NAMES, SESSION_JOURNEY_MACHINE_NAMES } from './session/session.types.js';
export { CARD_MOVE_MARGIN_MS, cardMoveBackstopMs } from './session/session.setup.js';
export type {
  Balance,
  CardMove,
  CardStep,
  CardSummary,
  PinVerdict,
  SessionActorContracts,
  SessionActorName,
  SessionContext,
  SessionDeadline,
  SessionEvent,
  SessionIdInput,
  SessionInput,
  SessionJourneyOptions,
  SessionJourneyMachineName,
  JourneyResult,
  SessionOutput,
  SessionTimeouts,
} from './session/session.types.js';
export { toSessionView, sessionStepOf, runningJourneyOf } from './session/session-view.js';
export type { SessionSnapshot } from './session/session-view.js';
export type { PromiseActorsOf } from './promise-actors.js';

// journeys (children of the session machine)
export { stepDeadline, deviceDeadline } from './journeys/journey.types.js';
export type {
  JourneyInputBase,
  JourneyOutcome,
  JourneyOutputBase,
  JourneyTimeouts,
} from './journeys/journey.types.js';
export type { WeakPinRule } from '@kiosk/domain';
export { newPinMachine, NEW_PIN_ACTOR_NAMES } from './journeys/new-pin/new-pin.machine.js';
export type {
  NewPinMachine,
  NewPinInput,
  NewPinContext,
  NewPinEvent,
  NewPinOutput,
  NewPinActorContracts,
  NewPinVerdict,
  NewPinPurpose,
} from './journeys/new-pin/new-pin.machine.js';
export { identifyMachine, IDENTIFY_ACTOR_NAMES } from './journeys/identify/identify.machine.js';
export type {
  IdentifyMachine,
  IdentifyInput,
  IdentifyContext,
  IdentifyEvent,
  IdentifyOutput,
  IdentifyActorContracts,
  IdCardSummary,
  FaceMatch,
} from './journeys/identify/identify.machine.js';
export { recordsMachine, RECORDS_ACTOR_NAMES } from './journeys/records/records.machine.js';
export type {
  RecordsMachine,
  RecordsInput,
  RecordsContext,
  RecordsEvent,
  RecordsOutput,
  RecordsActorContracts,
  AccountRecord,
  AccountRecords,
} from './journeys/records/records.machine.js';
export {
  recordsUntilPrintRequired,
  isPrintRequired,
  RECORDS_PRINT_LIMIT,
  RECORDS_ON_SCREEN,
} from './journeys/records/records-rule.js';
export { withdrawalMachine } from './journeys/withdrawal/withdrawal.machine.js';
export type { WithdrawalMachine } from './journeys/withdrawal/withdrawal.machine.js';
export { WITHDRAWAL_ACTOR_NAMES } from './journeys/withdrawal/withdrawal.types.js';
export { CASH_ACT_MARGIN_MS, cashActBackstopMs } from './journeys/withdrawal/withdrawal.setup.js';
export {
  NOTES_LEFT_IN_PRESENTER,
  notesLeftInPresenter,
} from './journeys/withdrawal/withdrawal-cash.states.js';
export type {
  DispenserBounds,
  WithdrawalInput,
  WithdrawalContext,
  WithdrawalEvent,
  WithdrawalOutput,
  WithdrawalActorContracts,
  SpecialWithdrawalKind,
} from './journeys/withdrawal/withdrawal.types.js';
export {
  withdrawalRefusal,
  largestWithdrawal,
  rulesWithHostCaps,
  WITHDRAWAL_REFUSAL_MESSAGES,
} from './journeys/withdrawal/withdrawal-rules.js';
export type {
  WithdrawalRules,
  WithdrawalQuota,
  HostWithdrawalCaps,
  WithdrawalRefusal,
} from './journeys/withdrawal/withdrawal-rules.js';
export { amountRefusal, offeredAmounts } from './journeys/withdrawal/withdrawal-cash-rules.js';
export type { AmountRefusal } from './journeys/withdrawal/withdrawal-cash-rules.js';
export { unprovidedActor, unprovidedActors } from './promise-actors.js';
export { reportLossMachine, REPORT_LOSS_ACTOR_NAMES } from './journeys/report-loss/report-loss.machine.js';
export type {
  ReportLossMachine,
  ReportLossInput,
  ReportLossContext,
  ReportLossEvent,
  ReportLossOutput,
  ReportLossActorContracts,
  ResidentCard,
  CardState,
} from './journeys/report-loss/report-loss.machine.js';
export { journeyDetailsOf } from './session/journey-details.js';
export type { JourneyDetails } from './session/journey-details.js';
export { issueCardMachine } from './journeys/issue-card/issue-card.machine.js';
export type { IssueCardMachine } from './journeys/issue-card/issue-card.machine.js';
export { ISSUE_CARD_ACTOR_NAMES } from './journeys/issue-card/issue-card.types.js';
export { handInBackstopMs } from './journeys/issue-card/issue-card.setup.js';
export { NEW_CARD_LEFT_AT_SLOT, newCardLeftAtSlot } from './journeys/issue-card/issue-card-making.states.js';
export type {
  IssueCardInput,
  IssueCardContext,
  IssueCardEvent,
  IssueCardOutput,
  IssueCardActorContracts,
  IssueKind,
  FeeMethod,
  Application,
  IssuanceResult,
} from './journeys/issue-card/issue-card.types.js';
