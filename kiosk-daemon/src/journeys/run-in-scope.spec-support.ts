/**
 * An actor's logic run to its end in a session's scope, as the daemon runs a journey's actors: its
 * system bound to the session's scope (the journal's transaction, the locale, the view's sender).
 */
import { createActor, toPromise, type AnyActorLogic } from 'xstate';
import type { SessionScope, SessionScopes } from './session-scope.js';

/** `logic` (one of a journey's provided actors) started with `input`, resolved with its output */
export function runInScope(
  scopes: SessionScopes,
  scope: SessionScope,
  logic: unknown,
  input?: unknown,
): Promise<unknown> {
  const actor = createActor(logic as AnyActorLogic, { input });
  scopes.bind(actor.system, scope);
  const done = toPromise(actor);
  actor.start();
  return done;
}
