/** Tells the sessions service's listeners (the touch screen's gateway) which safe view changed. */
import type { ViewKind } from './session-types.js';

export class ViewNotifier {
  private readonly listeners = new Set<(kind: ViewKind) => void>();
  private sessionScheduled = false;

  onChange(listener: (kind: ViewKind) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(kind: ViewKind): void {
    for (const listener of this.listeners) listener(kind);
  }

  /** Coalesces the snapshots of one turn of the event loop into one session view. */
  scheduleSession(): void {
    if (this.sessionScheduled) return;
    this.sessionScheduled = true;
    queueMicrotask(() => {
      this.sessionScheduled = false;
      this.notify('session');
    });
  }
}
