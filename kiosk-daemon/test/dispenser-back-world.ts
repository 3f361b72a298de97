/**
 * The world of the dispenser-back-after-boot specs: a withdrawal cut short by a power cut with its
 * 200 yuan presented at the slot, then a boot with the cash dispenser silent. The bundled daemon
 * (`daemonStart`: two or three boots a case) on the journal store of the spec (a SQLite file in the
 * kiosk's folder, or a PostgreSQL database of its own), the host simulator in its own process, and
 * the daemon's LCDM driver on a pseudo terminal whose far end is the byte-level LCDM emulator on a
 * thread of its own (`emulator-thread.ts`): it stands for the dispenser, which outlives the daemons
 * (its notes stay where they are).
 */
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { DEMO_RESIDENTS, type KioskView } from '@kiosk/domain';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { lcdmOnThread, type LcdmOps, type OnThread } from './emulator-thread.js';
import type { HttpRelay } from './http-relay.js';
import type { JournalStore, KioskJournal } from './kill-harness-store.js';
import { daemonStart } from './kill-harness-world.js';
import { KIOSK_ID, KIOSK_KEY, startRecoveryWorld, type RecoveryWorld } from './recovery-world.js';
import { writeSerialProfile, type SerialProfile } from './serial-devices-config.js';
import { UiClient } from './ui-client.js';

const li = DEMO_RESIDENTS.find((r) => r.key === 'li')!;
export const AMOUNT_FEN = 20_000;
/** why boot recovery leaves a withdrawal for staff when the dispenser does not answer */
export const DISPENSER_SILENT = 'the dispenser does not answer: where the notes are is unknown';
/** the reopen that finds the dispenser back, quick (its defaults: first 5 s, doubling to 60 s) */
export const QUICK_REOPEN: readonly string[] = [
  ...['--set', 'devices.reopen.firstIntervalMs=500'],
  ...['--set', 'devices.reopen.maxIntervalMs=1000'],
];

/**
 * The reopen quick and a dispense's answer time 2 s: the in-service settlement specs'. A short
 * command's answer time and the ACK windows stay the product's (the driver's 2 s and 500 ms): the
 * emulator answers from its own thread, whatever the spec's Jest worker is doing.
 */
export const QUICK_DISPENSER: readonly string[] = [
  ...QUICK_REOPEN,
  ...['--set', 'devices.cashDispenser.dispenseTimeoutMs=2000'],
];

export interface HeldAtHost {
  readonly status: string;
  readonly heldFen: number;
  readonly paidFen: number;
  readonly reversedFen: number;
}

export interface StepRow {
  readonly step: string;
  readonly phase: string;
  readonly detail: string | null;
}

export class DispenserBackWorld {
  /** the dispenser: the LCDM emulator on its own thread */
  emulator!: OnThread<LcdmOps>;
  private world!: RecoveryWorld;
  private journal!: KioskJournal;
  private store!: JournalStore;
  private profile!: SerialProfile;
  private readonly daemons: DaemonProcess[] = [];
  private readonly uis: UiClient[] = [];

  /** `relay`: the daemons reach the host through it (`startRecoveryWorld`). */
  static async start(
    store: JournalStore,
    relay?: (hostUrl: string) => HttpRelay,
  ): Promise<DispenserBackWorld> {
    const w = new DispenserBackWorld();
    w.store = store;
    // the emulator's thread loads while the host starts: the world waits for neither twice
    [w.world, w.emulator] = await Promise.all([
      startRecoveryWorld({ dirPrefix: 'kiosk-dispenser-back-', ...(relay ? { relay } : {}) }),
      lcdmOnThread(),
    ]);
    w.journal = await store.fresh(w.world.dir);
    w.profile = writeSerialProfile({ cashDispenserPath: w.emulator.hostPath });
    return w;
  }

  /** The dispenser's cable back in on its side: it answers again. */
  plugIn(): Promise<void> {
    return this.emulator.plugIn();
  }

  /** The dispenser's cable out on its side: nothing answers on the line. */
  unplug(): Promise<void> {
    return this.emulator.unplug();
  }

  /** One start of the daemon on the world's folder and journal (`extra`: more arguments). */
  async boot(extra: readonly string[] = []): Promise<{ daemon: DaemonProcess; ui: UiClient }> {
    const daemon = await startDaemon(
      [...this.world.args, ...this.journal.args, ...this.profile.args, ...extra],
      daemonStart(this.world.dir),
    );
    this.daemons.push(daemon);
    const ui = new UiClient(daemon.url);
    this.uis.push(ui);
    await ui.connected();
    return { daemon, ui };
  }

  /**
   * The power cut: li's withdrawal of 200 yuan killed right after its notes were presented
   * (`journal.crashAt=after:cash.present:done`); answers its transaction.
   */
  async cutShortWithNotesAtSlot(): Promise<string> {
    const { daemon, ui } = await this.boot(['--set', 'journal.crashAt=after:cash.present:done']);
    await ui.waitForKiosk((k) => k.journeysOffered.includes('withdraw'), 20_000);
    await this.withdrawAmount(ui);
    expect((await daemon.ended).signal).toBe('SIGKILL');
    ui.close();
    return this.lastWithdrawal();
  }

  /** li's withdrawal up to its amount, then 200 yuan chosen (not awaited: the dispense follows). */
  async withdrawAmount(ui: UiClient): Promise<void> {
    await ui.startWithCardAndPin('withdraw', li.key, li.cardPin);
    await ui.waitForSession((v) => v?.step === 'placeIdCard', 15_000);
    await ui.emit('demo.idCard', { action: 'place', idCardId: li.key });
    await ui.waitForSession((v) => v?.step === 'chooseAmount', 15_000);
    void ui.emit('session.amount', { amountFen: AMOUNT_FEN }).catch(() => undefined);
  }

