/**
 * The kill harness (`kill-harness.ts`) for card making on a card printer that does not count its
 * own cards (the journal keeps its hopper and reject bin), the daemon's journal on SQLite: every
 * point where a blank moves or sits inside, once (kill-harness-uncounted-cards.ts).
 */
import {
  uncountedCardChipFails,
  uncountedCardNotTaken,
  uncountedCardTaken,
} from './kill-harness-uncounted-cards.js';
import { describeKillHarness } from './kill-harness.js';

describeKillHarness('SQLite', 'card making, printer without counters', [
  uncountedCardTaken,
  uncountedCardNotTaken,
  uncountedCardChipFails,
]);
