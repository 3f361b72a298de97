/**
 * The UI's lazily loaded parts (the demo drawer, the staff screens, the staff demo PIN pad) are
 * fetched from the daemon when first shown. A fetch cut short (the daemon restarting, its socket
 * gone mid-fetch) rejected the import, React had nothing to show, and the kiosk's page went blank
 * until someone reloaded it: on a terminal with no keyboard, a kiosk out of service. Here a failed
 * load is tried again, after a pause doubling from `CHUNK_RETRY.firstMs` to `maxMs`, cut short
 * when the page's link to the daemon comes back (`retryChunksNow`); bounded by `tries` where a
 * person is there to be told (the staff screens: `ChunkLoadFailed`, shown by `ChunkBoundary`).
 *
 * Vite's preload fetches a chunk's stylesheet once per page: one that failed is not fetched again
 * by it, and its `<link>` stays in the page with an empty sheet. Before each retry such links are
 * put in again (the same address), so the part comes back with its styles.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { ErrorCode } from '@kiosk/domain';

export const CHUNK_RETRY = { firstMs: 500, maxMs: 30_000 } as const;

/** A part of the UI that could not be fetched from the daemon within its tries. */
export class ChunkLoadFailed extends Error {
  readonly code = ErrorCode.UI_CHUNK_LOAD_FAILED;
  constructor(
    readonly tries: number,
    cause: unknown,
  ) {
    super(`A part of the screen could not be loaded from the kiosk after ${tries} tries`, { cause });
    this.name = 'ChunkLoadFailed';
  }
}

const waiting = new Set<() => void>();

/** The page's link to the daemon is back: the parts waiting to be fetched again are tried now. */
export function retryChunksNow(): void {
  for (const wake of [...waiting]) wake();
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => {
    const wake = (): void => {
      clearTimeout(timer);
      waiting.delete(wake);
      resolve();
    };
    const timer = setTimeout(wake, ms);
    waiting.add(wake);
  });
}

/**
 * The page's stylesheet links whose fetch failed. Chromium gives such a link an empty sheet, so
 * the link's own error event is what tells: heard in the capture phase (it does not bubble), from
 * before the first lazy part is fetched (this module loads with the page's entry).
 */
const failedStylesheets = new Set<HTMLLinkElement>();
if (typeof document !== 'undefined')
  document.addEventListener(
    'error',
    (event) => {
      const link = event.target;
      if (link instanceof HTMLLinkElement && link.rel === 'stylesheet') failedStylesheets.add(link);
    },
    true,
  );

/** Each stylesheet link of the page whose fetch failed put in again (the same address), awaited. */
async function relinkFailedStylesheets(): Promise<void> {
  const failed = [...failedStylesheets];
  failedStylesheets.clear();
  // every one settled before the part is tried: none still loading once it comes
  const relinked = await Promise.allSettled(
    failed.map(
      (old) =>
        new Promise<void>((resolve, reject) => {
          const link = old.cloneNode() as HTMLLinkElement;
          link.addEventListener('load', () => resolve());
          // heard as failed again (above): the next try puts it in again
          link.addEventListener('error', () => reject(new Error(`stylesheet not loaded: ${old.href}`)));
          old.replaceWith(link);
        }),
    ),
  );
  const refused = relinked.find((r) => r.status === 'rejected');
  if (refused) throw refused.reason;
}

/** `load`, tried again until it resolves or `tries` were made (then `ChunkLoadFailed`). */
export async function loadChunk<T>(
  load: () => Promise<T>,
  tries = Infinity,
  retry: { readonly firstMs: number; readonly maxMs: number } = CHUNK_RETRY,
): Promise<T> {
  let waitMs = retry.firstMs;
  for (let tried = 1; ; tried += 1) {
    try {
      if (tried > 1) await relinkFailedStylesheets();
      return await load();
    } catch (error) {
      if (tried >= tries) throw new ChunkLoadFailed(tried, error);
      await pause(waitMs);
      waitMs = Math.min(waitMs * 2, retry.maxMs);
    }
  }
}

/** `React.lazy` over `loadChunk`: a cut fetch is tried again instead of breaking the screen. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound
export function lazyWithRetry<T extends ComponentType<any>>(
  load: () => Promise<{ default: T }>,
  tries = Infinity,
): LazyExoticComponent<T> {
  return lazy(() => loadChunk(load, tries));
}
