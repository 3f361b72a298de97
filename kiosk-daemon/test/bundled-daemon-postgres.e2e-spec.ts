/**
 * The bundled daemon (dist/bundle/main.js) with its journal on PostgreSQL. The bundle's TypeORM
 * knows only the journal's two drivers, each required when a data source of its type is made
 * (`typeormDrivers` in scripts/build-bundle.mjs): SQLite is what every other bundled spec runs, so
 * this is the road that breaks if the bundle loses the PostgreSQL driver or `pg` beside it.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { eventually } from '@kiosk/domain/testing';
import { driveBalanceJourney } from './balance-journey-suite.js';
import { daemonForSuite } from './daemon-for-suite.js';
import { journalForSuite, onPostgres } from './kill-harness-store.js';

const BUNDLED_MAIN = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));

describe('the bundled daemon with its journal on PostgreSQL', () => {
  onPostgres('bundled daemon on PostgreSQL', (store) => {
    const { journal } = journalForSuite(store, 'kiosk-bundle-pg-');

    describe('started from dist/bundle/main.js', () => {
      const suite = daemonForSuite(() => journal()?.args ?? [], { entry: BUNDLED_MAIN });

      it('answers /health with the journal up', async () => {
        const health = await fetch(`${suite.daemon.url}/health`);
        expect(health.status).toBe(200);
        const body = (await health.json()) as { info: Record<string, { status: string }> };
        expect(body.info.journal?.status).toBe('up');
      });

      it('journals a balance journey in the PostgreSQL database, not in a SQLite file', async () => {
        await driveBalanceJourney(suite.ui);
        const balanceRows = () =>
          journal()!.reader.all<{ status: string; outcome: string }>(
            'SELECT "status", "outcome" FROM "journal_transaction" WHERE "journey" = $1',
            'balance',
          );
        // the close is written right after the final view: 10 s at most
        const rows = await eventually(balanceRows, 'the balance transaction closed', {
          withinMs: 10_000,
          everyMs: 50,
          until: (found) => found[0]?.status === 'closed',
        });
        expect(rows).toEqual([{ status: 'closed', outcome: 'completed' }]);
        expect(existsSync(suite.daemon.journalPath)).toBe(false);
      }, 60_000); // a dozen round trips to the daemon, each with a 10 s bound of its own
    });
  });
});
