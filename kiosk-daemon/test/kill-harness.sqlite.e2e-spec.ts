/**
 * The kill harness (see `kill-harness.ts`) with the daemon's journal in a SQLite file (WAL,
 * synchronous FULL): withdrawal, new card and replacement, killed at every journaled step.
 */
import { newCardChipFails, newCardNotTaken, newCardTaken, replacementTaken } from './kill-harness-cards.js';
import { sqliteStore } from './kill-harness-store.js';
import { withdrawal, withdrawalNotTaken } from './kill-harness-withdrawal.js';
import { describeKillHarness } from './kill-harness.js';

describe('kill harness on SQLite: SIGKILL at every journaled step, restart, nothing lost or doubled', () => {
  describeKillHarness(
    sqliteStore,
    [withdrawal, withdrawalNotTaken, newCardTaken, newCardNotTaken, newCardChipFails, replacementTaken],
    300_000,
  );
});
