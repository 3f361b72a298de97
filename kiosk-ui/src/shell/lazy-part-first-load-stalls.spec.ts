/**
 * Fault: a lazily loaded part whose first load stalled (Vite's own preload of its stylesheet, or
 * the import of its module, neither loaded nor failed) was waited for forever: before any retry of
 * ours ran, the staff screens stayed a blank page and the demo panel never came. Now a try is
 * bounded (`CHUNK_RETRY.stallMs`, or until the link to the daemon comes back); past it the part's
 * module is imported itself, at an address of its own if its fetch has not ended, its stalled
 * stylesheets put in again at theirs; a part with tries (the staff screens) ends coded.
 *
 * A unit spec on a fake page: the first try puts in the links Vite's preload would (the part's
 * module first, then its stylesheet) and never settles; later imports are the spec's. The browser
 * cases with real stalled fetches are in `lazy-part-first-load-stalls.browser.e2e-spec.ts`.
 */
import {
  expectEndedCoded,
  MODULE,
  page,
  partStalling,
  STYLESHEET,
  until,
} from './fake-page-links.spec-support';

const { CHUNK_RETRY, loadChunk, retryChunksNow } = await import('./lazy-with-retry');

const RETRY = { firstMs: 5, maxMs: 20, stallMs: 30 };

beforeEach(() => page.clear());

describe('fault: a lazy part first load stalls', () => {
  it('its bound is a waiting step after its "need more time?" prompt (RULES.md: 30 s, 20 s)', () => {
    expect(CHUNK_RETRY.stallMs).toBe(10_000);
  });

  it('past the bound: its module imported at an address of its own, its stylesheet put in at its own; the part comes', async () => {
    const { part, load, importAt } = partStalling();
    await expect(loadChunk(load, Infinity, RETRY, importAt)).resolves.toBe('part');
    expect(part.loads).toBe(1); // Vite's import not called again: it would join the stalled fetch
    expect(part.imports).toEqual([
      expect.stringMatching(/^http:\/\/kiosk\.test\/assets\/part-abc\.js\?retry=\d+$/),
    ]);
    const [stylesheet] = page.inserted;
    expect(page.inserted).toHaveLength(1);
    expect(stylesheet!.href).toMatch(/^http:\/\/kiosk\.test\/assets\/part-abc\.css\?retry=\d+$/);
    // the page's own links stay (Vite finds them and puts in none of its own)
    expect(page.removed).toEqual([]);
  }, 5_000);

  it('its module fetched, its stylesheet stalled: the module imported at its own address, the stylesheet past the stall', async () => {
    const { part, load, importAt } = partStalling();
    const loaded = loadChunk(load, Infinity, RETRY, importAt);
    await until(() => part.loads === 1);
    part.links[0]!.settle('load');
    await expect(loaded).resolves.toBe('part');
    expect(part.imports).toEqual([MODULE]);
    expect(page.inserted.map((link) => link.href)).toEqual([expect.stringContaining(`${STYLESHEET}?retry=`)]);
  }, 5_000);

  it("tried at once when the page's link to the daemon comes back during the stall", async () => {
    const { part, load, importAt } = partStalling();
    const loaded = loadChunk(
      load,
      Infinity,
      { firstMs: 600_000, maxMs: 600_000, stallMs: 600_000 },
      importAt,
    );
    await until(() => part.loads === 1);
    retryChunksNow();
    await expect(loaded).resolves.toBe('part');
    expect(part.imports).toHaveLength(1);
  }, 5_000);

  it('stalling at every try: the staff screens end coded UI_CHUNK_LOAD_FAILED after their tries, each at an address of its own', async () => {
    const { part, load } = partStalling();
    const stallingAt = (href: string) => (part.imports.push(href), new Promise<string>(() => undefined));
    const failed = loadChunk(load, 3, RETRY, stallingAt);
    await expectEndedCoded(failed, 3, 'the part neither came nor failed within 30 ms');
    expect(part.loads).toBe(1);
    expect(new Set(part.imports).size).toBe(2);
    for (const href of part.imports) expect(href).toContain(`${MODULE}?retry=`);
  }, 5_000);
});
