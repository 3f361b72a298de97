/**
 * A fake page for the unit specs of `lazy-with-retry.ts` and `stylesheet-relink.ts`: a document
 * whose capture-phase listeners the spec calls, and `<link>`s that load or stall as the spec says.
 * Imported before the modules under test (they hear the page's links from their load on).
 */

import { ErrorCode } from '@kiosk/domain';

type Heard = (event: { target: unknown }) => void;

/** A `<link>` (a stylesheet, or Vite's `modulepreload` of a part's module). */
export class FakeLink extends EventTarget {
  constructor(
    public href: string,
    readonly rel: 'stylesheet' | 'modulepreload' = 'stylesheet',
  ) {
    super();
  }
  cloneNode(): FakeLink {
    return new FakeLink(this.href, this.rel);
  }
  replaceWith(link: FakeLink): void {
    page.removed.push(this);
    page.links.splice(page.links.indexOf(this), 1);
    link.putIn();
  }
  after(link: FakeLink): void {
    link.putIn();
  }
  /** Put in again by the module under test: it loads or stalls as `page.outcomes` says. */
  private putIn(): void {
    page.inserted.push(this);
    page.links.push(this);
    const outcome = page.outcomes.shift() ?? 'load';
    if (outcome === 'load') setTimeout(() => this.settle('load'), 1);
  }
  /** Its fetch ends: its own listeners hear it, then the document's (capture phase). */
  settle(how: 'load' | 'error'): void {
    this.dispatchEvent(new Event(how));
    page.heard[how]?.({ target: this });
  }
}

export const page = {
  /** the document's capture-phase listeners (the modules hear links' ends by them) */
  heard: {} as Partial<Record<string, Heard>>,
  /** the links in the page */
  links: [] as FakeLink[],
  /** each link put in again, in order */
  inserted: [] as FakeLink[],
  /** each link taken out of the page */
  removed: [] as FakeLink[],
  /** what each next link put in again does */
  outcomes: [] as ('load' | 'stall')[],
  /** the page's own module scripts (its entry) */
  scripts: [] as { src: string }[],
  /** the import maps put in the page, in order */
  importMaps: [] as { scopes: Record<string, Record<string, string>> }[],
  /** a link put in by the page itself (Vite's preload), left to its fetch: the spec settles it */
  putInByVite(href: string, rel: 'stylesheet' | 'modulepreload'): FakeLink {
    const link = new FakeLink(href, rel);
    page.links.push(link);
    return link;
  },
  clear(): void {
    page.links.length = 0;
    page.inserted = [];
    page.removed = [];
    page.outcomes = [];
    page.scripts = [];
    page.importMaps = [];
  },
};

Object.assign(globalThis, {
  HTMLLinkElement: FakeLink,
  document: {
    addEventListener: (type: string, listener: Heard) => (page.heard[type] = listener),
    getElementsByTagName: () => page.links,
    querySelectorAll: () => page.scripts,
    createElement: () => ({ type: '', textContent: '' }),
    head: { append: (map: { textContent: string }) => page.importMaps.push(JSON.parse(map.textContent)) },
  },
});

/** Until `probe` holds, a millisecond at a time. */
export async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await new Promise((resolve) => setTimeout(resolve, 1));
}

/** A part's module and stylesheet, as Vite's build names them. */
export const MODULE = 'http://kiosk.test/assets/part-abc.js';
export const STYLESHEET = 'http://kiosk.test/assets/part-abc.css';

/**
 * A part whose first load puts in its links as Vite's preload does (its module first, then its
 * stylesheet), then neither comes nor fails; `part.imports`: the addresses `importAt` was asked.
 */
export function partStalling() {
  const part = { loads: 0, imports: [] as string[], links: [] as FakeLink[] };
  const load = () => {
    part.loads += 1;
    if (part.loads === 1)
      part.links = [page.putInByVite(MODULE, 'modulepreload'), page.putInByVite(STYLESHEET, 'stylesheet')];
    return new Promise<string>(() => undefined);
  };
  const importAt = (href: string) => (part.imports.push(href), Promise.resolve('part'));
  return { part, load, importAt };
}

/** `failed` ends coded `UI_CHUNK_LOAD_FAILED` after `tries`, its last cause saying `cause`. */
export async function expectEndedCoded(
  failed: Promise<unknown>,
  tries: number,
  cause: string,
): Promise<void> {
  await expect(failed).rejects.toMatchObject({
    name: 'ChunkLoadFailed',
    code: ErrorCode.UI_CHUNK_LOAD_FAILED,
    tries,
    cause: { message: expect.stringContaining(cause) },
  });
}
