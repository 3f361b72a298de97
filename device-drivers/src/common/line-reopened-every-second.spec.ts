/**
 * Fault: a serial line that stayed gone (a cable pulled, the device off for the night) was opened
 * again every second, for good. The ID reader's and the cash dispenser's lines tried their port
 * on one fixed wait. Now the waits back off as the daemon's reopen and the PC/SC links do (ADR
 * 0020, the same devices.reopen knobs): the first after `reconnectMs`, then twice as long each
 * time the port does not open, up to `maxReconnectMs`; a line opened again starts it over once it
 * stayed up as long as the bound (a flapping line keeps backing off); `stop` ends the tries. One unit on a simulated clock (its timing); the real pseudo terminals in
 * test/common/serial-line-gone-for-long.e2e-spec.
 */
import { PassThrough, type Duplex } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { LineReconnect } from './line-reconnect.js';

/** A port that does not open while `gone`; when each open was tried, the streams it gave. */
function port() {
  const tried: number[] = [];
  const opened: Duplex[] = [];
  const state = { gone: true };
  const reopen = (): Promise<Duplex> => {
    tried.push(Date.now());
    if (state.gone) return Promise.reject(new Error('ENOENT: the port is not there'));
    const stream = new PassThrough();
    opened.push(stream);
    return Promise.resolve(stream);
  };
  return { tried, opened, state, reopen };
}

/** The waits from the line's loss (at `lostAt`) to each try, one try to the next. */
const gaps = (lostAt: number, tried: readonly number[]) =>
  tried.map((at, i) => at - (i === 0 ? lostAt : (tried[i - 1] ?? at)));

let line: LineReconnect | undefined;

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
});

afterEach(() => {
  line?.stop();
  line = undefined;
  jest.useRealTimers();
});

describe('a serial line that stays gone is opened again with backoff', () => {
  it('fault: line gone for long (cable pulled): tried after 1 s, then 2, 4, 8 s and at the 8 s bound, not every second', async () => {
    const p = port();
    line = new LineReconnect({ reopen: p.reopen, reconnectMs: 1_000, maxReconnectMs: 8_000 });
    const lostAt = Date.now();
    line.start(() => undefined);
    await jest.advanceTimersByTimeAsync(999);
    expect(p.tried).toHaveLength(0); // not before the first wait
    await jest.advanceTimersByTimeAsync(1 + 2_000 + 4_000 + 8_000 + 8_000 + 8_000);
    expect(gaps(lostAt, p.tried)).toEqual([1_000, 2_000, 4_000, 8_000, 8_000, 8_000]);
  });

  it('fault: device off for the night: an hour costs 64 tries at the domain bound, not 3,600', async () => {
    const p = port();
    line = new LineReconnect({ reopen: p.reopen, reconnectMs: 1_000 }); // bound: the domain's 60 s
    line.start(() => undefined);
    await jest.advanceTimersByTimeAsync(3_600_000);
    // 1 + 2 + ... + 32 s = 63 s, then one every 60 s
    expect(p.tried).toHaveLength(6 + Math.floor((3_600_000 - 63_000) / 60_000));
    expect(gaps(0, p.tried.slice(-2)).at(-1)).toBe(60_000);
  });

  it('a device that comes back is found on the wait it had reached, and its line handed over once', async () => {
    const p = port();
    const restored: Duplex[] = [];
    line = new LineReconnect({ reopen: p.reopen, reconnectMs: 1_000, maxReconnectMs: 8_000 });
    line.start((stream) => restored.push(stream));
    await jest.advanceTimersByTimeAsync(1_000 + 2_000); // two tries, the next after 4 s
    p.state.gone = false;
    await jest.advanceTimersByTimeAsync(4_000);
    expect(restored).toEqual(p.opened);
    expect(restored).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(p.tried).toHaveLength(3); // nothing tried once it is back
  });

  it('a line opened again starts the backoff over: lost once more, the first try comes after the first wait', async () => {
    const p = port();
    line = new LineReconnect({ reopen: p.reopen, reconnectMs: 1_000, maxReconnectMs: 8_000 });
    line.start(() => undefined);
    await jest.advanceTimersByTimeAsync(1_000 + 2_000 + 4_000); // waits at 8 s now
    p.state.gone = false;
    await jest.advanceTimersByTimeAsync(8_000);
    expect(p.opened).toHaveLength(1); // back
    await jest.advanceTimersByTimeAsync(8_000); // up as long as the bound: it proved itself
    p.state.gone = true;
    const tries = p.tried.length;
    line.start(() => undefined); // lost again
    await jest.advanceTimersByTimeAsync(1_000);
    expect(p.tried).toHaveLength(tries + 1); // after 1 s, not 8 s
  });

  it('fault: flapping line (cable half in, device rebooting in a loop): opened and dropped at once, the waits keep backing off', async () => {
    const p = port();
    p.state.gone = false; // every open succeeds, and the line drops right after
    line = new LineReconnect({ reopen: p.reopen, reconnectMs: 1_000, maxReconnectMs: 8_000 });
    const lostAt = Date.now();
    const dropped = () => setTimeout(() => line!.start(dropped), 50); // lost 50 ms after it opened
    line.start(dropped);
    await jest.advanceTimersByTimeAsync(1_000 + 2_050 + 4_050 + 8_050 + 8_050);
    expect(gaps(lostAt, p.tried)).toEqual([1_000, 2_050, 4_050, 8_050, 8_050]);
  });

  it('stop() ends the tries: nothing is opened after it, a stream opening as it stops is closed', async () => {
    const p = port();
    const restored: Duplex[] = [];
    line = new LineReconnect({ reopen: p.reopen, reconnectMs: 1_000 });
    line.start((stream) => restored.push(stream));
    await jest.advanceTimersByTimeAsync(1_000 + 2_000);
    const tries = p.tried.length;
    line.stop();
    await jest.advanceTimersByTimeAsync(3_600_000);
    expect(p.tried).toHaveLength(tries);
    expect(jest.getTimerCount()).toBe(0);

    // the port opens while the line is being closed: the stream is not kept
    let open: (stream: Duplex) => void = () => undefined;
    const late = new PassThrough();
    line = new LineReconnect({ reopen: () => new Promise((resolve) => (open = resolve)) });
    line.start((stream) => restored.push(stream));
    await jest.advanceTimersByTimeAsync(1_000);
    line.stop();
    open(late);
    await jest.advanceTimersByTimeAsync(0);
    expect(restored).toEqual([]);
    expect(late.destroyed).toBe(true);
  });
});
