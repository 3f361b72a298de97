/**
 * A chip command asked while the card reader is lost (pcscd restarting, the reader's USB link
 * dropped and not back yet, or back and not yet said where the card is) waits for it to be back,
 * within a bound: such a loss lasts a second or two and moves no card (ADR 0002), so the resident's
 * PIN typed meanwhile is checked once the reader is back instead of ending the journey
 * (DEVICE_OFFLINE; a reader without a motor cannot even hand the card back then). Past the bound,
 * or on the caller's abort, the command goes on to the guard, which refuses it as before.
 * The mechanism's own offline fault is not a loss: nothing is waited for.
 */
import type { CardMechanism } from './card-mechanism.port.js';
import type { CardReaderPort } from './card-reader.port.js';
import type { ChipLink } from './chip-link.js';

/** Whether the reader is lost now: its PC/SC link down or without the reader, or the card's place unsaid. */
export function readerLost(
  chip: Pick<ChipLink, 'state'>,
  mechanism: Pick<CardMechanism, 'position'>,
): boolean {
  return (chip.state?.() ?? 'online') !== 'online' || mechanism.position() === 'unknown';
}

/**
 * Nothing to wait for (undefined) where the reader is not lost, `withinMs` is 0 or `signal` aborted;
 * else a promise resolved once `lost()` turns false (checked at each status and card event of
 * `reader`), after `withinMs`, or on `signal`'s abort, whichever comes first. Nothing is kept
 * listening after.
 */
export function untilReaderBack(
  reader: Pick<CardReaderPort, 'onStatus' | 'onCardEvent'>,
  lost: () => boolean,
  withinMs: number,
  signal?: AbortSignal,
): Promise<void> | undefined {
  if (withinMs <= 0 || !lost() || signal?.aborted) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      unsubscribe();
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, withinMs);
    const check = () => {
      if (!lost()) done();
    };
    const off = [reader.onStatus(check), reader.onCardEvent(check)];
    const unsubscribe = () => off.forEach((stop) => stop());
    signal?.addEventListener('abort', done, { once: true });
  });
}
