/**
 * The world of the PIN outcome specs: the real host simulator over HTTP (its fault surface to make
 * it answer 503; a PIN event held at its server until released, `holdNextPinEvent`), the daemon's
 * real host client, the real journal on one of its stores (a SQLite file or a PostgreSQL
 * database, `journal-stores.ts`) and the real background tries with short pauses. A run of the daemon is a journal opened on the store with its own `PinOutcomeReports`;
 * a restart stops the run as the daemon stops (its tries end, the journal closes once a try under
 * way is answered) and opens the next on the same store.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KioskConfig } from '@kiosk/config';
import type { HostSimulator } from '@kiosk/host-simulator';
import { eventually } from '@kiosk/domain/testing';
import { DataSource, type DataSourceOptions } from 'typeorm';
import { externalHost } from '../src/host/external-host.spec-support.js';
import { HostService } from '../src/host/host.service.js';
import { JournaledHostRetries } from '../src/host/journaled-host-retries.js';
import { JournalService } from '../src/journal/journal.service.js';
import { journalStopOf } from '../src/journal/journal-stop.js';
import { PIN_OUTCOME_STEP, PinOutcomeReports } from '../src/sessions/pin-outcome-to-host.js';
import { MetricsService } from '../src/telemetry/metrics.service.js';
import { pinEventHolds, type HeldPinEvent } from './held-pin-events.js';
import type { JournalStore } from './journal-stores.js';

export const KIOSK = 'JZ-9001';
const KEY = 'test-kiosk-key-JZ-9001-not-secret';
/** the host's fault surface set to answer every request 503: the host away */
export const HOST_AWAY = { failWith: { status: 503, code: 'HOST_UNAVAILABLE' } };

/** One run of the daemon on the journal: its journal, background tries and PIN outcome reports. */
export interface Run {
  readonly db: DataSource;
  readonly journal: JournalService;
  readonly retries: JournaledHostRetries;
  readonly reports: PinOutcomeReports;
  /** the kiosk stops: its tries end, its journal closes */
  stop(): Promise<void>;
}

export interface PinOutcomeWorld {
  readonly simulator: HostSimulator;
  readonly host: HostService;
  /** a run on the store's journal (the same database each time: a restart) */
  run(): Promise<Run>;
  /** the host's answered PIN events of a card (`ok` applied, `replay` answered from its idempotency store) */
  pinEventsAtHost(cardNumber: string): { outcome: string }[];
  /** the PIN events the host has received and not yet answered (its connection still open) */
  pinEventsUnderWayAtHost(): number;
  /** the next PIN event to arrive at the host held there until released; only that one */
  holdNextPinEvent(): HeldPinEvent;
  /** every PIN event of `cardNumber` (its tries again too) held at the host until released */
  holdPinEventsOf(cardNumber: string): HeldPinEvent;
  /** true once the host answered a PIN event 503 (its fault surface): the kiosk tries it again */
  unanswered(): boolean;
  /** the steps `host.pinOutcome` of a transaction, `phase:outcome#attempt` */
  reported(journal: JournalService, tx: string): Promise<string[]>;
  close(): Promise<void>;
}

