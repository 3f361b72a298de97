/**
 * The key under which a card's PIN reports to the host (each PIN outcome, a PIN reset) go to the
 * background tries of host acts (`JournaledHostRetries`): one per card, so they reach the host one
 * after the other in the order the card gave them (its count of wrong PINs flags, then blocks, and
 * a reset clears it). The key goes to the log, so it holds no card number in full: the card masked
 * (for the reader) and a tag of the full number keyed by a secret of this run (HMAC-SHA-256, 48
 * bits): two cards whose masked numbers are alike have their own keys, so neither waits behind the
 * other's reports (with the masked number alone they took turns), and the tag cannot be turned
 * back into the hidden digits (a plain hash of so few digits could be, by trying them all). The
 * tries live in memory, so a key needs to hold for one run only; each boot keys them afresh.
 *
 * At boot the card's reports a restart left owed, outcomes and resets alike, are sent again in one
 * order, the order they were journaled in (`sendPinReportsAtBoot`): a wrong PIN typed after a
 * reset whose report the host had not answered goes after that reset, as it did before the restart.
 */
import { createHmac, randomBytes } from 'node:crypto';
import { maskCardNumber } from '@kiosk/domain';
import type { BootHost, HostRetry, JournaledHostRetries } from '../host/journaled-host-retries.js';

/** this run's secret for the cards' tags: never written anywhere */
const TAG_SECRET = randomBytes(32);

export const pinReportsKey = (cardNumber: string): string => {
  const tag = createHmac('sha256', TAG_SECRET).update(cardNumber.trim()).digest('hex').slice(0, 12);
  return `pin-outcomes:${maskCardNumber(cardNumber)}#${tag}`;
};

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
