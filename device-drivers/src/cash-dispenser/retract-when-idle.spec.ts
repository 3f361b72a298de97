import { jest } from '@jest/globals';
import { ErrorCode, KioskError } from '@kiosk/domain';
import { retractWhenIdle } from './retract-when-idle.js';

const busy = () => new KioskError(ErrorCode.DEVICE_BUSY, 'busy');
const RETRACTED = { retractedFen: 20_000, notes: 2 };

/** A dispenser that refuses the retract busy `busyFor` times, and says it is busy as long. */
function dispenser(busyFor: number) {
  const calls = { retracts: 0, idleAsked: 0 };
  let left = busyFor;
  return {
    calls,
    retract: () => {
      calls.retracts += 1;
      return left > 0 ? Promise.reject(busy()) : Promise.resolve(RETRACTED);
    },
    idle: () => {
      calls.idleAsked += 1;
      left -= 1;
      return Promise.resolve(left <= 0);
    },
  };
}

describe('retractWhenIdle: the port rule for a retract refused busy', () => {
  it('a dispenser idle at once: one retract, no question asked', async () => {
    const d = dispenser(0);
    await expect(retractWhenIdle(d.retract, d.idle, { boundMs: 5_000, pollMs: 1 })).resolves.toEqual(
      RETRACTED,
    );
    expect(d.calls).toEqual({ retracts: 1, idleAsked: 0 });
  });

  it('fault: the dispenser is still counting: asked until idle, then retracted once more', async () => {
    const d = dispenser(3);
    const onWait = jest.fn();
    await expect(retractWhenIdle(d.retract, d.idle, { boundMs: 5_000, pollMs: 1, onWait })).resolves.toEqual(
      RETRACTED,
    );
    expect(d.calls).toEqual({ retracts: 2, idleAsked: 3 });
    expect(onWait).toHaveBeenCalledTimes(1);
  });

  it('fault: the dispenser stops answering while the retract waits: that fault, no retract sent after it', async () => {
    const d = dispenser(1);
    const silent = () => Promise.reject(new KioskError(ErrorCode.DEVICE_TIMEOUT, 'silent'));
    await expect(retractWhenIdle(d.retract, silent, { boundMs: 5_000, pollMs: 1 })).rejects.toMatchObject({
      code: ErrorCode.DEVICE_TIMEOUT,
    });
    expect(d.calls.retracts).toBe(1);
  });

  it('fault: a retract that fails otherwise than busy is not waited on (it may have moved notes)', async () => {
    const d = dispenser(0);
    const lost = () => Promise.reject(new KioskError(ErrorCode.DEVICE_TIMEOUT, 'answer lost'));
    await expect(retractWhenIdle(lost, d.idle, { boundMs: 5_000, pollMs: 1 })).rejects.toMatchObject({
      code: ErrorCode.DEVICE_TIMEOUT,
    });
    expect(d.calls.idleAsked).toBe(0);
  });

  it('fault: the dispenser stays busy past the bound: DEVICE_BUSY, no retract taken', async () => {
    const d = dispenser(Number.POSITIVE_INFINITY);
    await expect(retractWhenIdle(d.retract, d.idle, { boundMs: 30, pollMs: 1 })).rejects.toMatchObject({
      code: ErrorCode.DEVICE_BUSY,
      details: { waitedMs: 30 },
    });
    expect(d.calls.retracts).toBe(1);
    expect(d.calls.idleAsked).toBeGreaterThan(0);
  });

  it('a signal aborted before the retract: DEVICE_OPERATION_CANCELLED, nothing sent', async () => {
    const d = dispenser(0);
    const signal = AbortSignal.abort();
    await expect(
      retractWhenIdle(d.retract, d.idle, { boundMs: 5_000, pollMs: 1, signal }),
    ).rejects.toMatchObject({ code: ErrorCode.DEVICE_OPERATION_CANCELLED });
    expect(d.calls.retracts).toBe(0);
  });
});
