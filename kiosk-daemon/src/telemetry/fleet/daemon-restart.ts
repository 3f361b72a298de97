/**
 * A restart asked for from inside the daemon (the fleet's `restart` command). The daemon's main
 * listens: it closes the app cleanly (the fleet sees the offline status, the journal is closed)
 * and exits with `EXIT_RESTART_REQUESTED`, which the supervisor restarts on. Without a listener
 * (the daemon embedded in a test) a restart is not possible and the command is refused.
 */
import { Injectable } from '@nestjs/common';

/** sysexits.h EX_TEMPFAIL: "try again"; a supervisor restarts the daemon on it (see the README). */
export const EXIT_RESTART_REQUESTED = 75;

@Injectable()
export class DaemonRestart {
  private listener: (() => void) | undefined;

  /** main registers what a restart does; one listener, the last one wins */
  onRequested(listener: () => void): void {
    this.listener = listener;
  }

  get possible(): boolean {
    return this.listener !== undefined;
  }

  /** Returns false when nobody can restart this daemon. */
  request(): boolean {
    if (!this.listener) return false;
    this.listener();
    return true;
  }
}
