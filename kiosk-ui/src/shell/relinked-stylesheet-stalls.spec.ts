/**
 * Fault: a lazily loaded part whose stylesheet, put in again before the part's next try, neither
 * loaded nor failed (a stalled connection to the daemon) waited for it forever: the part never came,
 * the staff screens never reached their "Try again" box, and the daemon coming back did not cut the
 * wait short. Now such a link counts as failed after the pause that would follow (or at once when
 * the link to the daemon comes back) and is put in again at the next try.
 *
 * A unit spec, on a fake page (a document hearing link errors, links whose load or error the spec
 * fires); the browser case with a real stalled fetch is in `ui-chunk-load-cut-by-restart`.
 */
import { ErrorCode } from '@kiosk/domain';

/** A stylesheet `<link>`: put in the page, it loads or stalls as `page.outcomes` says. */
class FakeLink extends EventTarget {
  readonly rel = 'stylesheet';
  constructor(public href: string) {
    super();
  }
  cloneNode(): FakeLink {
    return new FakeLink(this.href);
  }
  replaceWith(link: FakeLink): void {
    page.removed.push(this);
    link.putIn();
  }
  after(link: FakeLink): void {
    link.putIn();
  }
  private putIn(): void {
    page.inserted.push(this);
    const outcome = page.outcomes.shift() ?? 'load';
    if (outcome === 'load') setTimeout(() => this.dispatchEvent(new Event('load')), 1);
  }
}

const page = {
  /** the document's capture-phase error listener (lazy-with-retry hears failed links by it) */
  heard: null as ((event: { target: unknown }) => void) | null,
  /** each link put in again, in order */
  inserted: [] as FakeLink[],
  /** each link taken out of the page */
  removed: [] as FakeLink[],
  /** what each next link put in does */
  outcomes: [] as ('load' | 'stall')[],
};
Object.assign(globalThis, {
  HTMLLinkElement: FakeLink,
  document: {
    addEventListener: (type: string, listener: (event: { target: unknown }) => void) => {
      if (type === 'error') page.heard = listener;
    },
  },
});
// after the fake page: the module hears link errors from its load on
const STYLESHEET = 'http://kiosk.test/assets/part.css';
const { ChunkLoadFailed, loadChunk, retryChunksNow } = await import('./lazy-with-retry');

/** A part whose first `cuts` loads fail, each with its stylesheet failed too. */
function partCut(cuts: number) {
  const part = { tries: 0 };
  const load = () => {
    part.tries += 1;
    if (part.tries > cuts) return Promise.resolve('part');
    const failed = new FakeLink(STYLESHEET);
    page.heard?.({ target: failed });
    return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  };
  return { part, load };
}

async function until(probe: () => boolean): Promise<void> {
  while (!probe()) await new Promise((resolve) => setTimeout(resolve, 1));
}

beforeEach(() => {
  page.inserted = [];
  page.removed = [];
  page.outcomes = [];
});

describe('fault: a stylesheet put in again stalls (neither loads nor fails)', () => {
  it('counts as failed after the pause that would follow; put in again past the stall, the part comes', async () => {
    const { part, load } = partCut(1);
    page.outcomes = ['stall', 'load'];
    await expect(loadChunk(load, Infinity, { firstMs: 5, maxMs: 20 })).resolves.toBe('part');
    // the failed link put in again at its address; it stalled: one at an address of its own
    // beside it (a link at the same address would join the stalled fetch), the part tried again
    const [same, fresh] = page.inserted;
    expect(page.inserted).toHaveLength(2);
    expect(same!.href).toBe(STYLESHEET);
    expect(fresh!.href).toMatch(/^http:\/\/kiosk\.test\/assets\/part\.css\?retry=\d+$/);
    // the page's own link stays (Vite's preload finds it and does not put in one of its own)
    expect(page.removed).not.toContain(same);
    expect(part.tries).toBe(2);
  }, 5_000);

  it("stalling again: the link of its own address replaced by another, the page's own kept", async () => {
    const { part, load } = partCut(1);
    page.outcomes = ['stall', 'stall', 'load'];
    await expect(loadChunk(load, Infinity, { firstMs: 5, maxMs: 20 })).resolves.toBe('part');
    const [same, fresh, fresher] = page.inserted;
    expect(page.inserted).toHaveLength(3);
    expect(page.removed).toEqual([expect.anything(), fresh]); // the first: the failed link
    expect(page.removed).not.toContain(same);
    expect(fresher!.href).not.toBe(fresh!.href);
    expect(fresher!.href).toContain('?retry=');
    expect(part.tries).toBe(2);
  }, 5_000);

  it("is cut short when the page's link to the daemon comes back, not after its pause", async () => {
    const { part, load } = partCut(1);
    page.outcomes = ['stall', 'load'];
    const loaded = loadChunk(load, Infinity, { firstMs: 600_000, maxMs: 600_000 });
    await until(() => part.tries === 1);
    retryChunksNow(); // the link back during the first pause: the stylesheet put in, it stalls
    await until(() => page.inserted.length === 1);
    retryChunksNow(); // the link back again while it stalls
    await expect(loaded).resolves.toBe('part');
    expect(page.inserted).toHaveLength(2);
  }, 5_000);

  it('stalling at every try: the staff screens end coded UI_CHUNK_LOAD_FAILED after their tries', async () => {
    const { part, load } = partCut(1);
    page.outcomes = ['stall', 'stall', 'stall'];
    const failed = loadChunk(load, 3, { firstMs: 5, maxMs: 20 });
    await expect(failed).rejects.toBeInstanceOf(ChunkLoadFailed);
    await expect(failed).rejects.toMatchObject({
      code: ErrorCode.UI_CHUNK_LOAD_FAILED,
      tries: 3,
      cause: { message: expect.stringContaining('/assets/part.css?retry=') },
    });
    expect(part.tries).toBe(1);
    expect(page.inserted).toHaveLength(2);
  }, 5_000);
});