  /** The serial of the last withdrawal journaled. */
  async lastWithdrawal(): Promise<string> {
    const [made] = await this.rows<{ id: string }>(
      `SELECT "id" FROM "journal_transaction" WHERE "journey" = 'withdraw' ORDER BY "serial" DESC LIMIT 1`,
    );
    return made!.id;
  }

  /**
   * The power back with the dispenser silent: boot recovery leaves the withdrawal for staff (the
   * dispenser's reason) and the kiosk out of service. Answers the running daemon and its client.
   */
  async bootWithDispenserSilent(extra: readonly string[] = []) {
    await this.unplug();
    const booted = await this.boot(extra);
    const kiosk = await booted.ui.waitForKiosk((k) => k.mode !== 'booting' && k.mode !== 'selfTest', 30_000);
    return { ...booted, kiosk };
  }

  /**
   * Between two daemons: `tx` ended as a session that did not settle its hold ends (closed failed,
   * CASH_NOT_TAKEN), the money still held at the host, the notes where they are: only the sweep of
   * held withdrawals finds it (as `withdrawal-held-host-down-at-boot` closes it).
   */
  async endedUnsettled(tx: string): Promise<void> {
    const sql = `UPDATE "journal_transaction" SET "status" = 'closed', "outcome" = 'failed', "errorCode" = 'CASH_NOT_TAKEN', "endedAt" = $1 WHERE "id" = $2`;
    const params = [new Date().toISOString(), tx];
    if (this.store.name !== 'SQLite') {
      await this.journal.reader.all(sql, ...params);
      return;
    }
    const db = new Database(join(this.world.dir, 'journal.sqlite'), { fileMustExist: true });
    try {
      db.prepare(sql.replace(/\$\d+/g, '?')).run(...params);
    } finally {
      db.close();
    }
  }

  rows<T>(sql: string, ...params: unknown[]): Promise<T[]> {
    return this.journal.reader.all<T>(sql, ...params);
  }

  async steps(tx: string): Promise<StepRow[]> {
    return this.rows<StepRow>(
      `SELECT "step", "phase", "detail" FROM "journal_step" WHERE "transactionId" = $1 ORDER BY "seq"`,
      tx,
    );
  }

  async stepNames(tx: string): Promise<string[]> {
    return (await this.steps(tx)).map((s) => `${s.step}:${s.phase}`);
  }

  /** The reasons recovery journaled when it left `tx` for staff, in order. */
  async needsStaffReasons(tx: string): Promise<string[]> {
    return (await this.steps(tx))
      .filter((s) => s.step === 'recovery.needsStaff')
      .map((s) => (JSON.parse(s.detail ?? '{}') as { reason?: string }).reason ?? '');
  }

  async transaction(tx: string): Promise<{ status: string; outcome: string | null } | undefined> {
    const [row] = await this.rows<{ status: string; outcome: string | null }>(
      `SELECT "status", "outcome" FROM "journal_transaction" WHERE "id" = $1`,
      tx,
    );
    return row;
  }

  async atHost(tx: string): Promise<HeldAtHost[]> {
    const answer = await this.world.host
      .as(KIOSK_ID, KIOSK_KEY)
      .request<{ withdrawals: HeldAtHost[] }>('GET', `/v1/withdrawals?transactionSerial=${tx}`);
    return answer.withdrawals;
  }

  /** The retract bin's count in the journal's last record of the dispenser (the LCDM counts nothing itself). */
  async journalRetractBin(): Promise<number | undefined> {
    const [last] = await this.rows<{ counters: string }>(
      `SELECT "counters" FROM "device_counters" WHERE "kind" = 'cashDispenser' ORDER BY "id" DESC LIMIT 1`,
    );
    return last ? (JSON.parse(last.counters) as { retractBin?: number }).retractBin : undefined;
  }

  /** The notes in the dispenser's presenter and retract bin, as its mechanism holds them. */
  async notes(): Promise<{ presenter: number; retractBin: number }> {
    const { presenter, retractBin } = await this.emulator.snapshot();
    return { presenter: presenter.upper + presenter.lower, retractBin };
  }

  async dispose(): Promise<void> {
    for (const ui of this.uis.splice(0)) ui.close();
    for (const daemon of this.daemons.splice(0)) await daemon.stop();
    await this.emulator?.close();
    this.profile?.remove();
    await this.journal?.dispose();
    await this.world?.dispose();
  }
}

/** Resolves with how the daemon ended, or rejects after `ms` (a restart that never came). */
export function endedWithin(daemon: DaemonProcess, ms: number): Promise<NodeJS.Signals | null> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the daemon did not end in ${ms} ms`)), ms);
    void daemon.ended.then(({ signal }) => {
      clearTimeout(timer);
      resolve(signal);
    });
  });
}

/** The kiosk views pushed in a client's traffic, in order. */
export const kioskViews = (traffic: readonly string[]): KioskView[] =>
  traffic.filter((m) => m.startsWith('kiosk.view ')).map((m) => JSON.parse(m.slice(11)) as KioskView);

/**
 * The calling describe's worlds on `store`: `start` opens one for the case (`relay` as
 * `DispenserBackWorld.start` takes it), disposed after the case; the store closed after the last.
 */
export function dispenserBackWorlds(store: JournalStore): {
  start(relay?: (hostUrl: string) => HttpRelay): Promise<DispenserBackWorld>;
} {
  let world: DispenserBackWorld | undefined;
  afterEach(async () => {
    await world?.dispose();
    world = undefined;
  }, 30_000);
  afterAll(() => store.close());
  return {
    async start(relay) {
      world = await DispenserBackWorld.start(store, relay);
      return world;
    },
  };
}
