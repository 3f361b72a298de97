/**
 * The amounts offered as buttons on the withdrawal screen: whole notes, within the maximum the
 * daemon allows now, at most eight, always including the largest amount allowed. When the daemon
 * lists the amounts it accepts (those the notes held make), only those are offered.
 */
import type { Fen } from '@kiosk/domain';

const NOTE_COUNTS = [1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50];
export const MAX_CHOICES = 8;

export function amountChoices(maxFen: Fen, noteFen: Fen, accepted?: readonly Fen[]): Fen[] {
  if (!(noteFen > 0) || !(maxFen >= noteFen)) return [];
  const largest = Math.floor(maxFen / noteFen) * noteFen;
  if (accepted && !accepted.includes(largest)) return [];
  const spread = NOTE_COUNTS.map((n) => n * noteFen).filter(
    (fen) => fen < largest && (!accepted || accepted.includes(fen)),
  );
  return [...spread.slice(0, MAX_CHOICES - 1), largest];
}
