/**
 * A host call that changes something (a payment, a card's state), asked again by its idempotency
 * key while its outcome is unknown: no answer in time, the host unreachable, or a 5xx. The host
 * answers what it did the first time (a replay), or does it then, once.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { setTimeout as delay } from 'node:timers/promises';

/** how many times, and the first wait between (doubled after each) */
export interface AskedAgainOptions {
  /** tries of the call, by the same idempotency key (default 4) */
  readonly tries?: number;
  /** the wait before the second try, doubled after each (default 500 ms) */
  readonly retryMs?: number;
}

/** Host faults after which the same call, by the same key, is tried again (no answer, or a 5xx). */
export function retried(e: unknown): boolean {
  const error = KioskError.from(e);
  if (error.code === ErrorCode.HOST_TIMEOUT || error.code === ErrorCode.HOST_UNREACHABLE) return true;
  const status = (error.details as { status?: unknown }).status;
  return typeof status === 'number' && status >= 500;
}

/** `call` asked again while its outcome is unknown (`retried`); stops waiting when `signal` ends. */
export async function byKey<T>(
  call: () => Promise<T>,
  options: AskedAgainOptions,
  signal?: AbortSignal,
): Promise<T> {
  const tries = options.tries ?? 4;
  let wait = options.retryMs ?? 500;
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await call();
    } catch (e) {
      if (attempt >= tries || !retried(e) || signal?.aborted) throw e;
      // the step ended while waiting: what the host last answered is the outcome
      await delay(wait, undefined, signal ? { signal } : undefined).catch(() => {
        throw e;
      });
      wait *= 2;
    }
  }
}
