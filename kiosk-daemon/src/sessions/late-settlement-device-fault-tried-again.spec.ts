/**
 * Fault: a late settlement the dispenser did not answer (its retract unanswered: it dropped for an
 * instant) while it never read offline was tried again only at its next comeback, the next boot
 * or by field staff: no comeback came, so the hold stayed at the host and the kiosk out of service.
 * Now it is tried again with the reopen's backoff (first interval, doubling, bounded), at most
 * LATE_SETTLEMENT_TRIES times from one comeback, each said with the fault's code; never two at once,
 * never after the daemon's stop; a look that finds a session running looks again later. The watch
 * as one unit (`dispenser-back-watch.ts`) on a simulated clock; the dispenser and settlement fakes.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { ErrorCode, type DeviceState, type DeviceStatus } from '@kiosk/domain';
import type { LateTurn } from './dispenser-back-settlement.js';
import { DispenserBackWatch, LATE_SETTLEMENT_TRIES } from './dispenser-back-watch.js';

const status = (device: DeviceState): DeviceStatus => ({
  kind: 'cashDispenser',
  device,
  supplies: [],
  driver: 'lcdm',
  updatedAt: '2026-11-28T00:00:00.000Z',
});

/** The dispenser's retract unanswered: still waiting for it, the kiosk still held. */
const unanswered = { leftForStaff: 1, stillWaiting: 1, fault: ErrorCode.DEVICE_TIMEOUT };
const settled = { leftForStaff: 0, stillWaiting: 0 };

