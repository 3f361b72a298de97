/**
 * What every journey machine shares: its timeouts, the clock it stamps deadlines with, and how it
 * ends. A journey machine is a child of the session machine; it never touches the card slot (the
 * session ejects or retracts the card) and ends in a final state whose output says what happened.
 */
import type { CodedError } from '../coded-error.js';
import type { SessionDeadline } from '../session/session.types.js';

export interface JourneyTimeouts {
  /** each step that waits for the resident times out after this (30 s) */
  readonly stepMs: number;
  /** when to ask "need more time?", counted from the step's start (20 s) */
  readonly warnMs: number;
}

export interface JourneyInputBase {
  readonly sessionId: string;
  readonly timeouts: JourneyTimeouts;
  /** epoch ms, only to stamp the view's deadline (the timers run on the actor system clock) */
  readonly now: () => number;
}

export type JourneyOutcome = 'completed' | 'cancelled' | 'timedOut' | 'failed';

export interface JourneyOutputBase {
  readonly outcome: JourneyOutcome;
  readonly error?: CodedError;
}

/** The deadline of a step that waits for the resident, starting now. */
export function stepDeadline(context: Pick<JourneyInputBase, 'timeouts' | 'now'>): SessionDeadline {
  const start = context.now();
  return { at: start + context.timeouts.stepMs, warnAt: start + context.timeouts.warnMs };
}

/** A step that waits for a device or the host and offers the resident nothing to answer. */
export function deviceDeadline(context: Pick<JourneyInputBase, 'timeouts' | 'now'>): SessionDeadline {
  const at = context.now() + context.timeouts.stepMs;
  return { at, warnAt: at };
}
