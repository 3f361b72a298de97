/**
 * The one session of this kiosk and how long the screen shows it: while it runs, then its ended
 * view once its end is settled (journal first), cleared after the ended view's time or when the
 * next session starts. `SessionsService` owns it.
 */
import type { sessionMachine } from '@kiosk/state-machines';
import type { Actor } from 'xstate';
import type { RunningSession } from './running-session.js';

export class SessionOnScreen {
  private session: RunningSession | null = null;
  private clearTimer: NodeJS.Timeout | null = null;

  /** `changed`: the session shown changed (its view is to be published again) */
  constructor(private readonly changed: () => void) {}

  /** the session shown: running, or ended and not cleared yet */
  get current(): RunningSession | null {
    return this.session;
  }

  /** the running session's actor, or null when none runs (none, or its end reached) */
  activeActor(): Actor<typeof sessionMachine> | null {
    return this.session && !this.session.ended ? this.session.actor : null;
  }

  began(session: RunningSession): void {
    this.session = session;
  }

  /** Its end settled (session-end.ts): its ended view shown, and cleared after `endedViewMs`. */
  settled(running: RunningSession, endedViewMs: number): void {
    running.settled = true;
    if (this.session === running) this.changed();
    this.clearTimer = setTimeout(() => {
      if (this.session === running) {
        this.session = null;
        this.changed();
      }
    }, endedViewMs);
    this.clearTimer.unref();
  }

  /** An ended session's view gives way to the next session. */
  clearEnded(): void {
    if (this.clearTimer) clearTimeout(this.clearTimer);
    this.clearTimer = null;
    this.session = null;
  }

  /** The daemon stops: the session's actor stopped, what it holds of the resident dropped. */
  stop(): void {
    if (this.clearTimer) clearTimeout(this.clearTimer);
    this.session?.actor.stop();
    this.session?.release();
  }
}