function rig(turns: LateTurn[]) {
  let now = status('offline');
  const listeners = new Set<(s: DeviceStatus) => void>();
  const calls = {
    settle: 0,
    allSettled: 0,
    running: 0,
    most: 0,
    warn: [] as string[],
    error: [] as string[],
  };
  const gate = { session: false, waiting: true };
  let hold: Promise<void> | undefined;
  const watch = new DispenserBackWatch({
    dispenser: {
      status: () => now,
      onStatus: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    maySettle: () => !gate.session,
    waiting: () => gate.waiting,
    settle: async () => {
      calls.settle += 1;
      calls.running += 1;
      calls.most = Math.max(calls.most, calls.running);
      await hold;
      calls.running -= 1;
      const next = turns.shift();
      // one whose settlement threw still waits where the journal says (LeftUndecided.taken)
      if (next?.stillWaiting === 0 && !next.failed?.length) gate.waiting = false;
      return next;
    },
    allSettled: () => (calls.allSettled += 1),
    timings: { intervalMs: 100, maxIntervalMs: 300 },
    log: { warn: (m) => calls.warn.push(m), error: (m) => calls.error.push(m) },
  });
  const push = async (device: DeviceState) => {
    now = status(device);
    for (const listener of [...listeners]) listener(now);
    await watch.idle();
  };
  const holdTurns = () => {
    let release!: () => void;
    hold = new Promise<void>((resolve) => (release = resolve));
    return () => {
      hold = undefined;
      release();
    };
  };
  return { watch, push, calls, gate, holdTurns };
}

describe('a late settlement the dispenser did not answer, the dispenser never reading offline', () => {
  beforeEach(() => {
    jest.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('fault: dispenser dropping for an instant during the late settlement: tried again after the first interval, settled, the kiosk placed', async () => {
    const { watch, push, calls } = rig([unanswered, settled]);
    watch.start();
    await push('online');
    expect(calls.settle).toBe(1);
    await jest.advanceTimersByTimeAsync(99);
    expect(calls.settle).toBe(1);
    await jest.advanceTimersByTimeAsync(1);
    await watch.idle();
    expect(calls).toMatchObject({ settle: 2, allSettled: 1 });
    expect(calls.warn).toEqual([
      `recovery: the dispenser did not answer the late settlement (DEVICE_TIMEOUT): tried again in 100 ms (1 of ${LATE_SETTLEMENT_TRIES})`,
    ]);
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls.settle).toBe(2);
    watch.stop();
  });

  it('the backoff doubles to its bound, and gives up after the last try with the code; a comeback that stays up the bound starts it over', async () => {
    const { watch, push, calls, holdTurns } = rig(
      Array.from({ length: LATE_SETTLEMENT_TRIES + 2 }, () => unanswered),
    );
    watch.start();
    await push('online');
    const at: number[] = [];
    for (let t = 0; t < 2_000; t += 10) {
      const before = calls.settle;
      await jest.advanceTimersByTimeAsync(10);
      if (calls.settle > before) at.push(Date.now());
    }
    // tries again after 100, 200, 300, 300, 300 ms: at 100, 300, 600, 900, 1200
    expect(at).toEqual([100, 300, 600, 900, 1_200]);
    expect(calls.settle).toBe(1 + LATE_SETTLEMENT_TRIES);
    expect(calls.error).toEqual([
      `recovery: the dispenser did not answer the late settlement ${LATE_SETTLEMENT_TRIES + 1} times (DEVICE_TIMEOUT): left for its next comeback, the next boot or field staff`,
    ]);
    // a comeback that stays up the bound (its settlement answered late, unanswered at last)
    await push('offline');
    const release = holdTurns();
    void push('online');
    await jest.advanceTimersByTimeAsync(300);
    release();
    await watch.idle();
    expect(calls.settle).toBe(2 + LATE_SETTLEMENT_TRIES);
    await jest.advanceTimersByTimeAsync(100);
    expect(calls.settle).toBe(3 + LATE_SETTLEMENT_TRIES); // the backoff started over
    watch.stop();
  });

  it('fault: a dispenser that comes back and drops at once: its tries again go on doubling to the bound, not the first wait at every comeback', async () => {
    const { watch, push, calls } = rig(Array.from({ length: 20 }, () => unanswered));
    watch.start();
    const at: number[] = [];
    const seen = (before: number) => calls.settle > before && at.push(Date.now());
    for (let t = 0; t < 1_010; t += 10) {
      // back at 0, 50 and 400, each settlement unanswered (gone again at once)
      if (t === 0 || t === 50 || t === 400) {
        const before = calls.settle;
        await push('offline');
        await push('online');
        seen(before);
      }
      const before = calls.settle;
      await jest.advanceTimersByTimeAsync(10);
      seen(before);
    }
    // each comeback settles at once; the tries again wait 200, then 300 (the bound) from there on
    expect(at).toEqual([0, 50, 250, 400, 700, 1_000]);
    watch.stop();
  });

  it('never two at once: a comeback during a try again is settled after it, in turn', async () => {
    const { watch, push, calls, holdTurns } = rig([unanswered, unanswered, settled]);
    watch.start();
    await push('online');
    const release = holdTurns();
    await jest.advanceTimersByTimeAsync(100); // the try again begins and waits
    expect(calls.running).toBe(1);
    void push('offline');
    void push('online'); // a comeback meanwhile
    release();
    await watch.idle();
    expect(calls.most).toBe(1);
    expect(calls.settle).toBe(3);
    watch.stop();
  });

  it('a try again that finds a session running waits for it: looked at again each interval, settled once it ended', async () => {
    const { watch, push, calls, gate } = rig([unanswered, settled]);
    watch.start();
    await push('online');
    gate.session = true;
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls.settle).toBe(1);
    gate.session = false;
    await jest.advanceTimersByTimeAsync(100);
    await watch.idle();
    expect(calls).toMatchObject({ settle: 2, allSettled: 1 });
    watch.stop();
  });

  it('the daemon stopping: no try again after the stop', async () => {
    const { watch, push, calls } = rig([unanswered, settled]);
    watch.start();
    await push('online');
    watch.stop();
    await jest.advanceTimersByTimeAsync(10_000);
    expect(calls.settle).toBe(1);
  });

  it('a dispenser reading offline at the try again: nothing tried, its comeback settles it', async () => {
    const { watch, push, calls } = rig([unanswered, settled]);
    watch.start();
    await push('online');
    await push('offline');
    await jest.advanceTimersByTimeAsync(1_000);
    expect(calls.settle).toBe(1);
    await push('online');
    expect(calls).toMatchObject({ settle: 2, allSettled: 1 });
    watch.stop();
  });

  it('fault: one withdrawal of the pass throws a dispenser fault (the dispenser gone again): said with its serial, tried again after the first interval, settled, the kiosk placed', async () => {
    const dropped = { id: 'JZ-0001-000002', code: ErrorCode.DEVICE_OFFLINE };
    const { watch, push, calls } = rig([{ leftForStaff: 1, stillWaiting: 0, failed: [dropped] }, settled]);
    watch.start();
    await push('online');
    expect(calls).toMatchObject({ settle: 1, allSettled: 0 });
    expect(calls.error).toEqual([
      'recovery: settling of JZ-0001-000002 once the dispenser answered failed: DEVICE_OFFLINE',
    ]);
    await jest.advanceTimersByTimeAsync(100);
    await watch.idle();
    expect(calls).toMatchObject({ settle: 2, allSettled: 1 });
    expect(calls.warn).toEqual([
      `recovery: the dispenser did not answer the late settlement (DEVICE_OFFLINE): tried again in 100 ms (1 of ${LATE_SETTLEMENT_TRIES})`,
    ]);
    watch.stop();
  });

  it("fault: one withdrawal's step refused by the journal: said with its serial and code, tried again after the first interval (no comeback follows a journal fault), settled, the kiosk placed", async () => {
    const refused = { id: 'JZ-0001-000002', code: ErrorCode.JOURNAL_WRITE_FAILED };
    const { watch, push, calls } = rig([{ leftForStaff: 1, stillWaiting: 0, failed: [refused] }, settled]);
    watch.start();
    await push('online');
    expect(calls).toMatchObject({ settle: 1, allSettled: 0 });
    expect(calls.error).toEqual([
      'recovery: settling of JZ-0001-000002 once the dispenser answered failed: JOURNAL_WRITE_FAILED',
    ]);
    await jest.advanceTimersByTimeAsync(100);
    await watch.idle();
    expect(calls).toMatchObject({ settle: 2, allSettled: 1 });
    expect(calls.warn).toEqual([
      `recovery: the journal refused a step of the late settlement (JOURNAL_WRITE_FAILED): tried again in 100 ms (1 of ${LATE_SETTLEMENT_TRIES})`,
    ]);
    watch.stop();
  });
});
