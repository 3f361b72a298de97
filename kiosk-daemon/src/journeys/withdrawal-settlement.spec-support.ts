/**
 * One withdrawal's world for the specs of its reversal and confirm at the host: the real journal
 * (SQLite in memory), the real host simulator (embedded, over HTTP) behind a link the spec takes
 * down, the dispenser emulator, the background tries, and recovery at boot. Torn down after each
 * test.
 */
import { afterEach, expect } from '@jest/globals';
import { loadConfig } from '@kiosk/config';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, demoResident } from '@kiosk/domain';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { openMemoryJournal } from '../journal/memory-journal.spec-support.js';
import type { DataSource } from '../journal/typeorm-runtime.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { journeyTools } from './journey-tools.js';
import { WithdrawalHoldRelease } from './withdrawal-hold-release.js';
import { reverseAtHost } from './withdrawal-host-settlement.js';
import { CASH_LEFT_IN_PRESENTER } from './withdrawal-retract.js';
import { dispenserCounts } from './withdrawal-journey.js';
import { hostLink, journalPresented } from './withdrawal-host-link.spec-support.js';
import { dispenserOnlyDevices } from '../sessions/recovery-devices.spec-support.js';

const li = demoResident('li')!;
export const AMOUNT = 30_000;

let connection: HostConnection | undefined;
let db: DataSource | undefined;
const retriers: WithdrawalHoldRelease[] = [];

afterEach(async () => {
  for (const r of retriers.splice(0)) r.retries.onApplicationShutdown();
  await connection?.onApplicationShutdown();
  await db?.destroy();
  connection = undefined;
  db = undefined;
});

