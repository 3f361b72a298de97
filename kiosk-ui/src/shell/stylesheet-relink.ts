/**
 * The stylesheets of the UI's lazily loaded parts put in again before a part's next try
 * (`lazy-with-retry.ts`).
 *
 * Vite's preload fetches a chunk's stylesheet once per page: one that failed is not fetched again
 * by it, and its `<link>` stays in the page with an empty sheet. Before each retry such links are
 * put in again (the same address), so the part comes back with its styles. One that neither loads
 * nor fails (a stalled connection) is waited for as long as the pause that would follow, or until
 * the link to the daemon comes back: then it counts as failed and the next try puts it in at an
 * address of its own (`freshAddress`), past the stalled fetch. The stalled link, should it fail
 * late, is not put in again: the one at its own address stands for it.
 */
import { pause, StalledPastBound } from './chunk-wake';

/**
 * The page's stylesheet links whose fetch failed. Chromium gives such a link an empty sheet, so
 * the link's own error event is what tells: heard in the capture phase (it does not bubble), from
 * before the first lazy part is fetched (this module loads with the page's entry).
 */
const failedStylesheets = new Set<HTMLLinkElement>();
/** Links that neither loaded nor failed within their time (a stalled fetch). */
const stalledStylesheets = new Set<HTMLLinkElement>();
/** Links whose fetch ended (loaded or failed): what a stalled try leaves unsettled is the stall. */
const settledLinks = new WeakSet<HTMLLinkElement>();
/** Stalled links put in again at an address of their own: the new link stands for them. */
const superseded = new WeakSet<HTMLLinkElement>();

if (typeof document !== 'undefined') {
  document.addEventListener(
    'error',
    (event) => {
      const link = event.target;
      if (!(link instanceof HTMLLinkElement)) return;
      settledLinks.add(link);
      if (link.rel !== 'stylesheet' || superseded.has(link)) return;
      failedStylesheets.add(link);
      stalledStylesheets.delete(link);
    },
    true,
  );
  document.addEventListener(
    'load',
    (event) => {
      if (event.target instanceof HTMLLinkElement) settledLinks.add(event.target);
    },
    true,
  );
}

/** Whether `link`'s fetch has ended, loaded or failed. */
export const linkSettled = (link: HTMLLinkElement): boolean => settledLinks.has(link);

/** The query parameter that gives a fetch tried past a stalled one its own address. */
const RETRY_PARAM = 'retry';
let freshAddresses = 0;

/**
 * `href` at an address of its own (`?retry=n`, n new each time): Chromium joins a fetch of the
 * same address (a stylesheet link's, a module's import) to the one still under way, stalled too.
 */
export function freshAddress(href: string): string {
  const address = new URL(href);
  freshAddresses += 1;
  address.searchParams.set(RETRY_PARAM, String(freshAddresses));
  return address.href;
}

/** Stylesheet links a part's stalled try left unsettled: put in again at the next try. */
export function stylesheetsStalled(links: Iterable<HTMLLinkElement>): void {
  for (const link of links) if (link.rel === 'stylesheet' && !linkSettled(link)) stalledStylesheets.add(link);
}

/**
 * A link to `old`'s stylesheet in its place. A failed one's at the same address. A stalled one's at
 * an address of its own. The page's own link is then left in (Vite's preload, finding it, does not
 * put in one of its own that would join the stalled fetch); a stalled link of ours is replaced.
 */
function relink(old: HTMLLinkElement, stalled: boolean): HTMLLinkElement {
  const link = old.cloneNode() as HTMLLinkElement;
  if (!stalled) {
    old.replaceWith(link);
    return link;
  }
  const ours = new URL(old.href).searchParams.has(RETRY_PARAM);
  link.href = freshAddress(old.href);
  superseded.add(old);
  if (ours) old.replaceWith(link);
  else old.after(link);
  return link;
}

/**
 * Each stylesheet link of the page whose fetch failed or stalled put in again (`relink`), awaited
 * for at most `withinMs` (`StalledPastBound` past it, or at once when the link to the daemon comes
 * back); one that failed again or is still loading is put in again at the next try.
 */
export async function relinkFailedStylesheets(withinMs: number): Promise<void> {
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
    const hrefs = [...loading].map((link) => link.href).join(', ');
    throw new StalledPastBound(ended === 'woken', `stylesheet not loaded (${hrefs})`, withinMs);
  }
  const refused = (await relinked).find((r) => r.status === 'rejected');
  if (refused) throw refused.reason;
}
