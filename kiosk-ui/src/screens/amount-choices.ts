/**
 * The amounts offered as buttons on the withdrawal screen: whole notes, within the maximum the
 * daemon allows now, at most eight, always including the largest amount allowed.
 */
import type { Fen } from '@kiosk/domain';

const NOTE_COUNTS = [1, 2, 3, 4, 5, 6, 8, 10, 15, 20, 30, 50];
export const MAX_CHOICES = 8;

export function amountChoices(maxFen: Fen, noteFen: Fen): Fen[] {
  if (!(noteFen > 0) || !(maxFen >= noteFen)) return [];
  const largest = Math.floor(maxFen / noteFen) * noteFen;
  const spread = NOTE_COUNTS.map((n) => n * noteFen).filter((fen) => fen < largest);
  return [...spread.slice(0, MAX_CHOICES - 1), largest];
}
