/**
 * The value schemas the configuration's sections share, each refused in the same words wherever it
 * stands: a positive integer, money in integer fen, a time in ms, a port, a non-empty text.
 */
import { z } from 'zod';

export const positiveInt = z.int({ error: 'expected a positive integer' }).positive({
  error: 'expected a positive integer',
});
export const fen = z.int({ error: 'expected a positive integer (fen)' }).positive({
  error: 'expected a positive integer (fen)',
});
/**
 * The longest wait a Node timer holds (2^31 − 1 ms, about 24.8 days): past it the timer fires at
 * once (with a TimeoutOverflowWarning), so a timeout typed too large would end its step at once.
 */
export const MOST_TIMER_MS = 2_147_483_647;
const positiveMs = { error: 'expected a positive integer (ms)' };
/** a duration in ms of 1 to `most` (at most a timer's limit), refused past it with `why` */
export const msAtMost = (most: number, why: string) =>
  z
    .int(positiveMs)
    .positive(positiveMs)
    .max(most, { error: `expected at most ${most} ms (${why})` });
/** a duration in ms that a timer can hold: 1 to MOST_TIMER_MS */
export const ms = msAtMost(MOST_TIMER_MS, "a timer's limit, about 24.8 days");
export const nonEmpty = z.string().trim().min(1, { error: 'expected a non-empty text' });
const portError = { error: 'expected a port number 0–65535 (0 picks a free port)' };
export const port = z.int(portError).min(0, portError).max(65535, portError);
