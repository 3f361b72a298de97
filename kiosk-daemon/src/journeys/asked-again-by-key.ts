/**
 * A host call that changes something (a payment, a card's state), asked again by its idempotency
 * key while its outcome is unknown: no answer in time, the host unreachable, or a 5xx. The host
 * answers what it did the first time (a replay), or does it then, once.
 */
import { KioskError } from '@kiosk/domain';
import { setTimeout as delay } from 'node:timers/promises';
import { askedAgainInSession } from '../host/host-retry.js';

/** how many times, and the first wait between (doubled after each) */
export interface AskedAgainOptions {
  /** tries of the call, by the same idempotency key (default 4) */
  readonly tries?: number;
  /** the wait before the second try, doubled after each (default 500 ms) */
  readonly retryMs?: number;
  /**
   * The step the call answers within (`withinStep`): another try only when it can answer before the
   * step ends (a whole host timeout and the wait before it, with `STEP_END_MARGIN_MS` left), so the
   * outcome is the host's last answer, journaled and shown, never cut by the step's timer
   */
  readonly step?: { readonly endsAt: number; readonly hostTimeoutMs: number };
}

/** what is left after the last try for its outcome to be journaled and reach the screen */
export const STEP_END_MARGIN_MS = 1_000;

/**
 * `options` sized to a step of `stepMs` starting now (the actor starts with its step's timer): a
 * slow back office (`host.timeoutMs` near half the step) is asked fewer times, never past the step.
 */
export function withinStep(
  options: AskedAgainOptions,
  hostTimeoutMs: number,
  stepMs: number,
  now = Date.now(),
): AskedAgainOptions {
  return { ...options, step: { endsAt: now + stepMs, hostTimeoutMs } };
}

/** whether a try after `waitMs` can answer before the step ends */
function fits(step: AskedAgainOptions['step'], waitMs: number): boolean {
  return !step || Date.now() + waitMs + step.hostTimeoutMs + STEP_END_MARGIN_MS <= step.endsAt;
}

/**
 * `call` asked again while its outcome is unknown (`askedAgainInSession`: no answer in time, the
 * host unreachable, a 5xx), as long as a try fits the step (`options.step`); stops waiting when
 * `signal` ends.
 */
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
      if (
        attempt >= tries ||
        !askedAgainInSession(KioskError.from(e)) ||
        signal?.aborted ||
        !fits(options.step, wait)
      )
        throw e;
      // the step ended while waiting: what the host last answered is the outcome
      await delay(wait, undefined, signal ? { signal } : undefined).catch(() => {
        throw e;
      });
      wait *= 2;
    }
  }
}
