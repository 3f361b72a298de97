/** Pure transitions of the session machine for specs: its state after a list of events, no actor. */
import { initialTransition, transition } from 'xstate';
import type { AnyEventObject } from 'xstate';
import { sessionMachine } from '../session/session.machine.js';
import type { SessionEvent } from '../session/session.types.js';
import { journeyInput } from './session-journeys-harness.js';

/** The event an invoked actor `id` sends its parent when it resolves with `output`. */
export const done = (id: string, output?: unknown): AnyEventObject => ({
  type: `xstate.done.actor.${id}`,
  output,
});

/** The session's snapshot after `events`, from its start with the journeys' harness input. */
export function sessionAfter(events: readonly AnyEventObject[]) {
  let [s] = initialTransition(
    sessionMachine,
    journeyInput(() => 0),
  );
  for (const e of events) [s] = transition(sessionMachine, s, e as SessionEvent);
  return s;
}
