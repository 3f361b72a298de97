/**
 * The world of the recovery e2e specs: daemons killed and booted again on one SQLite journal in a
 * temp folder, the host simulator in its own process (the application outlives the daemons),
 * reached directly or through a spec's relay; and what those specs read back from the journal.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEMO_ISSUER_KEY } from '@kiosk/device-drivers';
import type { KioskView } from '@kiosk/domain';
import { startDaemon, startHostProcess, type DaemonProcess, type HostProcess } from './daemon-process.js';
import type { HttpRelay } from './http-relay.js';
import { daemonStart } from './kill-harness-world.js';
import { DEMO_SUPERVISOR as SUPERVISOR, maintenanceCall, staffLogIn } from './maintenance-client.js';
import { readJournalFile } from './journal-steps.js';
import { UiClient } from './ui-client.js';

export const KIOSK_ID = 'JZ-9001';
export const KIOSK_KEY = 'test-kiosk-key-JZ-9001-not-secret';

export interface RecoveryWorld {
  /** the daemons' folder: journal, emulators' mechanisms */
  readonly dir: string;
  readonly host: HostProcess;
  /** the daemons' arguments: the demo panel and the external host (or the relay in front of it) */
  readonly args: string[];
  dispose(): Promise<void>;
}

/**
 * Starts the host process and makes the folder. `cards`: the host knows the emulated cards'
 * issuer key and the daemon names its kiosk key (card making). `relay`: the daemons reach the host
 * through it (started here, stopped by `dispose`).
 */
export async function startRecoveryWorld(options: {
  dirPrefix: string;
  cards?: boolean;
  relay?: (hostUrl: string) => HttpRelay;
}): Promise<RecoveryWorld> {
  const dir = mkdtempSync(join(tmpdir(), options.dirPrefix));
  const host = await startHostProcess({
    kiosks: { [KIOSK_ID]: KIOSK_KEY },
    ...(options.cards ? { issuerMasterKey: DEMO_ISSUER_KEY.toString('hex') } : {}),
  });
  const relay = options.relay?.(host.url);
  await relay?.start();
  const args = [
    ...['--set', 'demo.panel=true'],
    ...['--set', 'host.mode=external', '--set', `host.url=${relay?.url ?? host.url}`],
    ...(options.cards ? ['--set', `host.kioskKey=${KIOSK_KEY}`] : []),
  ];
  return {
    dir,
    host,
    args,
    async dispose() {
      await relay?.stop();
      await host.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A withdrawal at the host as it stands (held, paid, given back), by the kiosk's serial. */
export interface WithdrawalAtHost {
  readonly status: string;
  readonly heldFen: number;
  readonly paidFen: number;
  readonly reversedFen: number;
}

/** The host's withdrawals under `transactionId`, this world's kiosk's (none or one). */
export const withdrawalsAtHost = (world: RecoveryWorld, transactionId: string) =>
  world.host
    .as(KIOSK_ID, KIOSK_KEY)
    .request<{ withdrawals: WithdrawalAtHost[] }>('GET', `/v1/withdrawals?transactionSerial=${transactionId}`)
    .then((r) => r.withdrawals);

/** Rows of a query on the journal in `dir`, read-only. */
export function journalRows<T>(dir: string, sql: string, ...params: unknown[]): T[] {
  return readJournalFile(join(dir, 'journal.sqlite'), (db) => db.prepare(sql).all(...params) as T[]);
}

/** The transaction's journaled steps, `step:phase`, in order. */
export function transactionSteps(dir: string, transactionId: string): string[] {
  return journalRows<{ step: string; phase: string }>(
    dir,
    `SELECT step, phase FROM journal_step WHERE transactionId = ? ORDER BY seq`,
    transactionId,
  ).map((r) => `${r.step}:${r.phase}`);
}

/** The transaction's status rows (one, when it exists). */
export const transactionStatus = (dir: string, transactionId: string) =>
  journalRows<{ status: string }>(dir, `SELECT status FROM journal_transaction WHERE id = ?`, transactionId);

/** The id of the latest transaction of `journey` in the journal. */
export function latestTransaction(dir: string, journey: string): string {
  const [made] = journalRows<{ id: string }>(
    dir,
    `SELECT id FROM journal_transaction WHERE journey = ? ORDER BY serial DESC LIMIT 1`,
    journey,
  );
  return made!.id;
}

/**
 * Boots a daemon on a journal with a transaction left for staff; a supervisor gives the verdict
 * (`verdict` says where to post what, and may look first) and the power goes once it is journaled
 * (`journal.crashAt=after:recovery.staffVerdict:event`): the call is never answered.
 */
export async function verdictCutShort(
  world: RecoveryWorld,
  verdict: (url: string, token: string) => Promise<{ path: string; body: unknown }>,
): Promise<void> {
  const daemon = await startDaemon(
    [...world.args, '--set', 'journal.crashAt=after:recovery.staffVerdict:event'],
    daemonStart(world.dir),
  );
  const ui = new UiClient(daemon.url);
  try {
    await ui.connected();
    expect(await ui.waitForKiosk(() => true)).toMatchObject({ mode: 'outOfService' });
    const login = await staffLogIn(daemon.url, ui, SUPERVISOR);
    expect(login.status).toBe(200);
    const token = login.body.token as string;
    const { path, body } = await verdict(daemon.url, token);
    const settling = maintenanceCall(daemon.url, 'POST', path, { token, body });
    await expect(settling).rejects.toThrow(); // the daemon is gone before it answers
    expect((await daemon.ended).signal).toBe('SIGKILL');
  } finally {
    ui.close();
  }
}

/** Boots a daemon on the world's journal; resolves once the kiosk is back in service (or degraded). */
export async function bootInService(
  world: RecoveryWorld,
  withinMs: number,
): Promise<{ daemon: DaemonProcess; kiosk: KioskView }> {
  const daemon = await startDaemon(world.args, daemonStart(world.dir));
  const ui = new UiClient(daemon.url);
  try {
    await ui.connected();
    const kiosk = await ui.waitForKiosk((v) => v.mode === 'inService' || v.mode === 'degraded', withinMs);
    return { daemon, kiosk };
  } catch (error) {
    await daemon.stop();
    throw error;
  } finally {
    ui.close();
  }
}
