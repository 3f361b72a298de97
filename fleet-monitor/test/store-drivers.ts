/**
 * The fleet store's two drivers for the specs that run the same scenarios on both
 * (`fleet-store-drivers`): SQLite (a file) and PostgreSQL (a fresh database on the server named by
 * KIOSK_TEST_POSTGRES_URL). With CI=true a missing PostgreSQL fails the suite; on a workstation
 * without it the PostgreSQL half is left out with a warning.
 */
import { describe, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, openFleetStore, type FleetStore } from '../src/index.js';

const POSTGRES_URL = process.env.KIOSK_TEST_POSTGRES_URL;

export interface Driver {
  /** a store on an empty database; `reopen` opens the same database again */
  fresh(): Promise<{ store: FleetStore; reopen(): Promise<FleetStore> }>;
  close(): Promise<void>;
}

function sqliteDriver(): Driver {
  const dir = mkdtempSync(join(tmpdir(), 'fleet-store-'));
  let n = 0;
  return {
    async fresh() {
      const path = join(dir, `fleet-${++n}.sqlite`);
      return { store: await openFleetStore(path), reopen: () => openFleetStore(path) };
    },
    close: () => Promise.resolve(rmSync(dir, { recursive: true, force: true })),
  };
}

function postgresDriver(url: string): Driver {
  const dropped: (() => Promise<void>)[] = [];
  return {
    async fresh() {
      const db = await createTestDatabase(url, 'fleet_store');
      dropped.push(() => db.drop());
      return { store: await openFleetStore(db.url), reopen: () => openFleetStore(db.url) };
    },
    async close() {
      await Promise.all(dropped.splice(0).map((drop) => drop()));
    },
  };
}

export const drivers: [string, () => Driver][] = [['SQLite', sqliteDriver]];
if (POSTGRES_URL) drivers.push(['PostgreSQL', () => postgresDriver(POSTGRES_URL)]);
else if (process.env.CI === 'true')
  describe('fleet store on PostgreSQL', () => {
    it('has a PostgreSQL server to run on', () => {
      throw new Error('CI=true but KIOSK_TEST_POSTGRES_URL is not set: .ci/run starts one and exports it');
    });
  });
else
  console.warn(
    '\n*** fleet store suite: KIOSK_TEST_POSTGRES_URL is not set, the PostgreSQL half is NOT run ***\n',
  );
