/**
 * The kill harness (see `kill-harness.ts`) with the daemon's journal on PostgreSQL: a database of
 * its own per kiosk on the server named by KIOSK_TEST_POSTGRES_URL. With CI=true a missing server
 * fails the suite; on a workstation without the variable the file says loudly it ran nothing.
 */
import { newCardChipFails, newCardNotTaken, newCardTaken, replacementTaken } from './kill-harness-cards.js';
import { postgresFromEnvironment } from './kill-harness-store.js';
import { withdrawal, withdrawalNotTaken } from './kill-harness-withdrawal.js';
import { describeKillHarness } from './kill-harness.js';

const store = postgresFromEnvironment();

describe('kill harness on PostgreSQL: SIGKILL at every journaled step, restart, nothing lost or doubled', () => {
  if ('missing' in store) {
    if (store.missing !== '') {
      it('has a PostgreSQL server to run on', () => {
        throw new Error(store.missing);
      });
    } else {
      it.skip('needs KIOSK_TEST_POSTGRES_URL (CI sets it; set it to run the PostgreSQL half here)', () => {});
      console.warn(
        '\n*** kill harness: KIOSK_TEST_POSTGRES_URL is not set, the PostgreSQL half is NOT run here ***\n',
      );
    }
    return;
  }
  describeKillHarness(
    () => store,
    [withdrawal, withdrawalNotTaken, newCardTaken, newCardNotTaken, newCardChipFails, replacementTaken],
    300_000,
  );
});
