/**
 * The key under which a card's PIN reports to the host (each PIN outcome, a PIN reset) go to the
 * background tries of host acts (`JournaledHostRetries`): one per card, so they reach the host one
 * after the other in the order the card gave them (its count of wrong PINs flags, then blocks, and
 * a reset clears it). The card masked, so the key can go to the log: two cards sharing the masked
 * number only wait for each other.
 *
 * At boot the card's reports a restart left owed, outcomes and resets alike, are sent again in one
 * order, the order they were journaled in (`sendPinReportsAtBoot`): a wrong PIN typed after a
 * reset whose report the host had not answered goes after that reset, as it did before the restart.
 */
import { maskCardNumber } from '@kiosk/domain';
import type { BootHost, HostRetry, JournaledHostRetries } from '../host/journaled-host-retries.js';

export const pinReportsKey = (cardNumber: string): string => `pin-outcomes:${maskCardNumber(cardNumber)}`;

/** A card's PIN report journaled and not answered when the kiosk stopped, to send again at boot. */
export interface OwedPinReport {
  readonly cardNumber: string;
  readonly transactionId: string;
  /** when it was journaled owed and its step number there: its place in the card's order */
  readonly at: string;
  readonly seq: number;
  readonly retry: HostRetry;
}

/**
 * The reports owed sent again, each card's in the order they were journaled: the first at once
 * under the card's key, the rest behind it (the host away: to the background at once); returns
 * how many the host answered now.
 */
export async function sendPinReportsAtBoot(
  retries: Pick<JournaledHostRetries, 'owns' | 'handOver' | 'tryAtBoot'>,
  owed: readonly OwedPinReport[],
  boot: BootHost,
): Promise<number> {
  const inOrder = [...owed].sort(
    (a, b) => a.at.localeCompare(b.at) || a.transactionId.localeCompare(b.transactionId) || a.seq - b.seq,
  );
  let done = 0;
  for (const o of inOrder) {
    const key = pinReportsKey(o.cardNumber);
    if (retries.owns(key)) retries.handOver(key, o.retry);
    else if (await retries.tryAtBoot(key, o.retry, boot)) done += 1;
  }
  return done;
}
