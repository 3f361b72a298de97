/** A wait a device's act can be cancelled in. */

/**
 * Resolves after `ms`, or rejects with `cancelled()` as soon as `signal` aborts (the timer cleared).
 * A signal already aborted is the caller's to check before: this waits only for an abort to come.
 */
export function abortableDelay(
  ms: number,
  signal: AbortSignal | undefined,
  cancelled: () => Error,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
