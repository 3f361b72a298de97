/**
 * The UI's lazily loaded parts (the demo drawer, the staff screens, the staff demo PIN pad) are
 * fetched from the daemon when first shown. A fetch cut short (the daemon restarting, its socket
 * gone mid-fetch) rejected the import, React had nothing to show, and the kiosk's page went blank
 * until someone reloaded it: on a terminal with no keyboard, a kiosk out of service. Here a failed
 * load is tried again, after a pause doubling from `CHUNK_RETRY.firstMs` to `maxMs`, cut short
 * when the page's link to the daemon comes back (`retryChunksNow`); bounded by `tries`, and by
 * `CHUNK_RETRY.withinMs`, where a person is there to be told (the staff screens: `ChunkLoadFailed`,
 * shown by `ChunkBoundary`, "loading" meanwhile).
 * Before each retry the part's stylesheets that failed or stalled are put in again
 * (`stylesheet-relink.ts`).
 *
 * A try that neither comes nor fails (its module or its stylesheet stalled, Vite's own preload
 * and import among them, which join any later fetch of the same address) is given
 * `CHUNK_RETRY.stallMs`, or until the link to the daemon comes back: past it the part's module is
 * imported itself at the next try: at an address of its own, and the chunks new to the page it
 * imports at theirs, if a fetch of them has not ended or a try at its own address stalled (Vite's
 * `modulepreload` links, put in by the first try, tell their addresses and whether they ended:
 * `module-readdress.ts`); its stalled stylesheets are put in again at theirs.
 */
import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { DEFAULT_STEP_MS, DEFAULT_WARN_MS, ErrorCode } from '@kiosk/domain';
import { pause, StalledPastBound } from './chunk-wake';
import { firstTryImportsMoved, retryModuleAt } from './module-readdress';
import { relinkFailedStylesheets, stylesheetsStalled } from './stylesheet-relink';

export { retryChunksNow, retryChunksOnReconnect } from './chunk-wake';

/**
 * The pauses between tries, and the bound of one try: as long as a waiting step gives a resident
 * after its "need more time?" prompt (RULES.md: 30 s, the prompt at 20 s), where a fetch from the
 * kiosk's own daemon takes milliseconds. A part with tries (a person there to be told: the staff
 * screens) ends, whatever its tries, within a waiting step (`withinMs`, 30 s) of being asked for:
 * "loading" shown meanwhile (`ChunkBoundary`), then the coded box.
 */
export const CHUNK_RETRY = {
  firstMs: 500,
  maxMs: 30_000,
  stallMs: DEFAULT_STEP_MS - DEFAULT_WARN_MS,
  withinMs: DEFAULT_STEP_MS,
} as const;

/** The pauses and bounds `loadChunk` keeps (`CHUNK_RETRY`'s, or a spec's). */
export interface ChunkRetry {
  readonly firstMs: number;
  readonly maxMs: number;
  readonly stallMs?: number;
  readonly withinMs?: number;
}

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

/** A try of the part itself that neither came nor failed within its bound. */
class PartStalled extends StalledPastBound {}

/** `attempt`, or `PartStalled` once `ms` pass (or the link to the daemon comes back) before it settles. */
async function bounded<T>(attempt: Promise<T>, ms: number): Promise<T> {
  const ended = await pause(ms, attempt);
  if (ended === 'settled') return attempt;
  // the link back just as the try ended: it ended, it did not stall
  if (ended === 'woken' && (await pause(0, attempt)) === 'settled') return attempt;
  throw new PartStalled(ended === 'woken', 'the part neither came nor failed', ms);
}

/** `call()`, and the links it put in the page (Vite's preload puts in a part's links at once). */
function linksPutInBy<T>(call: () => T): { result: T; links: HTMLLinkElement[] } {
  if (typeof document === 'undefined') return { result: call(), links: [] };
  const page = document.getElementsByTagName('link');
  const before = new Set([...page]);
  const result = call();
  return { result, links: [...page].filter((link) => !before.has(link)) };
}

/** The part's module at `href` (an address of its own: a module of its own, the same code). */
const importModule = (href: string): Promise<unknown> => import(/* @vite-ignore */ href);

/**
 * `load`, tried again until it resolves or `tries` were made, or (with tries) `retry.withinMs`
 * passed (then `ChunkLoadFailed`); after a stalled try, the part's module imported itself by
 * `importAt`.
 */
export async function loadChunk<T>(
  load: () => Promise<T>,
  tries = Infinity,
  retry: ChunkRetry = CHUNK_RETRY,
  importAt: (href: string) => Promise<unknown> = importModule,
): Promise<T> {
  const endsAt = Number.isFinite(tries) ? Date.now() + (retry.withinMs ?? CHUNK_RETRY.withinMs) : Infinity;
  /** `ms`, or what is left of the part's time if less */
  const atMost = (ms: number): number => Math.max(0, Math.min(ms, endsAt - Date.now()));
  const timeUp = (): boolean => Date.now() >= endsAt;
  let waitMs = retry.firstMs;
  /** what the first try put in the page: the part's module first (Vite's deps list), its stylesheets */
  let partLinks: HTMLLinkElement[] = [];
  let stalled = false;
  /** whether this try imports the part's module at its own address, and whether one there stalled */
  let atOwn = false;
  let stalledAtOwn = false;
  const tryPart = (tried: number): Promise<T> => {
    atOwn = false;
    if (tried === 1) {
      const first = linksPutInBy(load);
      partLinks = first.links;
      firstTryImportsMoved(partLinks);
      return first.result;
    }
    const module = stalled ? retryModuleAt(partLinks, stalledAtOwn) : undefined;
    if (module === undefined) return load();
    atOwn = module.own;
    // the same module, at another address or imported by us: of the type `load` gives
    return importAt(module.href) as Promise<T>;
  };
  for (let tried = 1; ; tried += 1) {
    try {
      // a stylesheet gets as long as the pause that would follow its failure
      if (tried > 1) await relinkFailedStylesheets(atMost(waitMs));
      return await bounded(tryPart(tried), atMost(retry.stallMs ?? CHUNK_RETRY.stallMs));
    } catch (error) {
      if (error instanceof PartStalled) {
        stalled = true;
        stalledAtOwn ||= atOwn;
        stylesheetsStalled(partLinks);
      }
      if (tried >= tries || timeUp()) throw new ChunkLoadFailed(tried, error);
      // the link back while a fetch stalled: tried again at once, past the stalled fetch
      if (!(error instanceof StalledPastBound && error.woken)) await pause(atMost(waitMs));
      if (timeUp()) throw new ChunkLoadFailed(tried, error);
      waitMs = Math.min(waitMs * 2, retry.maxMs);
    }
  }
}

/**
 * `React.lazy` over `loadChunk`: a cut or stalled fetch is tried again instead of breaking the
 * screen. `load` imports the part's module (`() => import('./part')`), `pick` takes its component.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- React.lazy's own bound
export function lazyWithRetry<M, T extends ComponentType<any>>(
  load: () => Promise<M>,
  pick: (part: M) => T,
  tries = Infinity,
): LazyExoticComponent<T> {
  return lazy(() => loadChunk(load, tries).then((part) => ({ default: pick(part) })));
}
