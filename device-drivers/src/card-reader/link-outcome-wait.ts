/**
 * A link's start waiting for its reader: up to `waitMs`, ended as soon as the outcome is known.
 * Online is the reader found; offline (pcscd lost meanwhile, its context dropped) means nothing
 * can be listed before the context's next try, so the wait ends there too instead of sitting out
 * its whole length. 'noDevice' is no outcome: the reader may still be listed. A caller's abort
 * rejects with its reason and leaves no timer or listener behind.
 */
import type { Unsubscribe } from '../common/device-port.js';
import type { ChipLinkState } from './chip-link.js';

/** The states that end a start's wait for the reader. */
const OUTCOMES: readonly ChipLinkState[] = ['online', 'offline'];

export function waitForLinkOutcome(
  onState: (listener: (state: ChipLinkState) => void) => Unsubscribe,
  waitMs: number,
  signal?: AbortSignal,
): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<void>((resolve, reject) => {
    const finish = () => {
      clearTimeout(timer);
      off();
      signal?.removeEventListener('abort', aborted);
    };
    const aborted = () => {
      finish();
      reject(signal?.reason as Error);
    };
    const timer = setTimeout(() => (finish(), resolve()), waitMs);
    const off = onState((state) => OUTCOMES.includes(state) && (finish(), resolve()));
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
