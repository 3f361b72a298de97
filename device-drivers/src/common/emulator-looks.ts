/**
 * The driver's looks at an emulated device (the GA 467 reader's pad, the card printer's bezel
 * sensor), as its emulator answered them, and one wait for some more: what the demo panel's
 * `demo.looks` and the specs wait for to let the driver poll some times, by count, never by a fixed
 * time.
 */
import { ErrorCode, KioskError, type DemoLooks } from '@kiosk/domain';

/** What one emulator tells of the driver's looks: a count, the reads beside it, each look as it comes. */
export interface EmulatorLooks {
  /** looks answered since the emulator started */
  count(): number;
  /** the ID reader only: reads of a card answered since it started */
  reads?(): number;
  /** called after each look answered; returns its removal */
  onLook(listener: () => void): () => void;
}

/**
 * Answers once the driver has looked `more` more times than when asked, with the looks counted and
 * the cards read meanwhile; DEVICE_TIMEOUT (naming `device`, with what was seen) after `withinMs`.
 */
export function awaitMoreLooks(
  looks: EmulatorLooks,
  more: number,
  withinMs: number,
  device: string,
): Promise<DemoLooks> {
  const from = looks.count();
  const readsFrom = looks.reads?.();
  return new Promise((resolve, reject) => {
    const seen = (): DemoLooks => ({
      looks: looks.count() - from,
      ...(readsFrom !== undefined && looks.reads ? { reads: looks.reads() - readsFrom } : {}),
    });
    const timer = setTimeout(() => {
      off();
      reject(
        new KioskError(ErrorCode.DEVICE_TIMEOUT, 'The driver did not look at the device as often in time.', {
          device,
          ...seen(),
        }),
      );
    }, withinMs);
    timer.unref();
    const off = looks.onLook(() => {
      if (looks.count() < from + more) return;
      clearTimeout(timer);
      off();
      resolve(seen());
    });
  });
}
