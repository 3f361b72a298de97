/**
 * The kill harness's worlds (see kill-harness.ts): one kiosk each, with its own host process (the
 * back office outlives the kiosk), folder (the emulators' mechanisms and cards kept in files) and
 * journal; what a journey entry gives the harness; and what the harness reads back from a world.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS, type DemoResident } from '@kiosk/domain';
import { bundledMain } from './bundled-main.js';
import { startHostProcess, type HostClient, type StartOptions } from './daemon-process.js';
import type { JournalReader, JournalStore, KioskJournal } from './kill-harness-store.js';
import type { UiClient } from './ui-client.js';

/** One kiosk with its own host process, folder and journal. */
export interface World {
  readonly dir: string;
  /** the host process, spoken to as this world's kiosk */
  readonly host: HostClient;
  readonly journal: JournalReader;
  /** the demo resident whose card, PIN, ID card and account this world uses */
  readonly resident: DemoResident;
}

export interface JourneyEntry {
  /** how the table names this entry */
  readonly name: string;
  /** the journey the transaction runs (`journal_transaction.journey`) */
  readonly journey: string;
  /** the demo residents of the two chains (one each) */
  readonly residents: readonly [string, string];
  /** configuration this entry needs on top of the harness's own (`--set` pairs) */
  readonly args?: readonly string[];
  /** kill before every event of the transaction, not only those after its first intent */
  readonly killBeforeEveryEvent?: boolean;
  /** entries of one group kill a step:phase once (the first entry that reaches it) */
  readonly group?: string;
  /** points this entry kills again although an earlier entry of its group killed them */
  readonly killAgain?: (point: string) => boolean;
  /** the resident's whole journey; rejects when the daemon goes away */
  drive(world: World, ui: UiClient): Promise<void>;
  /** violated invariants of this journey's goods (money, blanks, cards) after a recovery */
  invariants(world: World): Promise<string[]>;
  /** one cell of the table: what recovery made of the transaction */
  outcome(world: World, transactionId: string): Promise<string>;
  /** false when the resident cannot drive this journey again here (the card was issued) */
  canDriveAgain?(world: World): Promise<boolean>;
  /** the points this entry kills, of those its reference run names (a lean subset); all when absent */
  readonly only?: (point: string) => boolean;
  /** staff's work in a fresh world before its first drive (on the daemon that drives it) */
  prepare?(world: World, ui: UiClient): Promise<void>;
  /**
   * A recovery that leaves this entry's transaction to staff (`recovery.needsStaff`) keeps the kiosk
   * in service: a staff act no device can tell is asked at the next visit (ADR 0022), not a fault
   */
  readonly needsStaffInService?: boolean;
  /** violated invariants only the recovered daemon can tell (staff's reports), read while it runs */
  liveInvariants?(world: World, ui: UiClient, needsStaff: boolean): Promise<string[]>;
}

/** A world and what the chain needs to run daemons in it. */
export interface LiveWorld extends World {
  readonly args: readonly string[];
  dispose(): Promise<void>;
}

const RULES = { dailyWithdrawalCount: 1000, dailyWithdrawalCapFen: 100_000_000, retractionsToBlock: 1000 };
/** two chains side by side (two kiosks), so the points take half the time */
export const KIOSKS = ['JZ-9001', 'JZ-9002'] as const;
const keyOf = (kioskId: string) => `test-kiosk-key-${kioskId}-not-secret`;
export const NOTE_FEN = 10_000;
export const NOTES_LOADED = 300;
export const BLANKS_LOADED = 40;
/** how long a drive waits for a screen: the harness runs beside other suites on 2 cores */
export const WAIT_MS = 30_000;
/** how long a daemon may take to boot (and recover) on such a machine */
export const BOOT_MS = 60_000;

/**
 * How the harness starts a daemon: the bundle a terminal starts, ready on about a quarter of the tsc
 * output's CPU (bundled-main.ts); each point is one start, so boot was most of the harness's time.
 */
export function daemonStart(dir: string): StartOptions {
  return { dir, readyTimeoutMs: BOOT_MS, entry: bundledMain() };
}

export async function openWorld(
  store: JournalStore,
  kioskId: string,
  residentKey: string,
  entryArgs: readonly string[],
): Promise<LiveWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'kiosk-kill-'));
  let journal: KioskJournal | undefined;
  try {
    const host = await startHostProcess({
      kiosks: { [kioskId]: keyOf(kioskId) },
      rules: RULES,
      issuerMasterKey: DEMO_ISSUER_KEY.toString('hex'),
      residents: 0,
    });
    journal = await store.fresh(dir);
    const opened = journal;
    return {
      dir,
      host: host.as(kioskId, keyOf(kioskId)),
      journal: opened.reader,
      resident: DEMO_RESIDENTS.find((r) => r.key === residentKey)!,
      args: [
        ...opened.args,
        ...['--set', 'demo.panel=true', '--set', `kiosk.id=${kioskId}`],
        ...['--set', 'host.mode=external', '--set', `host.url=${host.url}`],
        ...['--set', `host.kioskKey=${keyOf(kioskId)}`],
        ...['--set', 'caps.withdrawalsPerDay=1000', '--set', 'caps.dailyWithdrawalFen=100000000'],
        '--set',
        `devices.cashDispenser.cassettes=[{denominationFen: ${NOTE_FEN}, count: ${NOTES_LOADED}}]`,
        ...['--set', `devices.cardPrinter.hopper=${BLANKS_LOADED}`],
        ...entryArgs,
      ],
      async dispose() {
        await host.stop();
        await opened.dispose();
        rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
      },
    };
  } catch (e) {
    await journal?.dispose();
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
    throw e;
  }
}

export async function stepsOf(journal: JournalReader, transactionId: string): Promise<string[]> {
  const rows = await journal.all<{ step: string; phase: string }>(
    `SELECT "step", "phase" FROM "journal_step" WHERE "transactionId" = $1 ORDER BY "seq"`,
    transactionId,
  );
  return rows.map((r) => `${r.step}:${r.phase}`);
}

export async function lastTransaction(journal: JournalReader, journey: string): Promise<string | undefined> {
  const [row] = await journal.all<{ id: string }>(
    `SELECT "id" FROM "journal_transaction" WHERE "journey" = $1 ORDER BY "serial" DESC LIMIT 1`,
    journey,
  );
  return row?.id;
}

/** A JSON state file the daemon's emulators keep in the kiosk's folder. */
export function stateFile<T>(world: World, name: string): T {
  return JSON.parse(readFileSync(join(world.dir, name), 'utf8')) as T;
}
