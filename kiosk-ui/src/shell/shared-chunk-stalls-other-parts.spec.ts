/**
 * Fault: a stalled fetch of a chunk a lazy part imports (Vite splits out the code several parts
 * share: the demo panel's and the staff demo PIN pad's) was still imported from its old address:
 * the part's module, imported again at an address of its own, imported the chunk from the stalled
 * address, joined to the stalled fetch, so every try stalled (the demo panel never came), and so did
 * every other part importing it. Now the part's modules new to the page are moved to addresses of
 * their own, an import map sending their imports to the new addresses, and a part first tried
 * later imports the moved chunk from its new address (`module-readdress.ts`).
 *
 * A unit spec on a fake page (`fake-page-links.spec-support.ts`): the page's import maps are read
 * as Chromium would resolve a module's imports by them. The browser case, with a real stalled
 * fetch, is in `lazy-part-first-load-stalls.browser.e2e-spec.ts`.
 */
import { page, until } from './fake-page-links.spec-support';

const { loadChunk } = await import('./lazy-with-retry');

const RETRY = { firstMs: 5, maxMs: 20, stallMs: 30 };
const at = (name: string) => `http://kiosk.test/assets/${name}`;

/** Where `importer`'s import of `href` goes by the page's import maps (the last one scoping it). */
function resolvedBy(importer: string, href: string): string {
  const scoped = page.importMaps.map((map) => map.scopes[importer]?.[href]).filter(Boolean);
  return scoped.at(-1) ?? href;
}

/**
 * A part whose first try puts in its module links as Vite's preload does (all fetched but those
 * in `stalled`) and that comes only if `comes()` holds once they are in; `imports`: the addresses
 * `importAt` was asked.
 */
function part(modules: string[], stalled: string[], comes: () => boolean = () => false) {
  const imports: string[] = [];
  const load = () => {
    const links = modules.map((href) => page.putInByVite(href, 'modulepreload'));
    for (const link of links) if (!stalled.includes(link.href)) link.settle('load');
    return Promise.resolve().then(() => (comes() ? 'part' : new Promise<string>(() => undefined)));
  };
  const importAt = (href: string) => (imports.push(href), Promise.resolve('part'));
  return { load, importAt, imports };
}

beforeEach(() => page.clear());

describe('fault: a stalled shared chunk is imported from its old address by the other parts', () => {
  it('past the bound the part comes from addresses of its own, its module and the chunk it imports, each importing the new ones', async () => {
    const [panel, shared] = [at('demo-chunk-a.js'), at('demo-pin-pad-a.js')];
    const { load, importAt, imports } = part([panel, shared], [shared]);
    await expect(loadChunk(load, Infinity, RETRY, importAt)).resolves.toBe('part');
    expect(imports).toEqual([expect.stringMatching(/demo-chunk-a\.js\?retry=\d+$/)]);
    const [newPanel] = imports as [string];
    const newShared = resolvedBy(newPanel, shared);
    expect(newShared).toMatch(/demo-pin-pad-a\.js\?retry=\d+$/);
    expect(resolvedBy(newShared, panel)).toBe(newPanel); // a chunk importing back: the same new module
  }, 5_000);

  it('a part first tried later imports the moved chunk from its new address, not stalling on it', async () => {
    const [panel, shared, pinPad] = [at('demo-chunk-b.js'), at('demo-pin-pad-b.js'), at('pin-pad-b.js')];
    const first = part([panel, shared], [shared]);
    await loadChunk(first.load, Infinity, RETRY, first.importAt);
    const newShared = resolvedBy(first.imports[0]!, shared);

    // its first try puts in its own module only: the page has the shared chunk's link already
    const later = part([pinPad], [], () => resolvedBy(pinPad, shared) === newShared && newShared !== shared);
    await expect(loadChunk(later.load, 2, RETRY, later.importAt)).resolves.toBe('part');
    expect(later.imports).toEqual([]); // came at its first try, Vite's own
  }, 5_000);

  it("the page's entry among a part's links keeps its address (run again it would be a second app)", async () => {
    const [pinPad, shared, entry] = [at('pin-pad-c.js'), at('demo-pin-pad-c.js'), at('index-c.js')];
    page.scripts = [{ src: entry }];
    const { load, importAt, imports } = part([pinPad, shared, entry], [shared]);
    await expect(loadChunk(load, Infinity, RETRY, importAt)).resolves.toBe('part');
    expect(resolvedBy(imports[0]!, shared)).toContain('?retry=');
    expect(resolvedBy(imports[0]!, entry)).toBe(entry);
  }, 5_000);

  it('a part whose modules all came, stalled behind a module the page had: tried at its own address, then moved', async () => {
    const screens = at('staff-d.js');
    const { load, imports } = part([screens], []);
    const stallsAtOwn = (href: string) => (
      imports.push(href),
      href === screens ? new Promise<string>(() => undefined) : Promise.resolve('part')
    );
    await expect(loadChunk(load, Infinity, RETRY, stallsAtOwn)).resolves.toBe('part');
    await until(() => imports.length === 2);
    expect(imports).toEqual([screens, expect.stringMatching(/staff-d\.js\?retry=\d+$/)]);
  }, 5_000);
});
