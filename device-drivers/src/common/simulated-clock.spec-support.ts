/**
 * Unit specs of a line on a simulated clock: the timers faked, the stream's events (setImmediate,
 * nextTick) left real so that bytes written and read still flow, and the waits of a device that
 * does not answer told to the millisecond (`refusedAfter`).
 */
import { afterEach, beforeEach, expect, jest } from '@jest/globals';
import type { ErrorCode } from '@kiosk/domain';

/** Fakes the timers around each spec; `cleanup` (a line's close) runs after, on the real clock. */
export function onSimulatedClock(cleanup: () => Promise<void> | void = () => undefined): void {
  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask', 'setImmediate'] });
  });
  afterEach(async () => {
    jest.useRealTimers();
    await cleanup();
  });
}

/** Lets the stream's queued writes and 'data' events run. */
export const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/** `asked` is refused with `code` once `ms` pass on the simulated clock, not a millisecond before. */
export async function refusedAfter(asked: Promise<unknown>, ms: number, code: ErrorCode): Promise<void> {
  let ended = false;
  const refused = expect(asked.finally(() => (ended = true))).rejects.toMatchObject({ code });
  await jest.advanceTimersByTimeAsync(ms - 1);
  expect(ended).toBe(false);
  await jest.advanceTimersByTimeAsync(1);
  await refused;
}

/**
 * A hand-played device's answers, one per command in order: pushed at once (`answer`), or kept back
 * while held (`hold()`, a slow device) until `release()` pushes them all.
 */
export function heldAnswers(push: (answer: Buffer) => void) {
  const queued: Buffer[] = [];
  const state = { held: false };
  const release = () => {
    state.held = false;
    for (const answer of queued.splice(0)) push(answer);
  };
  const answer = (bytes: Buffer) => {
    queued.push(bytes);
    if (!state.held) release();
  };
  return { answer, hold: () => (state.held = true), release };
}
