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
export const ms = z.int({ error: 'expected a positive integer (ms)' }).positive({
  error: 'expected a positive integer (ms)',
});
export const nonEmpty = z.string().trim().min(1, { error: 'expected a non-empty text' });
const portError = { error: 'expected a port number 0–65535 (0 picks a free port)' };
export const port = z.int(portError).min(0, portError).max(65535, portError);