export async function pinOutcomeWorld(store: JournalStore): Promise<PinOutcomeWorld> {
  const { simulator, connection } = await externalHost(KIOSK, KEY);
  const host = new HostService(connection, new MetricsService());
  const options: DataSourceOptions = await store.fresh();
  const keys = mkdtempSync(join(tmpdir(), 'kiosk-pin-outcome-keys-'));
  const config = {
    profile: 'test',
    kiosk: { id: 'JZ-0001' },
    journal: { driver: 'sqlite', path: ':memory:', retentionDays: 30, keyFile: join(keys, 'journal.key') },
  } as KioskConfig;
  const runs: Run[] = [];
  // the host's own server handles a request held here once it is released (its body waits unread)
  const holds = pinEventHolds(simulator.app.server);
  let underWay = 0;
  // the host's own server: a PIN event is under way from its arrival to its answer or its close
  simulator.app.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    if (!req.url?.includes('/pin-events')) return;
    underWay += 1;
    res.once('close', () => (underWay -= 1));
  });

  return {
    simulator,
    host,
    async run() {
      const db = new DataSource(options);
      await db.initialize();
      const journal = new JournalService(db, config);
      await journal.onModuleInit();
      const retries = new JournaledHostRetries(journal);
      retries.retry = { firstMs: 20, maxMs: 80 };
      let stopped = false;
      const run: Run = {
        db,
        journal,
        retries,
        reports: new PinOutcomeReports(journal, host, retries, db),
        async stop() {
          if (stopped) return;
          stopped = true;
          // the daemon's order: what waits for a next write written (a journal stopped already
          // refuses it: a crash), the tries stopped, then the journal's close (JournalCloser), which
          // waits for a try under way and journals its answer
          await journal.beforeApplicationShutdown().catch(() => undefined);
          retries.onApplicationShutdown();
          await journalStopOf(db).stop();
          if (db.isInitialized) await db.destroy();
        },
      };
      runs.push(run);
      return run;
    },
    pinEventsAtHost: (cardNumber) =>
      simulator.state.audit.filter(
        (a) =>
          a.action.includes('pin-events') &&
          (a.outcome === 'replay' || (a.outcome === 'ok' && a.cardNumber === cardNumber)),
      ),
    pinEventsUnderWayAtHost: () => underWay,
    holdNextPinEvent: () => holds.holdNext(),
    holdPinEventsOf: (cardNumber) => holds.holdEvery(cardNumber),
    unanswered: () =>
      simulator.state.audit.some((a) => a.action.includes('pin-events') && a.outcome === 'HOST_UNAVAILABLE'),
    async reported(journal, tx) {
      return (await journal.stepsOf(tx))
        .filter((s) => s.step === PIN_OUTCOME_STEP)
        .map((s) => {
          const d = JSON.parse(s.detail ?? '{}') as { outcome?: string; attempt?: number };
          return `${s.phase}:${d.outcome}#${d.attempt}`;
        });
    },
    async close() {
      holds.releaseAll();
      for (const r of runs.splice(0)) await r.stop();
      await connection.onApplicationShutdown();
      await simulator.close();
      rmSync(keys, { recursive: true, force: true });
    },
  };
}

/**
 * A spec's worlds on one journal store (`describe.each(journalStores(...))`): the store made once,
 * a fresh world before each spec (handed to `use`), closed after it, the store closed after all.
 */
export function eachPinOutcomeWorld(
  makeStore: () => JournalStore,
  use: (world: PinOutcomeWorld) => void,
): void {
  let store: JournalStore;
  let world: PinOutcomeWorld;
  beforeAll(() => {
    store = makeStore();
  });
  beforeEach(async () => {
    world = await pinOutcomeWorld(store);
    use(world);
  });
  afterEach(async () => {
    await world.close();
  });
  afterAll(async () => {
    await store.close();
  }, 30_000);
}

/**
 * A first run's session (`s-1`) with two wrong PINs of `cardNumber` while the host answers 503: the
 * first in the background tries (its failure journaled), the second behind it (`pauseMs`: the
 * tries' pauses, long for a kiosk with no try under way after the first).
 */
export async function twoWrongPinsOwed(
  world: PinOutcomeWorld,
  cardNumber: string,
  pauseMs?: number,
): Promise<{ first: Run; tx: string }> {
  const first = await world.run();
  if (pauseMs) first.retries.retry = { firstMs: pauseMs, maxMs: pauseMs };
  const tx = await first.journal.openTransaction('s-1', 'balance');
  world.simulator.faults.set(HOST_AWAY);
  // the first's send held at the host until the second is journaled owed: its failure, held for
  // the session's next write, comes after the second's intent whatever the machine's speed
  const firstSend = world.holdNextPinEvent();
  await first.reports.tell({ transactionId: tx }, cardNumber, { result: 'wrong', attemptsLeft: 2 }, 1);
  await first.reports.tell({ transactionId: tx }, cardNumber, { result: 'wrong', attemptsLeft: 1 }, 2);
  await eventually(() => firstSend.arrived(), 'the first sent', { withinMs: 10_000 });
  firstSend.release();
  // the first not answered: in the background tries, the second behind it
  await eventually(world.unanswered, 'the first not answered', { withinMs: 10_000 });
  await first.journal.closeTransaction(tx, 'completed', null);
  await eventually(
    async () => (await world.reported(first.journal, tx)).length === 3,
    'its failure journaled',
    {
      withinMs: 10_000,
    },
  );
  return { first, tx };
}
