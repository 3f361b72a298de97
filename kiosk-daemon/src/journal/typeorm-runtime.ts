/**
 * TypeORM for the daemon's own modules, loaded through require. An ES import of TypeORM makes
 * Node 20 read the re-exports of its CommonJS index (some 300 files) a second time to list the
 * named exports: about 70 ms of CPU at every boot (bench/RESULTS.md, daemon start-up). The
 * classes are the same objects either way; types come from the package as usual.
 */
import { createRequire } from 'node:module';
import type * as TypeOrm from 'typeorm';

const typeorm = createRequire(import.meta.url)('typeorm') as typeof TypeOrm;

export const {
  Column,
  DataSource,
  Entity,
  In,
  Index,
  LessThan,
  Like,
  PrimaryColumn,
  PrimaryGeneratedColumn,
} = typeorm;
export type DataSource = TypeOrm.DataSource;
