/**
 * Throw-away PostgreSQL databases for tests, on the server named by KIOSK_TEST_POSTGRES_URL
 * (`.ci/run` starts one), and the rule the external-stack suites follow: with CI=true a missing
 * Mosquitto or PostgreSQL fails the suite; on a workstation without them it is left out with a
 * warning.
 */
import { createRequire } from 'node:module';
import type * as TypeOrm from 'typeorm';
import { findMosquitto } from './test-mosquitto.js';
import { TEST_PG_WAIT_MS } from '@kiosk/domain/testing';

/** TypeORM, loaded when a test database is made (not when the fleet monitor's index is imported) */
const typeorm = (): typeof TypeOrm => createRequire(import.meta.url)('typeorm') as typeof TypeOrm;

export interface TestDatabase {
  readonly url: string;
  drop(): Promise<void>;
}

let made = 0;

/** Creates an empty database next to `serverUrl`'s and answers its URL. */
export async function createTestDatabase(serverUrl: string, prefix = 'fleet'): Promise<TestDatabase> {
  const admin = new (typeorm().DataSource)({
    type: 'postgres',
    url: serverUrl,
    extra: { max: 1, connectionTimeoutMillis: TEST_PG_WAIT_MS },
  });
  await admin.initialize();
  const name = `${prefix}_${process.pid}_${++made}_${Date.now()}`;
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.destroy();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const again = new (typeorm().DataSource)({
        type: 'postgres',
        url: serverUrl,
        extra: { max: 1, connectionTimeoutMillis: TEST_PG_WAIT_MS },
      });
      await again.initialize();
      try {
        await again.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await again.destroy();
      }
    },
  };
}

export interface ExternalStack {
  /** the server to make test databases on */
  readonly postgresUrl: string;
  readonly mosquitto: string;
}

/**
 * Mosquitto and PostgreSQL for the large-fleet suites: the stack, or what is missing (each a
 * sentence saying how to get it).
 */
export function externalStack(): ExternalStack | { missing: string[] } {
  const postgresUrl = process.env.KIOSK_TEST_POSTGRES_URL;
  const mosquitto = findMosquitto();
  const missing = [
    ...(postgresUrl
      ? []
      : ['KIOSK_TEST_POSTGRES_URL is not set (.ci/run starts a PostgreSQL and exports it)']),
    ...(mosquitto ? [] : ['mosquitto is not installed (.ci/run installs it: apt-get install mosquitto)']),
  ];
  return postgresUrl && mosquitto ? { postgresUrl, mosquitto } : { missing };
}
