/**
 * The port's rule for a retract that finds the dispenser busy (`CashDispenserPort.retract`): a
 * dispenser still counting the notes of a dispense whose outcome was unknown (its ACK lost, its
 * answer late) refuses the retract, and nothing moves. The retract waits for it, asking whether
 * it is idle every `pollMs`, up to `boundMs` (the dispense timeout: no count takes longer), then
 * retracts, so the notes counted late reach the retract bin in the same session. A dispenser
 * still busy after the bound fails the retract with DEVICE_BUSY as before (the notes stay in the
 * presenter for recovery); an aborted signal stops the wait with DEVICE_OPERATION_CANCELLED.
 * Any driver whose device refuses commands while it counts uses it.
 */
import { ErrorCode, KioskError } from '@kiosk/domain';
import { abortableDelay } from '../common/abortable-delay.js';

export interface RetractWhenIdleOptions {
  /** the longest wait for the dispenser to finish counting */
  readonly boundMs: number;
  /** pause between two questions whether it is idle */
  readonly pollMs: number;
  readonly signal?: AbortSignal;
  /** told once when the first retract was refused busy and the wait begins */
  readonly onWait?: () => void;
}

/**
 * `retract` once; refused DEVICE_BUSY (nothing moved), again once `idle` says yes, within the
 * bound. `idle` answers false while the device is busy and throws on any other fault.
 */
export async function retractWhenIdle<T>(
  retract: () => Promise<T>,
  idle: () => Promise<boolean>,
  options: RetractWhenIdleOptions,
): Promise<T> {
  const { boundMs, pollMs, signal } = options;
  const attempt = (): Promise<{ readonly done: true; readonly value: T } | { readonly done: false }> =>
    retract().then(
      (value) => ({ done: true, value }),
      (error: unknown) => {
        if (KioskError.is(error, ErrorCode.DEVICE_BUSY)) return { done: false };
        throw error;
      },
    );
  assertNotCancelled(signal);
  const first = await attempt();
  if (first.done) return first.value;
  options.onWait?.();
  const deadline = Date.now() + boundMs;
  while (Date.now() < deadline) {
    await pause(Math.min(pollMs, Math.max(0, deadline - Date.now())), signal);
    if (!(await idle())) continue;
    assertNotCancelled(signal);
    const next = await attempt();
    if (next.done) return next.value;
  }
  throw new KioskError(
    ErrorCode.DEVICE_BUSY,
    'The cash dispenser stayed busy; the notes stay in the presenter for field staff.',
    { waitedMs: boundMs },
  );
}

const cancelled = () =>
  new KioskError(
    ErrorCode.DEVICE_OPERATION_CANCELLED,
    'The retract was cancelled before the dispenser took it; nothing moved.',
  );

function assertNotCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelled();
}

function pause(ms: number, signal: AbortSignal | undefined): Promise<void> {
  assertNotCancelled(signal);
  return abortableDelay(ms, signal, cancelled);
}
