/** What specs of the journal's reads share: every query its database runs, as TypeORM's logger hears it. */
import type { Logger as TypeOrmLogger } from 'typeorm';

export interface Query {
  readonly sql: string;
  readonly parameters: readonly unknown[];
}

/** A TypeORM logger that pushes every query run (with its parameters) onto `queries`. */
export function countingLogger(queries: Query[]): TypeOrmLogger {
  return {
    logQuery: (sql, parameters) =>
      void queries.push({ sql, parameters: Array.isArray(parameters) ? parameters : [] }),
    logQueryError: () => undefined,
    logQuerySlow: () => undefined,
    logSchemaBuild: () => undefined,
    logMigration: () => undefined,
    log: () => undefined,
  };
}
