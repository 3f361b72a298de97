/** The demo panel is told of a card's state changed at the host once per change, never otherwise. */
import { afterEach, beforeEach, describe, expect, it, jest } from '@jest/globals';
import { watchDemoCardStates } from './demo-card-states-watch.js';

describe('the watch of the demo cards’ states at the host', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('tells the panel once per change and not while nothing changes', () => {
    let states = 'zhang:active li:active';
    const changed = jest.fn();
    const stop = watchDemoCardStates(() => states, changed, 1_000);
    jest.advanceTimersByTime(5_000);
    expect(changed).not.toHaveBeenCalled();

    states = 'zhang:temporarilyLost li:active';
    jest.advanceTimersByTime(1_000);
    jest.advanceTimersByTime(3_000);
    expect(changed).toHaveBeenCalledTimes(1);

    states = 'zhang:active li:active';
    jest.advanceTimersByTime(1_000);
    expect(changed).toHaveBeenCalledTimes(2);

    stop();
    states = 'zhang:lost li:active';
    jest.advanceTimersByTime(5_000);
    expect(changed).toHaveBeenCalledTimes(2);
  });
});
