/**
 * The watch that settles a withdrawal left for the dispenser's silence once it answers again
 * (`dispenser-back-watch.ts`, ADR 0020), as one unit: the dispenser's status pushes and the
 * settlement are fakes. The faults: settling while it must not (a session, the kiosk not held,
 * nothing waiting), a settlement the dispenser did not answer tried again in a loop while it still
 * reads usable, or never (it dropped for an instant, no comeback: `late-settlement-device-fault-
 * tried-again.spec.ts`), and the kiosk placed while something is still undecided.
 */
import { describe, expect, it } from '@jest/globals';
import { ErrorCode, KioskError, type DeviceState, type DeviceStatus } from '@kiosk/domain';
import { DispenserBackWatch } from './dispenser-back-watch.js';

const status = (device: DeviceState): DeviceStatus => ({
  kind: 'cashDispenser',
  device,
  supplies: [],
  driver: 'lcdm',
  updatedAt: '2026-11-28T00:00:00.000Z',
});

/** A settlement's outcome: `leftForStaff` undecided of the failed self test's, `stillWaiting` for the dispenser. */
const turn = (leftForStaff: number, stillWaiting = 0) => ({ leftForStaff, stillWaiting });

function rig(options: { turns?: ReturnType<typeof turn>[]; held?: boolean; waiting?: boolean } = {}) {
  let now = status('offline');
  const listeners = new Set<(s: DeviceStatus) => void>();
  const results = [...(options.turns ?? [turn(0)])];
  const calls = { settle: 0, allSettled: 0, errors: [] as string[] };
  const gate = { held: options.held ?? true, session: false, waiting: options.waiting ?? true };
  const watch = new DispenserBackWatch({
    dispenser: {
      status: () => now,
      onStatus: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
    maySettle: () => gate.held && !gate.session,
    waiting: () => gate.waiting,
    settle: () => {
      calls.settle += 1;
      return Promise.resolve(results.shift());
    },
    allSettled: () => (calls.allSettled += 1),
    log: { warn: () => undefined, error: (m) => calls.errors.push(m) },
  });
  /** The dispenser reports `device`; resolves once a settlement it started is over. */
  const push = async (device: DeviceState) => {
    now = status(device);
    for (const listener of [...listeners]) listener(now);
    await watch.idle();
  };
  return { watch, push, calls, gate };
}

describe('settling what waits for the dispenser when it answers again', () => {
  it('dispenser back after boot: what waits is settled once, and the kiosk placed when nothing is left', async () => {
    const { watch, push, calls } = rig();
    watch.start();
    await push('online');
    expect(calls).toMatchObject({ settle: 1, allSettled: 1 });
  });

  it('something else still undecided (a card making, the host away): settled, the kiosk kept held', async () => {
    const { watch, push, calls } = rig({ turns: [turn(1)] });
    watch.start();
    await push('online');
    expect(calls).toMatchObject({ settle: 1, allSettled: 0 });
  });

  it('dispenser back while a session runs, the kiosk not held by recovery, or nothing waiting: nothing settled', async () => {
    const { watch, push, calls, gate } = rig();
    watch.start();
    gate.session = true;
    await push('online');
    gate.session = false;
    gate.held = false;
    await push('offline');
    await push('online');
    gate.held = true;
    gate.waiting = false;
    await push('offline');
    await push('online');
    expect(calls.settle).toBe(0);
  });

  it('the kiosk lands held by recovery with the dispenser already back (it came back during the self test): settled on that check', async () => {
    const { watch, push, calls, gate } = rig();
    gate.held = false;
    watch.start();
    await push('online');
    expect(calls.settle).toBe(0);
    gate.held = true;
    await watch.check();
    expect(calls.settle).toBe(1);
  });

  it('dispenser dropping during the settlement, still reading usable: status pushes are no comeback, tried again when it comes back', async () => {
    // the first settlement's retract unanswered: something still waits for the dispenser (its try
    // again waits the reopen's first interval, 5 s, not reached here)
    const { watch, push, calls } = rig({ turns: [turn(1, 1), turn(0)] });
    watch.start();
    await push('online');
    expect(calls.settle).toBe(1);
    await push('busy');
    await push('online');
    expect(calls.settle).toBe(1); // status pushes while usable are no comeback
    await push('offline');
    await push('online');
    expect(calls).toMatchObject({ settle: 2, allSettled: 1 });
    watch.stop();
  });

  it('fault: a comeback during a settlement, then the daemon stopping: no settlement begun after the stop', async () => {
    // the first settlement held under way; the dispenser drops and comes back meanwhile (a check
    // asked for during the turn), then the watch is stopped (the daemon's shutdown) before it ends:
    // nothing more is settled on the stopping daemon, nor the stopped kiosk told
    let finish!: () => void;
    let now = status('online');
    const listeners = new Set<(s: DeviceStatus) => void>();
    const calls = { settle: 0, allSettled: 0 };
    const watch = new DispenserBackWatch({
      dispenser: {
        status: () => now,
        onStatus: (listener) => {
          listeners.add(listener);
          return () => listeners.delete(listener);
        },
      },
      maySettle: () => true,
      waiting: () => true,
      settle: () => {
        calls.settle += 1;
        if (calls.settle > 1) return Promise.resolve(turn(0));
        return new Promise((resolve) => (finish = () => resolve(turn(0))));
      },
      allSettled: () => (calls.allSettled += 1),
      log: { warn: () => undefined, error: () => undefined },
    });
    watch.start();
    expect(calls.settle).toBe(1);
    for (const device of ['offline', 'online'] as const) {
      now = status(device);
      for (const listener of [...listeners]) listener(now);
    }
    watch.stop();
    finish();
    await watch.idle();
    expect(calls).toEqual({ settle: 1, allSettled: 0 });
    expect(listeners.size).toBe(0);
  });

  it('a settlement that throws (the journal or the host) is said with its code, the kiosk not placed', async () => {
    const { watch, push, calls } = rig();
    watch.start();
    const failing = new DispenserBackWatch({
      dispenser: { status: () => status('online'), onStatus: () => () => undefined },
      maySettle: () => true,
      waiting: () => true,
      settle: () => Promise.reject(new KioskError(ErrorCode.JOURNAL_WRITE_FAILED, 'The journal refused it.')),
      allSettled: () => (calls.allSettled += 1),
      log: { warn: () => undefined, error: (m) => calls.errors.push(m) },
    });
    await failing.check();
    expect(calls.errors).toEqual([expect.stringContaining('JOURNAL_WRITE_FAILED')]);
    expect(calls.allSettled).toBe(0);
    await push('online');
    expect(calls.allSettled).toBe(1);
  });
});
