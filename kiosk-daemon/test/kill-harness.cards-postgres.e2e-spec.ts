/**
 * The kill harness (`kill-harness.ts`) for card making, the daemon's journal on PostgreSQL: a new card
 * taken, not taken (retracted), its chip failing (the blank rejected), and a replacement.
 */
import { newCardChipFails, newCardNotTaken, newCardTaken, replacementTaken } from './kill-harness-cards.js';
import { describeKillHarness } from './kill-harness.js';

describeKillHarness('PostgreSQL', 'card making', [
  newCardTaken,
  newCardNotTaken,
  newCardChipFails,
  replacementTaken,
]);
