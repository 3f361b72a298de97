/**
 * A resident's start of a journey (`SessionsService.startSession`, one at a time): a new session,
 * its transaction opened and its actor made and started, or, at "anything else?" in the running
 * session, a further journey of it with a transaction of its own.
 */
import { randomUUID } from 'node:crypto';
import type { Logger } from '@nestjs/common';
import type { KioskConfig } from '@kiosk/config';
import {
  ErrorCode,
  KioskError,
  type Journey,
  type KioskView,
  type Locale,
  type SessionViewWithDetails,
} from '@kiosk/domain';
import type { SessionEvent, SessionInput, SessionOutput, sessionMachine } from '@kiosk/state-machines';
import { initialTransition, transition, type SnapshotFrom } from 'xstate';
import type { DevicesService } from '../devices/devices.service.js';
import type { JournalService } from '../journal/journal.service.js';
import { idCardPlacementsOf } from './id-card-placements.js';
import {
  closeOwed,
  createRunningSession,
  ownCloseCode,
  type RunningSession,
  transactionOf,
} from './running-session.js';
import type { SessionActorsFactory } from './session-actors.js';
import { sessionInputOf } from './session-input.js';
import type { ViewNotifier } from './view-notifier.js';

/** What starting a session needs from the sessions service. */
export interface SessionStartDeps {
  readonly journal: JournalService;
  readonly devices: DevicesService;
  readonly actors: SessionActorsFactory;
  readonly config: KioskConfig;
  readonly log: Logger;
  readonly views: ViewNotifier;
  readonly locale: () => Locale;
  readonly kioskView: () => KioskView;
  readonly sessionView: () => SessionViewWithDetails | null;
  /** the ended session's view cleared, before a new session opens its transaction */
  readonly clearEnded: () => void;
  /** the new session is the running one, before its actor starts */
  readonly began: (session: RunningSession) => void;
  readonly onEnded: (session: RunningSession, output: SessionOutput | undefined) => void;
}

const notOffered = (journey: Journey) =>
  new KioskError(ErrorCode.JOURNEY_NOT_OFFERED, 'This service is not available at this kiosk right now.', {
    journey,
  });

/** `journey` started: a further journey of `current` while it runs, else a new session. */
export async function startOrContinue(
  deps: SessionStartDeps,
  current: RunningSession | null,
  journey: Journey,
): Promise<void> {
  if (current && !current.ended) {
    const running = current;
    const now = deps.sessionView();
    // "anything else?" with the card still in: a further journey, same identification
    if ((now?.step === 'chooseJourney' || now?.step === 'showBalance') && now.journey !== null) {
      return nextJourney(deps, running, journey);
    }
    throw new KioskError(ErrorCode.SESSION_BUSY, 'A session is already in progress on this kiosk.');
  }
  // journal first: the next resident's session opens once the journal closed the last one's
  // transaction (its ended view goes out only then; a client that starts before it is refused)
  if (current && !current.settled) {
    throw new KioskError(
      ErrorCode.SESSION_BUSY,
      'The last session is still being closed; try again in a moment.',
    );
  }
  const view = deps.kioskView();
  if (!view.journeysOffered.includes(journey)) throw notOffered(journey);
  const sessionId = randomUUID();
  // the session machine's own word first, as for a next journey: one it refuses at its start is
  // refused before anything is journaled (no transaction, no session begun, the ended view kept);
  // the session then starts on the very input that was asked, so it cannot refuse what the check took
  const input = sessionInputOf(deps.config, deps.devices, sessionId, view.journeysOffered);
  const refused = refusalOfFirst(deps.actors.sessionMachine, input, journey);
  if (refused) throw refused;
  deps.clearEnded();
  const transactionId = await deps.journal.openTransaction(sessionId, journey);
  // the kiosk left service while the transaction opened (field staff logged in: their log-in saw no
  // session yet): refused, closed as such, no session begun under the maintenance visit
  if (!deps.kioskView().journeysOffered.includes(journey)) {
    await deps.journal.closeTransaction(transactionId, 'rejected', ErrorCode.JOURNEY_NOT_OFFERED);
    throw notOffered(journey);
  }
  // an ID card left on the reader before is not read for this session (docs/adr/0019): noted
  // once the transaction is open, in the turn its actor is made, so a card laid there while it
  // opened lies there at the start (not one placed while idle), and a start that failed notes none
  idCardPlacementsOf(deps.devices.idReader).sessionStarted();
  const session = createRunningSession({
    actors: deps.actors,
    input,
    journey,
    transactionId,
    locale: deps.locale,
    onSnapshot: () => deps.views.scheduleSession(),
    onFailure: (err) => deps.log.error(`session actor failed: ${String(err)}`),
    onEnded: (ended, output) => deps.onEnded(ended, output),
  });
  deps.began(session);
  session.actor.start();
  session.actor.send({ type: 'SELECT_JOURNEY', journey });
}

/**
 * The session machine's refusal of `journey` as a new session's first, by its own guards on the
 * session's input (pure transitions, nothing run): its error as a KioskError, undefined when it
 * takes the journey on to a step.
 */
function refusalOfFirst(
  machine: typeof sessionMachine,
  input: SessionInput,
  journey: Journey,
): KioskError | undefined {
  const [start] = initialTransition(machine, input);
  const select = { type: 'SELECT_JOURNEY', journey } as const;
  if (takesOn(start, select)) return undefined;
  const error = transition(machine, start, select)[0].context.error;
  return error ? new KioskError(error.code as ErrorCode, error.message, { journey }) : notOffered(journey);
}

