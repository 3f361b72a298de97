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
import { expectEndedCoded, FakeLink, page, until } from './fake-page-links.spec-support';

// after the fake page: the module hears link errors from its load on
const STYLESHEET = 'http://kiosk.test/assets/part.css';
const { loadChunk, retryChunksNow } = await import('./lazy-with-retry');

/** A part whose first `cuts` loads fail, each with its stylesheet failed too. */
function partCut(cuts: number) {
  const part = { tries: 0 };
  const load = () => {
    part.tries += 1;
    if (part.tries > cuts) return Promise.resolve('part');
    const failed = new FakeLink(STYLESHEET);
    page.heard.error?.({ target: failed });
    return Promise.reject(new TypeError('Failed to fetch dynamically imported module'));
  };
  return { part, load };
}

beforeEach(() => page.clear());

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
    // the link back (again and again) until the stylesheet is put in, it stalls: the wake that
    // sees it put in cuts its stall short, and the next try goes at once
    await until(() => (retryChunksNow(), page.inserted.length === 1));
    await expect(loaded).resolves.toBe('part');
    expect(page.inserted).toHaveLength(2);
  }, 5_000);

  it('stalling at every try: the staff screens end coded UI_CHUNK_LOAD_FAILED after their tries', async () => {
    const { part, load } = partCut(1);
    page.outcomes = ['stall', 'stall', 'stall'];
    const failed = loadChunk(load, 3, { firstMs: 5, maxMs: 20 });
    await expectEndedCoded(failed, 3, '/assets/part.css?retry=');
    expect(part.tries).toBe(1);
    expect(page.inserted).toHaveLength(2);
  }, 5_000);
});
