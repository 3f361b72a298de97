import { ErrorCode } from '@kiosk/domain';
import { ChunkLoadFailed, loadChunk, retryChunksNow } from './lazy-with-retry';

const cutShort = () => Promise.reject(new TypeError('Failed to fetch dynamically imported module'));

describe('a lazily loaded part of the UI whose fetch is cut', () => {
  it('is tried again until it comes', async () => {
    let tries = 0;
    const load = () => (++tries < 3 ? cutShort() : Promise.resolve('part'));
    await expect(loadChunk(load, Infinity, { firstMs: 1, maxMs: 2 })).resolves.toBe('part');
    expect(tries).toBe(3);
  });

  it('ends coded UI_CHUNK_LOAD_FAILED after its tries, the last cause kept', async () => {
    let tries = 0;
    const failed = loadChunk(() => (++tries, cutShort()), 3, { firstMs: 1, maxMs: 2 });
    await expect(failed).rejects.toBeInstanceOf(ChunkLoadFailed);
    await expect(failed).rejects.toMatchObject({ code: ErrorCode.UI_CHUNK_LOAD_FAILED, tries: 3 });
    expect(tries).toBe(3);
  });

  it("is tried at once when the page's link to the daemon comes back, not after its pause", async () => {
    let tries = 0;
    const load = () => (++tries < 2 ? cutShort() : Promise.resolve('part'));
    const part = loadChunk(load, Infinity, { firstMs: 600_000, maxMs: 600_000 });
    while (tries < 1) await new Promise((resolve) => setTimeout(resolve, 1));
    await new Promise((resolve) => setTimeout(resolve, 5)); // into its pause
    retryChunksNow();
    await expect(part).resolves.toBe('part');
  });
});
