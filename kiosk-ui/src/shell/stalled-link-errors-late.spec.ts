/**
 * Fault: a part's stylesheet link that stalled, put in again at an address of its own, and then
 * failed late (the stalled connection given up) was heard as failed and put in again at its old
 * address at the next retry of any part: the page's own link taken out, a second copy of the
 * stylesheet fetched from the address that had stalled. Now the link at its own address stands for
 * it: its late failure is not put in again.
 *
 * A unit spec on a fake page (`fake-page-links.spec-support.ts`).
 */
import { page, partStalling, STYLESHEET } from './fake-page-links.spec-support';

const { loadChunk } = await import('./lazy-with-retry');

const RETRY = { firstMs: 5, maxMs: 20, stallMs: 30 };

/** A part whose first load is cut (no stylesheet of its own failed), then comes. */
function partCutOnce() {
  let loads = 0;
  return () => (++loads === 1 ? Promise.reject(new TypeError('Failed to fetch')) : Promise.resolve('other'));
}

beforeEach(() => page.clear());

describe('fault: a stalled stylesheet link fails late', () => {
  it('is not put in again at its old address: the one at its own address stands for it', async () => {
    const { part, load, importAt } = partStalling();
    await expect(loadChunk(load, Infinity, RETRY, importAt)).resolves.toBe('part');
    const [fresh] = page.inserted;
    expect(fresh!.href).toContain(`${STYLESHEET}?retry=`);

    const stalled = part.links[1]!;
    stalled.settle('error'); // the stalled fetch given up, late
    // the next retry of a part puts in again what failed
    await expect(loadChunk(partCutOnce(), Infinity, RETRY)).resolves.toBe('other');
    expect(page.inserted).toEqual([fresh]);
    expect(page.removed).toEqual([]);
    expect(page.links).toContain(stalled); // the page's own link stays: Vite finds it
  }, 5_000);

  it('a link that failed before it was put in again past its stall is put in again, at its address', async () => {
    const failed = page.putInByVite(STYLESHEET, 'stylesheet');
    failed.settle('error');
    await expect(loadChunk(partCutOnce(), Infinity, RETRY)).resolves.toBe('other');
    expect(page.inserted.map((link) => link.href)).toEqual([STYLESHEET]);
    expect(page.removed).toEqual([failed]);
  }, 5_000);
});
