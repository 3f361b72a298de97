/**
 * A journey machine runs as a child of the session: its steps change the child's snapshot, not
 * the session's. `watchSession` calls back on every change of either, so the daemon pushes a new
 * `toSessionView()` whenever anything the resident sees has moved.
 */
import type { Actor, Subscription } from 'xstate';
import type { SessionMachine } from './session.machine.js';
import type { SessionSnapshot } from './session-view.js';

interface Observable {
  subscribe(listener: () => void): Subscription;
}

export function watchSession(
  actor: Actor<SessionMachine>,
  onChange: (snapshot: SessionSnapshot) => void,
): Subscription {
  let child: Observable | undefined;
  let childSubscription: Subscription | undefined;
  const follow = (): void => {
    const current = (actor.getSnapshot().children as Record<string, Observable | undefined>).journey;
    if (current === child) return;
    childSubscription?.unsubscribe();
    child = current;
    childSubscription = current?.subscribe(() => onChange(actor.getSnapshot()));
  };
  const subscription = actor.subscribe((snapshot) => {
    follow();
    onChange(snapshot);
  });
  follow();
  return {
    unsubscribe: () => {
      subscription.unsubscribe();
      childSubscription?.unsubscribe();
    },
  };
}
