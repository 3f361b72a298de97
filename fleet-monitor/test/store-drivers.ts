/**
 * The fleet store's two drivers for the specs that run the same scenarios on both
 * (`fleet-store-drivers*`): SQLite (a file) and PostgreSQL (a fresh database on the server named by
 * KIOSK_TEST_POSTGRES_URL), and the store and ingest each case of them runs on. With CI=true a
 * missing PostgreSQL fails the suite; on a workstation without it the PostgreSQL half is left out
 * with a warning.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, FleetIngest, openFleetStore, type FleetStore } from '../src/index.js';

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

/** the ingest's clock in the cases, and a time `offsetS` seconds from it */
const clock = new Date('2026-11-26T20:00:00.000Z');
export const at = (offsetS = 0): string => new Date(clock.getTime() + offsetS * 1000).toISOString();

/** A case's store on an empty database of its driver, and the ingest on it (the clock at `at()`). */
export interface StoreUnderTest {
  readonly store: FleetStore;
  readonly ingest: FleetIngest;
  /** a message of a kiosk through the ingest */
  send(topic: string, body: unknown): Promise<void>;
  /** the store closed and its database opened again (a monitor restarted), a new ingest on it */
  reopen(): Promise<void>;
}

/** Inside `describe.each(drivers)`: a fresh database for each case, closed after it, dropped at the end. */
export function storeOnDriver(makeDriver: () => Driver): StoreUnderTest {
  jest.setTimeout(20_000);
  let driver: Driver;
  let store: FleetStore;
  let ingest: FleetIngest;
  let reopenDatabase: () => Promise<FleetStore>;
  beforeAll(() => {
    driver = makeDriver();
  });
  beforeEach(async () => {
    ({ store, reopen: reopenDatabase } = await driver.fresh());
    ingest = new FleetIngest(store, () => clock);
  });
  afterEach(() => store.close());
  // a dozen databases to drop: on a loaded machine that outlasts the tests' own 20 s
  afterAll(() => driver.close(), 120_000);
  return {
    get store() {
      return store;
    },
    get ingest() {
      return ingest;
    },
    send: (topic, body) => ingest.accept(topic, Buffer.from(JSON.stringify(body))),
    async reopen() {
      await store.close();
      store = await reopenDatabase();
      ingest = new FleetIngest(store, () => clock);
    },
  };
}

/** kiosk `kioskId`'s status, its receipt paper at `paper`, sent `offsetS` seconds from `at()` */
export const paperStatus = (kioskId: string, paper: 'ok' | 'low' | 'empty', offsetS = 0): object => ({
  connection: 'online',
  kioskId,
  mode: paper === 'empty' ? 'degraded' : 'inService',
  version: '0.1.0',
  hallId: 'hall-1',
  journeysOffered: ['balance'],
  devices: [{ kind: 'receiptPrinter', device: 'online', supplies: [{ name: 'paper', level: paper }] }],
  heartbeatIntervalS: 10,
  at: at(offsetS),
});