/**
 * A further journey in the running session: the journey before is closed in the journal as it
 * ended, the new one gets a transaction (and idempotency serial) of its own, and the session
 * machine decides whether it can follow with the card and identification it has.
 *
 * A journey the machine refuses where it stands (every journey at the card's records limit with
 * the receipt printer down, all but the records at the limit, one it cannot follow with) is told
 * to it alone, for its refusal on the screen: nothing journaled (no journey ran, none was refused
 * by the kiosk before the session as a refused start is), the journey before left open and still
 * the session's, so the journal, the metrics and the fleet count the journeys that ran. Its error
 * is the screen's, not the journey before's: noted (`refusal`), it is no close code.
 */
async function nextJourney(deps: SessionStartDeps, running: RunningSession, journey: Journey): Promise<void> {
  if (!deps.kioskView().journeysOffered.includes(journey)) throw notOffered(journey);
  const select = { type: 'SELECT_JOURNEY', journey } as const;
  if (!followsFrom(running, select)) {
    running.actor.send(select);
    running.refusal = running.actor.getSnapshot().context.error;
    return;
  }
  const switched = switchJournal(deps, running, select);
  // the session's end, should it come meanwhile, waits for the switch (`session-end.ts`)
  running.switching = switched.then(
    () => undefined,
    () => undefined,
  );
  await switched;
}

/**
 * The journal's part of a further journey, journal first: the new journey's transaction opened,
 * made the session's, the journey before closed as it ended, then the machine told. The session
 * may go on while a write is awaited (its step times out, the resident finishes, the card is
 * pulled): the journey chosen then never starts, refused with why. The card is the session's, not
 * a journey's: what the session journals of it meanwhile (the card handed back, captured) goes to
 * a transaction still open, whose close carries it. While the new one opens that is the journey
 * before's, still the session's: the new one is closed at once, rejected (that close refused by
 * the journal is owed, as the journey before's is). Once it is open it is the session's before the
 * journey before closes, and stays so: gone on during that close, or the close refused by the
 * journal, the session's end (or its next switch) closes it after the card's steps, rejected with
 * why (`closeAs`); a refused close of the journey before is owed, tried again first (`owed`). The
 * card's steps are never split between two transactions; each is closed once.
 */
async function switchJournal(
  deps: SessionStartDeps,
  running: RunningSession,
  select: { readonly type: 'SELECT_JOURNEY'; readonly journey: Journey },
): Promise<void> {
  const transactionId = await deps.journal.openTransaction(running.sessionId, select.journey);
  if (!stillFollows(running, select)) {
    // closed at once, rejected with why; refused by the journal, owed as a refused close of the
    // journey before is, tried again at the session's next close (docs/adr/0028). The start is
    // refused with the session's reason, so the journal's refusal is said here, not lost
    const refusal = wentOn(running);
    const rejected = { transactionId, journey: select.journey, outcome: 'rejected', code: refusal.code };
    (running.owed ??= []).push(rejected);
    for (const refused of await closeOwed(deps.journal, running))
      deps.log.warn(
        `journal close failed for ${refused.transactionId}: ${KioskError.from(refused.error).code}; owed, tried again at the session's next close`,
      );
    throw refusal;
  }
  const before = transactionOf(running);
  const code = ownCloseCode(running, running.actor.getSnapshot().context.error);
  const close = running.closeAs ?? { outcome: code ? 'failed' : 'completed', code };
  running.closeAs = undefined;
  // the session's card journaled from here goes to the new transaction, open until the session's
  // end or the next switch closes it; the journey before's close is owed until the journal takes it
  running.transactionId = transactionId;
  running.transactionJourney = select.journey;
  (running.owed ??= []).push({ ...before, ...close });
  const [refused] = await closeOwed(deps.journal, running);
  if (refused) {
    // the new transaction stays the session's, the card's one home (a card step journaled during
    // the close is in it): closed after the card's steps by the session's end or the next switch,
    // rejected with the journal's code, the journey chosen never run; the journey before's close
    // owed, tried again first (docs/adr/0028)
    running.closeAs = { outcome: 'rejected', code: KioskError.from(refused.error).code };
    throw refused.error;
  }
  if (!stillFollows(running, select)) {
    const refusal = wentOn(running);
    running.closeAs = { outcome: 'rejected', code: refusal.code };
    throw refusal;
  }
  running.journey = select.journey;
  running.refusal = undefined;
  running.actor.send(select);
}

const stillFollows = (running: RunningSession, event: SessionEvent): boolean =>
  !running.ended && followsFrom(running, event);

/**
 * The session went on while its next journey's switch was journaled: the refusal of that journey,
 * with the session's own error (its step timed out, the card pulled) or, with none, its step's end.
 */
function wentOn(running: RunningSession): KioskError {
  const code =
    ownCloseCode(running, running.actor.getSnapshot().context.error) ?? ErrorCode.SESSION_TIMED_OUT;
  return new KioskError(
    code as ErrorCode,
    'The session went on before this service could start; please start again.',
  );
}

/**
 * The session machine, where it stands, takes `event` on to a step (a journey follows); refused,
 * it only says why (a transition without a target). Its own guards decide; nothing runs.
 */
function followsFrom(running: RunningSession, event: SessionEvent): boolean {
  return takesOn(running.actor.getSnapshot(), event);
}

/** The session machine at `snapshot` takes `event` on to a step (its guards decide, nothing runs). */
function takesOn(snapshot: SnapshotFrom<typeof sessionMachine>, event: SessionEvent): boolean {
  return snapshot.machine.getTransitionData(snapshot, event).some((t) => t.target !== undefined);
}
