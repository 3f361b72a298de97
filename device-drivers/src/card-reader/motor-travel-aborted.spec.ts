/**
 * The fault: a card move stopped by its signal (the move's bound passed, the journey gave up)
 * rejected at once but left the motor's timer running for the whole travel time. Nothing waited
 * for it, yet it held the process open: a Jest worker whose last suite stopped a move did not exit
 * and was force exited. Now the abort clears the timer with the move.
 */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { motorTravel } from './deadline.js';

describe('fault: a card move stopped mid-travel', () => {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('rejects with the reason of the stop and leaves no motor timer behind', async () => {
    const stop = new AbortController();
    const travel = motorTravel(1_000, stop.signal);
    expect(jest.getTimerCount()).toBe(1);
    stop.abort(new Error('the move was stopped'));
    await expect(travel).rejects.toThrow('the move was stopped');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('a move stopped before it starts never starts the motor', async () => {
    const stop = new AbortController();
    stop.abort(new Error('already stopped'));
    await expect(motorTravel(1_000, stop.signal)).rejects.toThrow('already stopped');
    await expect(motorTravel(0, stop.signal)).rejects.toThrow('already stopped');
    expect(jest.getTimerCount()).toBe(0);
  });

  it('an unstopped move ends after its travel time', async () => {
    let arrived = false;
    void motorTravel(1_000, new AbortController().signal).then(() => (arrived = true));
    await jest.advanceTimersByTimeAsync(999);
    expect(arrived).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    expect(arrived).toBe(true);
  });
});
