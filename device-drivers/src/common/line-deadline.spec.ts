/**
 * The serial lines' deadline, one unit: on time it concludes at once, as any timer; fired late (the
 * process stalled past it) it first gives the reads under way a grace, and an answer read then
 * clears it. The timers are Jest's; the clock the deadline reads its lateness on is the real one,
 * and the process is stalled for real (`stallTheProcess`), as a garbage collection would.
 * The fault over a real line: test/cash-dispenser/ack-read-as-missing-after-a-stall-of-the-daemon.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { lineDeadline, STALL_GRACE_MS, STALL_SLACK_MS } from './line-deadline.js';
import { stallTheProcess } from './stall-the-process.spec-support.js';

/** long enough that no pause of the test's own worker makes the deadline fire late by accident */
const HEALTHY_MS = 60_000;
/** a deadline the test stalls the process past on purpose */
const SHORT_MS = 10;
/** the stall: well past the short deadline and its slack */
const STALL_MS = SHORT_MS + 10 * STALL_SLACK_MS;
/** the graces a deadline gives at most, each `STALL_GRACE_MS` */
const GRACES_AT_MOST = 3;

beforeEach(() => {
  jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate', 'performance'] });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('a deadline that fires on time', () => {
  it('concludes at its time, not before and with no grace after', () => {
    const expire = jest.fn();
    lineDeadline(HEALTHY_MS, expire);
    jest.advanceTimersByTime(HEALTHY_MS - 1);
    expect(expire).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(expire).toHaveBeenCalledTimes(1);
  });

  it('cleared before its time never concludes', () => {
    const expire = jest.fn();
    lineDeadline(HEALTHY_MS, expire).clear();
    jest.advanceTimersByTime(2 * HEALTHY_MS);
    expect(expire).not.toHaveBeenCalled();
  });
});

describe('fault: a deadline fired late after a stall of the process', () => {
  it('does not conclude at once: an answer read within the grace clears it, and it never concludes', () => {
    const expire = jest.fn();
    const deadline = lineDeadline(SHORT_MS, expire);
    stallTheProcess(STALL_MS);
    jest.advanceTimersByTime(SHORT_MS);
    jest.advanceTimersByTime(STALL_GRACE_MS - 1);
    expect(expire).not.toHaveBeenCalled();
    deadline.clear(); // the answer that waited in the line is read
    jest.advanceTimersByTime(GRACES_AT_MOST * STALL_GRACE_MS);
    expect(expire).not.toHaveBeenCalled();
  });

  it('concludes after the grace when no answer comes: a silent device still reads silent', () => {
    const expire = jest.fn();
    lineDeadline(SHORT_MS, expire);
    stallTheProcess(STALL_MS);
    jest.advanceTimersByTime(SHORT_MS + GRACES_AT_MOST * STALL_GRACE_MS);
    expect(expire).toHaveBeenCalledTimes(1);
  });
});
