/**
 * One resident's session actor with what its actors keep of the session (its scope: the journey's
 * journal transaction, the screen's language, the ID-card photo, a held PIN), and the moment it
 * ends told once, whether the machine finished or its actor failed.
 */
import { ErrorCode, type Journey, type Locale, type SessionViewWithDetails } from '@kiosk/domain';
import type { SessionEvent, SessionInput, SessionOutput, sessionMachine } from '@kiosk/state-machines';
import { type Actor, createActor } from 'xstate';
import type { JournalService } from '../journal/journal.service.js';
import { closeUnlessCardLeftAtSlot } from '../journeys/new-card-left-at-slot.js';
import type { SessionActorsFactory } from './session-actors.js';

export interface RunningSession {
  readonly actor: Actor<typeof sessionMachine>;
  /** the session's id: every journey's transaction is opened under it (boot reads a card across them) */
  readonly sessionId: string;
  /**
   * the journey the session runs, or ran last: the session machine's, the one its end is counted
   * and told to the fleet under. A further journey replaces it once its switch is journaled and the
   * machine told; a switch refused (the journal, or the session gone on) leaves it, the journey
   * chosen never having run, though its transaction is the session's (`transactionJourney`)
   */
  journey: Journey;
  /**
   * the session's journal transaction, the one its card's steps go to: the journey in progress's,
   * or a further journey's from its switch on, started or refused (closed then `closeAs`)
   */
  transactionId: string;
  /** the journey `transactionId` was opened for: `journey`, unless its switch was refused */
  transactionJourney: Journey;
  readonly startedAt: number;
  ended: boolean;
  /**
   * its end settled: the journal closed its transaction (or the close was tried and logged). Only
   * then is the session's ended view shown and a next session started (journal first).
   */
  settled: boolean;
  /**
   * the error of the last next journey the session machine refused at "anything else?" (its words
   * on the screen; `session-start.ts`), left in its context: not the code of a journey it ran
   */
  refusal?: unknown;
  /**
   * a further journey's journal switch under way (`session-start.ts`): the session's end waits for
   * it, so that it closes the transaction the switch left the session with, once
   */
  switching?: Promise<void>;
  /**
   * how the session's end closes its transaction, when not as the session ended: a next journey
   * whose transaction opened but which the session went on without (`session-start.ts`), rejected,
   * closed after the card's steps journaled into it meanwhile
   */
  closeAs?: { readonly outcome: 'rejected'; readonly code: string };
  /**
   * closes the journal refused at a next journey's switch (`session-start.ts`), each with how it
   * ended: a journey before's (the transaction the switch made the session's stays its own, the one
   * its card's steps go to), or a next journey's the session went on without while it opened
   * (rejected at once); closed, oldest first, before the session's next close (the next switch's
   * or its end's, `closeOwed`)
   */
  owed?: OwedClose[];
  /** the last view it showed while it ran: shown until its end is settled */
  shown?: SessionViewWithDetails;
  /** drops what the session's actors hold of the resident (the ID-card photo, a held PIN) */
  readonly release: () => void;
}

/** A journal transaction of the session and the journey it was opened for. */
export interface SessionTransaction {
  readonly transactionId: string;
  readonly journey: Journey;
}

/** The session's transaction and the journey it was opened for (not `journey` after a refused switch). */
export const transactionOf = (session: RunningSession): SessionTransaction => ({
  transactionId: session.transactionId,
  journey: session.transactionJourney,
});

/** A close the journal refused: its transaction, the journey it was opened for and how it ended. */
export interface OwedClose extends SessionTransaction {
  readonly outcome: string;
  readonly code: string | null;
}

/** A close `closeOwed` tried that the journal refused again: still owed. */
export interface CloseRefused {
  readonly transactionId: string;
  readonly error: unknown;
}

/**
 * Closes the transactions `session` owes a close, oldest first, each as it ended (a new card
 * left at the slot keeps its card making open for staff, `new-card-left-at-slot.ts`); those the
 * journal refuses again stay owed and are answered, each with its refusal.
 */
export async function closeOwed(journal: JournalService, session: RunningSession): Promise<CloseRefused[]> {
  const refused: CloseRefused[] = [];
  for (const owed of session.owed?.splice(0) ?? []) {
    try {
      await closeUnlessCardLeftAtSlot(journal, owed, owed.outcome, owed.code);
    } catch (error) {
      (session.owed ??= []).push(owed);
      refused.push({ transactionId: owed.transactionId, error });
    }
  }
  return refused;
}

export interface RunningSessionOptions {
  readonly actors: SessionActorsFactory;
  readonly input: SessionInput;
  readonly journey: Journey;
  readonly transactionId: string;
  readonly locale: () => Locale;
  /** a snapshot anywhere in the session's actor system (a journey's steps too) */
  readonly onSnapshot: () => void;
  /** the session actor failed (before `onEnded`) */
  readonly onFailure: (error: unknown) => void;
  /** the session ended: called once */
  readonly onEnded: (session: RunningSession, output: SessionOutput) => void;
}

/**
 * The code a journey of `session` is closed with: `error`'s, unless `error` is only the refusal of
 * a next journey tried since (the journey before keeps its own code: none when it completed).
 */
export function ownCloseCode(
  session: RunningSession,
  error: { readonly code: string } | undefined,
): string | null {
  if (error === undefined || error === session.refusal) return null;
  return error.code;
}

/** The session's actor, bound to its scope and watched for its end; not started yet. */
export function createRunningSession(options: RunningSessionOptions): RunningSession {
  const { journey, transactionId } = options;
  const actor = createActor(options.actors.sessionMachine, {
    // a journey machine is a child actor: its steps do not change the session's own snapshot,
    // so every snapshot in the actor system schedules one view update
    inspect: (event) => {
      if (event.type === '@xstate.snapshot') options.onSnapshot();
    },
    input: options.input,
  });
  let release = (): void => undefined;
  const session: RunningSession = {
    actor,
    sessionId: options.input.sessionId,
    transactionId,
    transactionJourney: journey,
    journey,
    startedAt: Date.now(),
    ended: false,
    settled: false,
    release: () => release(),
  };
  // what the actors keep of this session, found through its actor system; bound before it starts
  const scope = options.actors.scope(actor.system, {
    // the session's transaction (a further journey's switch replaces it)
    get transactionId() {
      return session.transactionId;
    },
    locale: options.locale,
    send: (event: SessionEvent) => actor.send(event),
  });
  release = () => scope.release();
  actor.subscribe({
    next: (snapshot) => {
      if (snapshot.status === 'done' && !session.ended) {
        session.ended = true;
        options.onEnded(session, snapshot.output);
      }
    },
    error: (err) => {
      options.onFailure(err);
      session.ended = true;
      options.onEnded(session, {
        sessionId: options.input.sessionId,
        journey: session.journey,
        outcome: 'failed',
        error: { code: ErrorCode.INTERNAL, message: 'internal' },
      });
    },
  });
  return session;
}
