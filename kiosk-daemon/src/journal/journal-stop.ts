import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import { ErrorCode, KioskError } from '@kiosk/domain';
import type { QueryRunner } from 'typeorm';
import { SHUTDOWN_BOUND_MS } from '../shutdown-bound.js';
import type { DataSource } from './typeorm-runtime.js';

/**
 * How long the journal's stop waits for the writes under way before its connection closes: within
 * the daemon's own bound on a stop (`SHUTDOWN_BOUND_MS`), leaving the hooks before it and the
 * connection's close their time.
 */
export const JOURNAL_STOP_WAIT_MS = SHUTDOWN_BOUND_MS - 3_000;

const log = new Logger('Journal');

/** the act the stop waits for (its name) that runs now: its writes are taken while the stop waits */
const waitedFor = new AsyncLocalStorage<string>();

/** A write asked for once the journal's stop began: refused, coded, nothing written. */
export function refusedAtStop(what: string): KioskError {
  return new KioskError(ErrorCode.JOURNAL_WRITE_FAILED, 'The journal is closing: the daemon is stopping.', {
    stopping: true,
    what,
  });
}

/**
 * A read asked for once the journal's connection is closing or closed: refused, coded (not the
 * driver's uncoded "connection is not open" or "Driver not Connected"), nothing read.
 */
export function readRefusedAtStop(what: string): KioskError {
  return new KioskError(ErrorCode.JOURNAL_READ_FAILED, 'The journal is closed: the daemon is stopping.', {
    stopping: true,
    what,
  });
}

/**
 * The graceful stop of one journal connection. Every write is run through it and counted while
 * under way (on PostgreSQL, sent and not yet answered); an act the stop must let finish (a
 * session's end: its held steps and its close, `stopWaitsFor`) is counted from its start, before
 * its first write. The stop (`JournalCloser`, the last hook of the daemon's stop) waits for all
 * of them, bounded, writes what still waits for a next write, and only then lets the connection
 * close: a close already sent is not cut under it. A write asked for after the stop began, outside
 * such an act, is refused with JOURNAL_WRITE_FAILED (`stopping`), not lost unsaid; after the stop,
 * every write is.
 */
export class JournalStop {
  #phase: 'open' | 'stopping' | 'stopped' = 'open';
  /** what is under way: writes and acts the stop waits for, by a token each */
  readonly #underWay = new Map<object, string>();
  /** wakes the stop when the last of what was under way is done */
  #idle: (() => void) | undefined;
  /** what writes the writes still held for a next write, at the end of the wait */
  readonly #lastWrites = new Set<() => Promise<void>>();

