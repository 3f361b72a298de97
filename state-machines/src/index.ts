/** XState v5 machines of the kiosk: pure; every side effect is an actor the daemon provides. */
export { toCodedError, codedError } from './coded-error.js';
export type { CodedError } from './coded-error.js';

export { journeysOffered, serviceReasons, ServiceReason } from './kiosk/journeys-offered.js';
export { kioskMachine, kioskModeOf, KIOSK_ACTOR_NAMES } from './kiosk/kiosk.machine.js';
export type {
  KioskMachine,
  KioskInput,
  KioskContext,
  KioskEvent,
  KioskActorContracts,
} from './kiosk/kiosk.machine.js';

export { sessionMachine, SESSION_JOURNEYS } from './session/session.machine.js';
export type { SessionMachine } from './session/session.machine.js';
export { SESSION_ACTOR_NAMES } from './session/session.types.js';
export type {
  Balance,
  CardSummary,
  PinVerdict,
  SessionActorContracts,
  SessionActorName,
  SessionContext,
  SessionDeadline,
  SessionEvent,
  SessionIdInput,
  SessionInput,
  SessionOutput,
  SessionTimeouts,
} from './session/session.types.js';
export { toSessionView, sessionStepOf } from './session/session-view.js';
export type { SessionSnapshot } from './session/session-view.js';
export type { PromiseActorsOf } from './promise-actors.js';
