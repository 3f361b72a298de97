import type { KioskConfig } from '@kiosk/config';

/** How many steps' time the PIN pad itself waits for a key before it gives up. */
export const PIN_PAD_SAFETY_STEPS = 10;

/**
 * The PIN pad's own wait for a key. The session's step timer owns a PIN step: it restarts on every
 * key and on "need more time?", and when it runs out the session stops the entry (the pad's
 * collection is aborted). Were the pad to wait one step only, a resident who asked for more time
 * would be timed out by the pad at the first deadline; so the pad's timer is a safety net behind
 * the session's, long enough for several "more time" answers.
 */
export function pinPadTimeoutMs(config: Pick<KioskConfig, 'timeouts'>): number {
  return config.timeouts.stepMs * PIN_PAD_SAFETY_STEPS;
}
