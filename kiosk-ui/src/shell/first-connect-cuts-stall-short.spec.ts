/**
 * Fault: the page's first connect to the daemon counted as its link coming back: it woke the lazy
 * parts' waits, so a staff screens' first try, under way as the page connected, was cut short and
 * taken for stalled (its module fetched again at an address of its own, its bound not kept). Now
 * only a connect after the link was lost (or after a first connect that failed) wakes them.
 */
import { pause, retryChunksNow, retryChunksOnReconnect, type DaemonLink } from './chunk-wake';

type Connection = ReturnType<DaemonLink['getState']>['connection'];

/** The page's link to the daemon, moved by the spec as the gateway would. */
function daemonLink() {
  let connection: Connection = 'connecting';
  const listeners = new Set<() => void>();
  const link: DaemonLink = {
    getState: () => ({ connection }),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const becomes = (next: Connection): void => {
    connection = next;
    for (const listener of listeners) listener();
  };
  return { link, becomes };
}

/** How a wait begun before `moves` ended by the time they are done: woken, or still waiting. */
async function waitAcross(moves: () => void): Promise<string> {
  const waited = pause(600_000);
  moves();
  const ended = await Promise.race([waited, Promise.resolve('waiting')]);
  retryChunksNow(); // the spec's wait ends, its timer with it
  return ended;
}

describe("fault: the page's first connect cuts a lazy part's first try short", () => {
  let stop: () => void = () => undefined;
  afterEach(() => stop());

  it('the first connect wakes no waiting part, nor do views while connected', async () => {
    const { link, becomes } = daemonLink();
    stop = retryChunksOnReconnect(link);
    expect(
      await waitAcross(() => {
        becomes('connected');
        becomes('connected'); // a view pushed
      }),
    ).toBe('waiting');
  });

  it('a connect after the link was lost wakes them, once', async () => {
    const { link, becomes } = daemonLink();
    stop = retryChunksOnReconnect(link);
    becomes('connected');
    expect(await waitAcross(() => becomes('disconnected'))).toBe('waiting');
    expect(await waitAcross(() => becomes('connected'))).toBe('woken');
    expect(await waitAcross(() => becomes('connected'))).toBe('waiting');
  });

  it('a connect after a first connect that failed (the daemon away) wakes them', async () => {
    const { link, becomes } = daemonLink();
    stop = retryChunksOnReconnect(link);
    becomes('disconnected');
    expect(await waitAcross(() => becomes('connected'))).toBe('woken');
  });
});