  /** One write (`what`: which, never its values); refused once the stop began, unless of an act it waits for. */
  write<T>(what: string, write: () => Promise<T>): Promise<T> {
    if (this.#phase === 'stopped' || (this.#phase === 'stopping' && waitedFor.getStore() === undefined)) {
      return Promise.reject(refusedAtStop(what));
    }
    // a write counted before the stop began is let finish whole: the writes it makes on its way too
    return this.#track(what, () =>
      waitedFor.getStore() === undefined ? waitedFor.run(what, write) : write(),
    );
  }

  /**
   * Runs `act`, which a stop begun meanwhile lets finish (within its bound) with its writes before
   * the connection closes. Begun once the stop began, it runs as any caller: its writes refused.
   */
  stopWaitsFor<T>(what: string, act: () => Promise<T>): Promise<T> {
    if (this.#phase !== 'open') return act();
    return this.#track(what, () => waitedFor.run(what, act));
  }

  /**
   * One statement on the connection (a read, or one of a write's), counted while under way: the
   * stop waits for it before the connection closes, so none is cut by the close.
   */
  statement<T>(what: string, run: () => Promise<T>): Promise<T> {
    return this.#track(what, run);
  }

  /** `flush` writes what waits for a next write; run once the wait is over, before the connection closes. */
  onLastWrites(flush: () => Promise<void>): void {
    this.#lastWrites.add(flush);
  }

  /**
   * Begins the stop: writes from now on are refused (those of an act waited for excepted); waits
   * for what is under way, at most `boundMs`; writes what is held for a next write. Once.
   */
  async stop(boundMs = JOURNAL_STOP_WAIT_MS): Promise<void> {
    if (this.#phase !== 'open') return;
    this.#phase = 'stopping';
    if (this.#underWay.size > 0) {
      log.log(`the journal closes once these are done: ${this.#whatUnderWay()}`);
      let timer: NodeJS.Timeout | undefined;
      const ended = await Promise.race([
        new Promise<'written'>((resolve) => (this.#idle = () => resolve('written'))),
        new Promise<'bound'>((resolve) => (timer = setTimeout(() => resolve('bound'), boundMs))),
      ]);
      clearTimeout(timer);
      this.#idle = undefined;
      if (ended === 'bound') {
        log.error(
          `the journal closes with writes still under way after ${boundMs} ms (not written; recovery finishes their transactions at the next start): ${this.#whatUnderWay()}`,
        );
      }
    }
    await waitedFor.run('the stop', async () => {
      for (const flush of this.#lastWrites) await flush();
    });
    this.#phase = 'stopped';
  }

  async #track<T>(what: string, work: () => Promise<T>): Promise<T> {
    const token = {};
    this.#underWay.set(token, what);
    try {
      return await work();
    } finally {
      this.#underWay.delete(token);
      if (this.#underWay.size === 0) this.#idle?.();
    }
  }

  #whatUnderWay(): string {
    return [...new Set(this.#underWay.values())].join(', ');
  }
}

const stops = new WeakMap<DataSource, JournalStop>();

/** the data source's own writes, which its services may call directly (`manager.insert`, a repository's) */
const DIRECT_WRITES = ['insert', 'update', 'delete', 'save', 'upsert', 'remove'] as const;

/**
 * Every write made on `db`'s entity manager (directly, or through a repository of it: a device
 * counters record, a staff's supply act) is run through `stop`: counted while under way, refused
 * once the stop began. A service that writes to the data source itself is so never cut by the
 * connection's close, whatever its own code counts.
 */
function guardDirectWrites(db: DataSource, stop: JournalStop): void {
  // a stand-in of a data source (a unit spec's) may have no entity manager
  const manager = db.manager as unknown as Record<string, unknown> | undefined;
  if (manager === undefined) return;
  for (const name of DIRECT_WRITES) {
    const write = manager[name];
    if (typeof write !== 'function') continue;
    manager[name] = (...args: unknown[]): Promise<unknown> =>
      stop.write(`a write on the data source (${name})`, () =>
        (write as (...a: unknown[]) => Promise<unknown>).apply(db.manager, args),
      );
  }
}

/** a statement that only reads (TypeORM's finds, counts and query builders, the journal's reads) */
const READ_STATEMENT = /^\s*\(?\s*(?:SELECT|WITH)\b/i;

/**
 * Every statement sent on `db` (through any query runner of it: `db.query`, its entity manager, a
 * repository, a query builder, a transaction) is counted by `stop` while under way, so the stop
 * waits for a read sent before the connection closes as for a write. Once the connection's close
 * began (`db.destroy`) or is done, one asked for is refused coded: a read JOURNAL_READ_FAILED, any
 * other statement JOURNAL_WRITE_FAILED, both with `stopping`; never the driver's uncoded error. A
 * read is answered while the connection is open, during the stop too: a write asked for after the
 * stop began keeps its own refusal (JOURNAL_WRITE_FAILED), whatever it read first.
 */
function guardStatements(db: DataSource, stop: JournalStop): void {
  // a stand-in of a data source (a unit spec's) may have neither
  const createQueryRunner = db.createQueryRunner as DataSource['createQueryRunner'] | undefined;
  const destroy = db.destroy as DataSource['destroy'] | undefined;
  if (typeof createQueryRunner !== 'function' || typeof destroy !== 'function') return;
  let closing = false;
  db.destroy = async () => {
    closing = true;
    try {
      await destroy.call(db);
    } finally {
      closing = false;
    }
  };
  // SQLite's driver hands out one query runner for all: guarded once
  const guarded = new WeakSet<QueryRunner>();
  db.createQueryRunner = (...args) => {
    const runner = createQueryRunner.apply(db, args);
    if (guarded.has(runner)) return runner;
    guarded.add(runner);
    const query = runner.query;
    runner.query = (sql: string, ...rest: unknown[]) => {
      const read = READ_STATEMENT.test(sql);
      const what = read ? 'a read of the journal' : 'a statement on the journal';
      if (closing || !db.isInitialized) {
        return Promise.reject(read ? readRefusedAtStop(what) : refusedAtStop(what));
      }
      return stop.statement(what, () =>
        (query as (...a: unknown[]) => Promise<unknown>).call(runner, sql, ...rest),
      );
    };
    return runner;
  };
}

/**
 * The stop of the journal on `db`: one per connection, shared by all that write through it, and
 * by every write on its entity manager (`guardDirectWrites`) and every statement sent on it
 * (`guardStatements`).
 */
export function journalStopOf(db: DataSource): JournalStop {
  let stop = stops.get(db);
  if (stop === undefined) {
    stop = new JournalStop();
    stops.set(db, stop);
    guardDirectWrites(db, stop);
    guardStatements(db, stop);
  }
  return stop;
}
