/**
 * The store the configuration names: `--db` a PostgreSQL URL (`postgres://` or `postgresql://`)
 * opens `PostgresFleetStore` (loaded only then: TypeORM and pg stay off the default path),
 * anything else is a SQLite file (or `:memory:`).
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { FleetStore } from './fleet-store.js';
import { SqliteFleetStore } from './sqlite-fleet-store.js';

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//.test(db);
}

export function openSqliteFleetStore(path: string): SqliteFleetStore {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  return new SqliteFleetStore(path);
}

/** The database named by the configuration cannot be reached or migrated. */
export class FleetStoreUnavailableError extends Error {
  override readonly name = 'FleetStoreUnavailableError';
}

export async function openFleetStore(db: string): Promise<FleetStore> {
  if (!isPostgresUrl(db)) return openSqliteFleetStore(db);
  const { PostgresFleetStore } = await import('./postgres-fleet-store.js');
  try {
    return await PostgresFleetStore.open(db);
  } catch (error) {
    const where = new URL(db);
    where.password = '';
    throw new FleetStoreUnavailableError(
      `cannot open the PostgreSQL store at ${where.toString()}: ${(error as Error).message}`,
    );
  }
}
