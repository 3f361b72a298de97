/** Races a promise against an AbortSignal and, optionally, a deadline that rejects with a KioskError. */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { abortableDelay } from '../common/abortable-delay.js';
import { lineDeadline } from '../common/line-deadline.js';

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

/**
 * `work` within `ms` milliseconds, else DEVICE_TIMEOUT; rejects with `signal.reason` on abort.
 * The deadline is the serial lines' (`lineDeadline`): one that fires late after a stall of the
 * process lets an answer pcsclite already holds (its callback runs after the loop's timers) come
 * first, so a card that answered on time is never read silent. One promise and one timer per
 * call: it wraps every APDU, so it stays cheap. The timer never keeps the process alive.
 */
export function withDeadline<T>(
  work: Promise<T>,
  ms: number,
  what: string,
  signal?: AbortSignal,
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    let settled = false;
    const finish = () => {
      settled = true;
      deadline.clear();
      signal?.removeEventListener('abort', onAbort);
    };
    const onAbort = () => {
      if (settled) return;
      finish();
      reject(signal?.reason as Error);
    };
    const late = () => {
      if (settled) return;
      finish();
      reject(new KioskError(ErrorCode.DEVICE_TIMEOUT, `The card reader did not answer in time (${what}).`));
    };
    const deadline = lineDeadline(ms, late, { unref: true });
    if (signal) {
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
    }
    work.then(
      (value) => {
        if (settled) return;
        finish();
        resolve(value);
      },
      (error: unknown) => {
        if (settled) return;
        finish();
        reject(error as Error);
      },
    );
  });
}

/**
 * `work` given a signal that aborts after `ms` (with `late()`, a coded error) or when `signal`
 * aborts (with its reason); answers as soon as that signal aborts, whatever `work` still does.
 * For a device act that must end within its bound even when the device does not stop.
 */
export async function withinBound<T>(
  work: (signal: AbortSignal) => Promise<T>,
  ms: number,
  late: () => KioskError,
  signal?: AbortSignal,
): Promise<T> {
  const bound = new AbortController();
  const callerAborted = () => bound.abort(signal?.reason);
  if (signal?.aborted) callerAborted();
  else signal?.addEventListener('abort', callerAborted, { once: true });
  const timer = setTimeout(() => bound.abort(late()), ms);
  timer.unref();
  try {
    return await abortable(work(bound.signal), bound.signal);
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener('abort', callerAborted);
  }
}

/**
 * Resolves after `ms` unless aborted (used for motor travel times). An abort stops the motor's
 * timer too: nothing of a stopped move is left to hold the process open.
 */
export function motorTravel(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason as Error);
  if (ms <= 0) return Promise.resolve();
  return abortableDelay(ms, signal, () => signal?.reason as Error);
}
