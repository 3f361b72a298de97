/**
 * Fault: while a lazily loaded part was fetched, Suspense showed nothing: staff opening their
 * screens (or a resident beside the demo panel) saw a blank page for up to 10 s a try, and about
 * 57 s (five stalled tries and their pauses) before the coded box when every try stalled. Now a
 * "loading" word stands in the part's place at once (`ChunkBoundary`, both languages), and a part
 * with tries ends coded within a waiting step (`CHUNK_RETRY.withinMs`, 30 s), whatever its tries.
 */
import { lazy } from 'react';
import { ChunkBoundary } from './chunk-boundary';
import { ErrorCode } from '@kiosk/domain';
import { StalledPastBound } from './chunk-wake';
import { page, partStalling } from './fake-page-links.spec-support';
import type { ChunkLoadFailed } from './lazy-with-retry';
import { renderForSpec } from '../screens/render-for-spec';

const { CHUNK_RETRY, loadChunk } = await import('./lazy-with-retry');

/** A part whose fetch neither comes nor fails. */
const StalledPart = lazy(() => new Promise<{ default: () => null }>(() => undefined));

beforeEach(() => page.clear());

describe('fault: a lazy part shows a blank page while it is fetched', () => {
  it.each([
    ['zh-CN', '正在加载…'],
    ['en', 'Loading…'],
  ] as const)('shows "loading" in its place at once (%s), said to screen readers', (locale, word) => {
    const html = renderForSpec(
      <ChunkBoundary>
        <StalledPart />
      </ChunkBoundary>,
      locale,
    );
    expect(html).toContain(`role="status" data-testid="part-loading">${word}</p>`);
  });

  it('a part with tries ends coded within a waiting step of being asked for (RULES.md: 30 s)', () => {
    expect(CHUNK_RETRY.withinMs).toBe(30_000);
  });

  it('stalling at every try: ends coded UI_CHUNK_LOAD_FAILED at its time, before its tries are spent', async () => {
    const { part, load } = partStalling();
    const stallingAt = (href: string) => (part.imports.push(href), new Promise<string>(() => undefined));
    const retry = { firstMs: 5, maxMs: 20, stallMs: 40, withinMs: 100 };
    const started = Date.now();
    // five tries of 40 ms and their pauses would take some 235 ms
    const failed = loadChunk(load, 5, retry, stallingAt);
    await expect(failed).rejects.toMatchObject({ code: ErrorCode.UI_CHUNK_LOAD_FAILED });
    expect(Date.now() - started).toBeLessThan(100 + 40);
    const { tries, cause } = (await failed.catch((error: unknown) => error)) as ChunkLoadFailed;
    expect(tries).toBeLessThan(5);
    expect(cause).toBeInstanceOf(StalledPastBound);
    expect(part.imports.length).toBe(tries - 1); // each try past the first at an address of its own
  }, 5_000);
});
