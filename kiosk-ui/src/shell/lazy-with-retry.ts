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
 * put in again (the same address), so the part comes back with its styles. One put in again that
 * neither loads nor fails (a stalled connection) is waited for as long as the pause that would
 * follow, or until the link to the daemon comes back: then it counts as failed and the retry goes
 * on (the next try puts it in at an address of its own, past the stalled fetch).
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

/** How a pause ended: its time out, the page's link to the daemon back, or what it waited for. */
type PauseEnd = 'elapsed' | 'woken' | 'settled';

/** Waits `ms`, cut short by `retryChunksNow` or, if given, by `settled` settling. */
function pause(ms: number, settled?: Promise<unknown>): Promise<PauseEnd> {
  return new Promise((resolve) => {
    const end = (how: PauseEnd): void => {
      clearTimeout(timer);
      waiting.delete(wake);
      resolve(how);
    };
    const wake = (): void => end('woken');
    const timer = setTimeout(() => end('elapsed'), ms);
    waiting.add(wake);
    void settled?.then(() => end('settled'));
  });
}

/**
 * The page's stylesheet links whose fetch failed. Chromium gives such a link an empty sheet, so
 * the link's own error event is what tells: heard in the capture phase (it does not bubble), from
 * before the first lazy part is fetched (this module loads with the page's entry).
 */
const failedStylesheets = new Set<HTMLLinkElement>();
/** Links put in again that neither loaded nor failed within their time (a stalled fetch). */
const stalledStylesheets = new Set<HTMLLinkElement>();
if (typeof document !== 'undefined')
  document.addEventListener(
    'error',
    (event) => {
      const link = event.target;
      if (!(link instanceof HTMLLinkElement) || link.rel !== 'stylesheet') return;
      failedStylesheets.add(link);
      stalledStylesheets.delete(link);
    },
    true,
  );

/** The query parameter that gives a stylesheet put in again past a stalled fetch its own address. */
const RETRY_PARAM = 'retry';
let freshAddresses = 0;

/**
 * A link to `old`'s stylesheet in its place. A failed one's at the same address. A stalled one's at
 * an address of its own (`?retry=n`): Chromium joins a new link of the same address to the fetch
 * still under way, stalled as well. The page's own link is then left in (Vite's preload, finding
 * it, does not put in one of its own that would join the stalled fetch); a stalled link of ours
 * is replaced.
 */
function relink(old: HTMLLinkElement, stalled: boolean): HTMLLinkElement {
  const link = old.cloneNode() as HTMLLinkElement;
  if (!stalled) {
    old.replaceWith(link);
    return link;
  }
  const address = new URL(old.href);
  const ours = address.searchParams.has(RETRY_PARAM);
  freshAddresses += 1;
  address.searchParams.set(RETRY_PARAM, String(freshAddresses));
  link.href = address.href;
  if (ours) old.replaceWith(link);
  else old.after(link);
  return link;
}

/**
 * Stylesheets put in again that had neither loaded nor failed within their time (a stalled
 * connection): they count as failed and are put in again at the next try. `woken`: the page's link
 * to the daemon came back meanwhile, so the next try need not wait its pause.
 */
class StylesheetsStalled extends Error {
  constructor(
    readonly woken: boolean,
    hrefs: readonly string[],
    ms: number,
  ) {
    super(
      `stylesheet not loaded${woken ? ' before the link came back' : ` within ${ms} ms`}: ${hrefs.join(', ')}`,
    );
    this.name = 'StylesheetsStalled';
  }
}

/**
 * Each stylesheet link of the page whose fetch failed or stalled put in again (`relink`), awaited
 * for at most `withinMs` (`StylesheetsStalled` past it, or at once when the link to the daemon
 * comes back); one that failed again or is still loading is put in again at the next try.
 */
async function relinkFailedStylesheets(withinMs: number): Promise<void> {
  const olds = [
    ...[...failedStylesheets].map((link) => ({ link, stalled: false })),
    ...[...stalledStylesheets].map((link) => ({ link, stalled: true })),
  ];
  failedStylesheets.clear();
  stalledStylesheets.clear();
  if (olds.length === 0) return;
  const loading = new Set<HTMLLinkElement>();
  // every one settled before the part is tried: none still loading once it comes
  const relinked = Promise.allSettled(
    olds.map(
      (old) =>
        new Promise<void>((resolve, reject) => {
          const link = relink(old.link, old.stalled);
          loading.add(link);
          link.addEventListener('load', () => {
            loading.delete(link);
            stalledStylesheets.delete(link); // loaded after its time: not put in again
            resolve();
          });
          // heard as failed again (above): the next try puts it in again
          link.addEventListener('error', () => {
            loading.delete(link);
            reject(new Error(`stylesheet not loaded: ${link.href}`));
          });
        }),
    ),
  );
  const ended = await pause(withinMs, relinked);
  if (ended !== 'settled') {
    for (const link of loading) stalledStylesheets.add(link);
    throw new StylesheetsStalled(
      ended === 'woken',
      [...loading].map((link) => link.href),
      withinMs,
    );
  }
  const refused = (await relinked).find((r) => r.status === 'rejected');
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
      // a stylesheet gets as long as the pause that would follow its failure
      if (tried > 1) await relinkFailedStylesheets(waitMs);
      return await load();
    } catch (error) {
      if (tried >= tries) throw new ChunkLoadFailed(tried, error);
      // the link back while a stylesheet stalled: tried again at once, the stalled one put in again
      if (!(error instanceof StylesheetsStalled && error.woken)) await pause(waitMs);
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
