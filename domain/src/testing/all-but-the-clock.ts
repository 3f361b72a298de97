/**
 * The specs' fake timers with Date alone faked: `jest.useFakeTimers({ doNotFake: ALL_BUT_THE_CLOCK })`.
 * The spec sets the time itself (`now`, `jest.setSystemTime`) while every timer, tick and
 * microtask runs as it would, so what is decided by the clock cannot be moved by a loaded machine.
 */
type TimerApi =
  | 'hrtime'
  | 'nextTick'
  | 'performance'
  | 'queueMicrotask'
  | 'setImmediate'
  | 'clearImmediate'
  | 'setInterval'
  | 'clearInterval'
  | 'setTimeout'
  | 'clearTimeout';

export const ALL_BUT_THE_CLOCK: TimerApi[] = [
  'hrtime',
  'nextTick',
  'performance',
  'queueMicrotask',
  'setImmediate',
  'clearImmediate',
  'setInterval',
  'clearInterval',
  'setTimeout',
  'clearTimeout',
];
