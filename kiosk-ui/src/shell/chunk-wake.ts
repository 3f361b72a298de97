/**
 * The waits of a lazily loaded part's tries (`lazy-with-retry.ts`): each bounded by its time, cut
 * short when the page's link to the daemon comes back (`retryChunksNow`), and what a wait past its
 * bound throws (`StalledPastBound`).
 */

const waiting = new Set<() => void>();

/** The page's link to the daemon is back: the parts waiting to be fetched again are tried now. */
export function retryChunksNow(): void {
  for (const wake of [...waiting]) wake();
}

/** The page's link to the daemon, as `retryChunksOnReconnect` follows it (the kiosk gateway). */
export interface DaemonLink {
  getState(): { readonly connection: 'connecting' | 'connected' | 'disconnected' };
  subscribe(listener: () => void): () => void;
}

/**
 * `retryChunksNow` each time `link` connects after it was lost (or its first connect failed: the
 * daemon away, a part's fetch may have failed with it). Its first connect is no link back: it
 * comes while the page's first parts are fetched, and would cut their first tries short.
 */
export function retryChunksOnReconnect(link: DaemonLink): () => void {
  let lost = false;
  return link.subscribe(() => {
    const { connection } = link.getState();
    if (connection === 'disconnected') lost = true;
    else if (connection === 'connected' && lost) {
      lost = false;
      retryChunksNow();
    }
  });
}

/** How a pause ended: its time out, the page's link to the daemon back, or what it waited for. */
export type PauseEnd = 'elapsed' | 'woken' | 'settled';

/** Waits `ms`, cut short by `retryChunksNow` or, if given, by `settled` settling (either way). */
export function pause(ms: number, settled?: Promise<unknown>): Promise<PauseEnd> {
  return new Promise((resolve) => {
    const end = (how: PauseEnd): void => {
      clearTimeout(timer);
      waiting.delete(wake);
      resolve(how);
    };
    const wake = (): void => end('woken');
    const timer = setTimeout(() => end('elapsed'), ms);
    waiting.add(wake);
    void settled?.then(
      () => end('settled'),
      () => end('settled'),
    );
  });
}

/**
 * A fetch of the part that neither came nor failed within its bound (a stalled connection): it
 * counts as failed and the next try goes past it. `woken`: the page's link to the daemon came back
 * meanwhile, so the next try need not wait its pause.
 */
export class StalledPastBound extends Error {
  constructor(
    readonly woken: boolean,
    what: string,
    ms: number,
  ) {
    super(`${what} ${woken ? 'before the link came back' : `within ${ms} ms`}`);
    this.name = 'StalledPastBound';
  }
}
