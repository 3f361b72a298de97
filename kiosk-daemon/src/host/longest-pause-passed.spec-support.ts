/**
 * "Nothing more was sent" in the background tries' specs, seen after a positive event instead of a
 * fixed wait: a probe act of a key of its own, tried by the same retries, not answered until one of
 * its tries came after a pause of the longest (`retry.maxMs`). Node fires timers in the order they
 * fall due, so by then every try of another loop due within the longest pause from the probe's
 * start has been sent (its `send` called), however slow a loaded machine makes the timers.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { HostRetry, JournaledHostRetries } from './journaled-host-retries.js';

const UNANSWERED = new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');

/** Resolves once `retries` made the probe's try after a pause of the longest (see above). */
export function longestPausePassed(
  retries: JournaledHostRetries,
  key = 'probe:longest-pause',
): Promise<void> {
  const { firstMs, maxMs } = retries.retry;
  let pausedMs = 0; // the pause before the try being made
  return new Promise<void>((resolve, reject) => {
    const probe: HostRetry = {
      step: 'probe.longestPause',
      unjournaled: true,
      send: () => {
        pausedMs = pausedMs ? Math.min(pausedMs * 2, maxMs) : firstMs;
        if (pausedMs < maxMs) return Promise.reject(UNANSWERED);
        resolve();
        return Promise.resolve({});
      },
    };
    retries.retryLater(key, UNANSWERED, probe).then((taken) => {
      if (!taken) reject(new Error('the background tries did not take the probe'));
    }, reject);
  });
}
