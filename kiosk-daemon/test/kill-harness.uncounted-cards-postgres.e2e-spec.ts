/**
 * The kill harness (`kill-harness.ts`) for card making on a card printer that does not count its
 * own cards, the daemon's journal on PostgreSQL: the subset where a journal count moves across the
 * kill (the feed's and the reject's done, a chip failing); SQLite runs every blank point.
 */
import { uncountedOnPostgres } from './kill-harness-uncounted-cards.js';
import { describeKillHarness } from './kill-harness.js';

describeKillHarness('PostgreSQL', 'card making, printer without counters', [uncountedOnPostgres]);
