/** Races a promise against an AbortSignal and, optionally, a deadline that rejects with a KioskError. */
import { ErrorCode, KioskError } from '@kiosk/domain';

export function abortable<T>(work: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return work;
  if (signal.aborted) return Promise.reject(signal.reason as Error);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason as Error);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e as Error);
      },
    );
  });
}

/** `work` within `ms` milliseconds, else DEVICE_TIMEOUT (the timer never keeps the process alive). */
export function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  what: string,
  signal?: AbortSignal,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new KioskError(ErrorCode.DEVICE_TIMEOUT, `The card reader did not answer in time (${what}).`)),
      ms,
    );
    timer.unref();
  });
  return abortable(Promise.race([work, deadline]), signal).finally(() => clearTimeout(timer));
}

/** Resolves after `ms` unless aborted (used for motor travel times). */
export function motorTravel(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return signal?.aborted ? Promise.reject(signal.reason as Error) : Promise.resolve();
  return abortable(new Promise<void>((resolve) => setTimeout(resolve, ms)), signal);
}