export async function withdrawalWorld(retryFirstMs = 5) {
  const opened = await openMemoryJournal();
  db = opened.db;
  const { journal } = opened;
  connection = new HostConnection(loadConfig({ profile: 'test' }));
  await connection.onModuleInit();
  const simulator = connection.embedded()!;
  const host = new HostService(connection, new MetricsService());
  const { host: kioskHost, link } = hostLink(host, true);
  /** A retrier reaching the host through the link, or through `through` (the host as it is). */
  const newRetrier = (through: HostService = kioskHost) => {
    const retrier = new WithdrawalHoldRelease(journal, through, opened.db);
    retrier.retries.retry = { firstMs: retryFirstMs, maxMs: 40 };
    retriers.push(retrier);
    return retrier;
  };
  const retrier = newRetrier();
  const deps = { host: kioskHost, retries: retrier.retries };
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const tx = await journal.openTransaction('s1', 'withdraw');
  const tools = journeyTools(
    journal,
    tx,
    () => 'en',
    () => undefined,
  );
  const before = simulator.state.balanceOfCard(li.cardNumber)!;
  const balance = () => simulator.state.balanceOfCard(li.cardNumber)!;
  const ledger = (kind: 'withdrawalReversal' | 'withdrawalPaid') =>
    simulator.state.ledger.transactions().filter((t) => t.kind === kind).length;
  const steps = async () => (await journal.stepsOf(tx)).map((s) => `${s.step}:${s.phase}`);

  /** The journey up to the notes at the slot, journaled as the journey does; the authorisation id. */
  const presented = (): Promise<string> => journalPresented(tools, tx, host, dispenser, AMOUNT);
  /**
   * The journey's notes left in the presenter (its retract unanswered: DEVICE_TIMEOUT) and its
   * session ended, the transaction closed CASH_NOT_TAKEN: still held at the host.
   */
  const leftInPresenter = async () => {
    await presented();
    await tools.step(CASH_LEFT_IN_PRESENTER, {
      forStaff: true,
      code: ErrorCode.DEVICE_TIMEOUT,
      presenter: 'presented',
    });
    await journal.closeTransaction(tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
  };
  const retracted = async () => {
    const r = await tools.irreversible('cash.retract', () => dispenser.retract(), {
      retractBinBefore: dispenserCounts(dispenser).retractBinBefore,
    });
    await tools.step('cash.retracted', { retractedFen: r.retractedFen, notes: r.notes });
  };
  /**
   * The journey up to the notes retracted, then its reversal the host did not answer (the link
   * down): left to the background tries. The authorisation id.
   */
  const reversalUnanswered = async (): Promise<string> => {
    const authorisationId = await presented();
    await retracted();
    await expect(
      reverseAtHost(deps, tools, authorisationId, AMOUNT, ErrorCode.CASH_NOT_TAKEN),
    ).rejects.toMatchObject({ code: ErrorCode.HOST_UNREACHABLE });
    return authorisationId;
  };
  /** …and then the kiosk stopped: its background tries end, the transaction closed failed. */
  const reversalUnansweredThenStopped = async (): Promise<string> => {
    const authorisationId = await reversalUnanswered();
    retrier.retries.onApplicationShutdown();
    await journal.closeTransaction(tx, 'failed', ErrorCode.CASH_NOT_TAKEN);
    return authorisationId;
  };
  /**
   * The three notes at the slot, a retract of them journaled (`step`'s intent, with what is at the
   * slot), the resident taking one as the RETRACT runs, the kiosk stopping before its done.
   */
  const retractCutShort = async (step = 'cash.retract') => {
    await journal.recordStep(tx, step, 'intent', {
      retractBinBefore: dispenserCounts(dispenser).retractBinBefore,
      atSlotFen: AMOUNT,
      atSlotNotes: 3,
    });
    expect(dispenser.takeSomeCash(1)).toBe(true);
    expect(await dispenser.retract()).toMatchObject({ notes: 2 });
  };
  const taken = async () => {
    dispenser.takeCash();
    await tools.step('cash.taken', { paidFen: AMOUNT });
  };
  /** Recovery's service reaching the host through `through`, with `retrier`'s background tries. */
  const recoveryThrough = (through: HostService, retrier: WithdrawalHoldRelease) =>
    new SessionRecoveryService(
      dispenserOnlyDevices(dispenser),
      journal,
      through,
      undefined,
      undefined,
      retrier,
      undefined,
      undefined,
      retrier.retries,
    );
  /**
   * Recovery at boot (by default a restarted kiosk's, with no background tries), with the host
   * reachable, or `behindLink`: recovery reaches the host through the link the spec takes down.
   */
  const boot = async (bootRetrier = newRetrier(), behindLink = false) => {
    const recovery = recoveryThrough(behindLink ? kioskHost : host, bootRetrier);
    const report = await recovery.recoverUnfinished();
    recovery.onApplicationShutdown();
    return report;
  };
  return {
    db: opened.db,
    journal,
    host,
    dispenser,
    simulator,
    link,
    retrier,
    deps,
    tx,
    tools,
    before,
    balance,
    ledger,
    steps,
    presented,
    leftInPresenter,
    retracted,
    reversalUnanswered,
    reversalUnansweredThenStopped,
    retractCutShort,
    taken,
    boot,
    newRetrier,
    recoveryThrough,
  };
}

/**
 * The notes at the slot of a withdrawal the host ended by itself taken into the retract bin after
 * the host's word, counted once (journal first: its word, the retract's intent, its done; the
 * counters keep them); a boot after retracts nothing more.
 */
export async function expectRetractedAfterHostsWord(
  w: Awaited<ReturnType<typeof withdrawalWorld>>,
  binBefore: number,
): Promise<void> {
  expect(w.dispenser.presenter()).toMatchObject({ state: 'empty' });
  expect(dispenserCounts(w.dispenser).retractBinBefore).toBe(binBefore + 3);
  const steps = await w.steps();
  expect(steps.slice(steps.indexOf('recovery.withdrawal.settledByHost:event'))).toEqual([
    'recovery.withdrawal.settledByHost:event',
    'recovery.cash.retract:intent',
    'recovery.cash.retract:done',
  ]);
  expect((await w.journal.counters.latestCounters()).cashDispenser?.counters.retractBin).toBe(binBefore + 3);
  await w.boot();
  expect((await w.steps()).filter((s) => s.startsWith('recovery.cash.retract'))).toHaveLength(2);
}

export const isDone = (step: string) => async (w: { steps: () => Promise<string[]> }) =>
  (await w.steps()).includes(`${step}:done`);

/** The resident takes `notes` of the notes at the slot in the instant the retract runs. */
export function takeAsRetractRuns(dispenser: CashDispenserEmulator, notes: number): void {
  const retract = dispenser.retract.bind(dispenser);
  dispenser.retract = (signal?: AbortSignal) => {
    expect(dispenser.takeSomeCash(notes)).toBe(true);
    return retract(signal);
  };
}
