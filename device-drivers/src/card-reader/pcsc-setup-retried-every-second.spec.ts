/**
 * Fault: a PC/SC set-up that kept failing was tried again every second, for good. The link's
 * retry timer had one fixed wait: a set-up that failed partway (the context made, its readers'
 * listing refused) opened and closed a pcscd connection every second for as long as the fault
 * stood, and a pcscd down was asked every second too. Now the waits back off as the daemon's
 * reopen of other devices does (ADR 0020, the same devices.reopen knobs): the first after
 * `reconnectIntervalMs`, then twice as long each time it fails again, up to
 * `maxReconnectIntervalMs`; a context that held as long as the bound starts it over (one lost at
 * once keeps backing off); `close()` stops it. The link against
 * the scripted pcsclite on a simulated clock (one unit: its timing); the real pcscd and vpcd in
 * pcsc-setup-failed-partway.e2e-spec.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { type FakeContext, fakePcsc } from './fake-pcsclite.js';
import { PcscChipLink } from './pcsc-chip.link.js';
import type { PcscContext } from './pcsclite.types.js';

/** The scripted pcsclite whose set-ups fail partway while `failing`; when each context was made. */
function failingPartway() {
  const pcsc = fakePcsc();
  const script = { failing: true, madeAt: [] as number[] };
  const factory = () => {
    const context = pcsc.factory() as unknown as FakeContext;
    script.madeAt.push(Date.now());
    if (script.failing) {
      context.on = () => {
        throw new Error('SCardListReaders error: Internal error.(0x80100001)');
      };
    }
    return context as unknown as PcscContext;
  };
  return { ...pcsc, script, factory };
}

/** The waits between one context made and the next. */
const gaps = (madeAt: readonly number[]) => madeAt.slice(1).map((at, i) => at - (madeAt[i] ?? at));

let link: PcscChipLink | undefined;

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});

afterEach(async () => {
  await link?.close();
  link = undefined;
  jest.useRealTimers();
});

describe('a PC/SC set-up that keeps failing is tried again with backoff', () => {
  it('fault: set-up failing partway again and again: tried after 1 s, then 2, 4, 8 s and at the 8 s bound, each context closed', async () => {
    const pcsc = failingPartway();
    link = new PcscChipLink({
      pcsclite: pcsc.factory,
      reconnectIntervalMs: 1_000,
      maxReconnectIntervalMs: 8_000,
      closeTimeoutMs: 10,
    });
    expect(await link.start(0)).toBe('offline');
    await jest.advanceTimersByTimeAsync(999);
    expect(pcsc.script.madeAt).toHaveLength(1); // not before the first wait
    await jest.advanceTimersByTimeAsync(1 + 2_000 + 4_000 + 8_000 + 8_000 + 8_000);
    expect(gaps(pcsc.script.madeAt)).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
    expect(pcsc.state.contexts.every((context) => context.closed)).toBe(true);
    expect(link.setUpFailure()).toMatchObject({ code: 'DEVICE_HARDWARE_ERROR', partway: true });
  });

  it('fault: pcscd down for long: asked after 1 s, 2 s, 4 s, not every second', async () => {
    const pcsc = fakePcsc();
    pcsc.state.up = false;
    let asked = 0;
    const factory = (() => {
      asked++;
      return pcsc.factory();
    }) as typeof pcsc.factory;
    link = new PcscChipLink({
      pcsclite: factory,
      reconnectIntervalMs: 1_000,
      maxReconnectIntervalMs: 60_000,
    });
    const started = link.start(0); // waits its 0 ms on the simulated clock
    await jest.advanceTimersByTimeAsync(0);
    expect(await started).toBe('offline');
    await jest.advanceTimersByTimeAsync(7_000); // 1 + 2 + 4 s: three more asks, not seven
    expect(asked).toBe(4);
    pcsc.state.up = true;
    await jest.advanceTimersByTimeAsync(8_000);
    expect(link.state()).toBe('noDevice');
  });

  it('a context set up starts the backoff over: pcscd lost after it, the first try comes after the first wait again', async () => {
    const pcsc = failingPartway();
    link = new PcscChipLink({
      pcsclite: pcsc.factory,
      reconnectIntervalMs: 1_000,
      maxReconnectIntervalMs: 8_000,
      closeTimeoutMs: 10,
    });
    await link.start(0);
    await jest.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000); // waits at 8 s now
    pcsc.script.failing = false;
    await jest.advanceTimersByTimeAsync(8_000);
    expect(link.state()).toBe('noDevice'); // set up
    await jest.advanceTimersByTimeAsync(8_000); // held as long as the bound: it proved itself
    const made = pcsc.script.madeAt.length;
    pcsc.script.failing = true;
    pcsc.state.contexts
      .at(-1)!
      .emit('error', new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)'));
    expect(link.state()).toBe('offline');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(pcsc.script.madeAt).toHaveLength(made + 1); // after 1 s, not 8 s
  });

  it('fault: pcscd restarting in a loop: a context set up and lost at once keeps backing off, not the first wait forever', async () => {
    const pcsc = failingPartway();
    pcsc.script.failing = false; // every set-up succeeds, and pcscd goes right after it
    link = new PcscChipLink({
      pcsclite: pcsc.factory,
      reconnectIntervalMs: 1_000,
      maxReconnectIntervalMs: 8_000,
      closeTimeoutMs: 10,
    });
    const lose = () =>
      pcsc.state.contexts
        .at(-1)!
        .emit('error', new Error('SCardGetStatusChange error: RPC transport error.(0x80100013)'));
    const started = link.start(0); // waits its 0 ms on the simulated clock
    await jest.advanceTimersByTimeAsync(0);
    expect(await started).toBe('noDevice');
    for (const wait of [0, 1_000, 2_000, 4_000, 8_000]) {
      await jest.advanceTimersByTimeAsync(wait);
      expect(link.state()).toBe('noDevice'); // set up again
      lose();
      expect(link.state()).toBe('offline');
    }
    await jest.advanceTimersByTimeAsync(8_000);
    expect(gaps(pcsc.script.madeAt)).toEqual([1_000, 2_000, 4_000, 8_000, 8_000]);
  });

  it('close() stops the tries: no context is made after it', async () => {
    const pcsc = failingPartway();
    link = new PcscChipLink({ pcsclite: pcsc.factory, reconnectIntervalMs: 1_000, closeTimeoutMs: 10 });
    await link.start(0);
    await jest.advanceTimersByTimeAsync(1_000);
    const made = pcsc.script.madeAt.length;
    const closing = link.close();
    await jest.advanceTimersByTimeAsync(100);
    await closing;
    link = undefined;
    await jest.advanceTimersByTimeAsync(120_000);
    expect(pcsc.script.madeAt).toHaveLength(made);
    expect(jest.getTimerCount()).toBe(0);
  });
});
