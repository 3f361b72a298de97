/**
 * The one wait on the card reader: a condition on it rechecked at each of its events, within an
 * optional bound, ended by an abort, nothing kept listening after (`untilReader`). Its users:
 * - a chip command or a card move asked while the card reader is lost (pcscd restarting, the
 *   reader's USB link dropped and not back yet, or back and not yet said where the card is) waits
 *   for it to be back, within a bound: such a loss lasts a second or two and moves no card (ADR
 *   0002), so the resident's PIN typed meanwhile is checked once the reader is back instead of
 *   ending the journey (DEVICE_OFFLINE; a reader without a motor cannot even hand the card back
 *   then). Past the bound, or on the caller's abort, the command goes on to the guard, which refuses
 *   it as before. The mechanism's own offline fault is not a loss: nothing is waited for;
 * - the daemon's wait for the reader's first word on the card after 'unknown' (boot recovery within
 *   its bound, the slot-card service until shutdown: `knownCardPosition`).
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

/** What a wait on the reader listens to: its card events, and its status events where its port has them. */
export type ReaderEvents = Pick<CardReaderPort, 'onCardEvent'> & Partial<Pick<CardReaderPort, 'onStatus'>>;

/** How long a wait on the reader lasts: at most `withinMs` (none: no bound), ended by `signal`'s abort. */
export interface ReaderWaitBound {
  readonly withinMs?: number;
  readonly signal?: AbortSignal;
}

/**
 * Nothing to wait for (undefined) where `met()` holds already, `withinMs` is 0 or `signal` aborted;
 * else a promise resolved once `met()` holds (checked at each card event of `reader`, and each status
 * event where its port has them), after `withinMs`, or on `signal`'s abort, whichever comes first.
 * Nothing is kept listening after.
 */
export function untilReader(
  reader: ReaderEvents,
  met: () => boolean,
  bound: ReaderWaitBound = {},
): Promise<void> | undefined {
  const { withinMs, signal } = bound;
  if (met() || (withinMs !== undefined && withinMs <= 0) || signal?.aborted) return undefined;
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      off.forEach((stop) => stop());
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const check = () => {
      if (met()) done();
    };
    const timer = withinMs === undefined ? undefined : setTimeout(done, withinMs);
    const off = [reader.onCardEvent(check), ...(reader.onStatus ? [reader.onStatus(check)] : [])];
    signal?.addEventListener('abort', done, { once: true });
  });
}
