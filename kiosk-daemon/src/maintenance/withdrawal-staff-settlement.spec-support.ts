/**
 * The world of the withdrawal staff-settlement specs: a real journal (SQLite in a temp folder), the
 * real host simulator (embedded, over HTTP) behind a link the spec takes down or holds at a gate,
 * the cash dispenser emulator, and a withdrawal recovery left for staff: 300 yuan authorised at the
 * host, dispensed and presented, then cut short while its notes were being pulled back, the
 * presenter found empty and the retract bin not counting them (`recovery.needsStaff`). The
 * maintenance service with the demo staff and the device checks run on the real
 * SessionRecoveryService.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@kiosk/config';
import { CashDispenserEmulator } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, demoResident } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { journeyTools } from '../journeys/journey-tools.js';
import { dispenserCounts } from '../journeys/withdrawal-journey.js';
import { hostLink, journalPresented } from '../journeys/withdrawal-host-link.spec-support.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { MaintenanceService } from './maintenance.service.js';
import {
  maintenanceOn,
  openSpecJournal,
  STAFF_PINS,
  staffConfig,
  staffPinPad,
} from './staff-journal.spec-support.js';

export const AMOUNT = 30_000;
const li = demoResident('li')!;

export async function withdrawalSettlementWorld() {
  const dir = mkdtempSync(join(tmpdir(), 'withdrawal-settlement-'));
  const config = staffConfig(dir);
  const { db, journal } = await openSpecJournal(config);
  const connection = new HostConnection(loadConfig({ profile: 'test' }));
  await connection.onModuleInit();
  const simulator = connection.embedded()!;
  const realHost = new HostService(connection, new MetricsService());
  const { host, link } = hostLink(realHost, false);
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  const staffPad = staffPinPad();
  const devices = {
    pinPad: staffPad.pinPad,
    cardReader: { cardPosition: () => 'none' },
    cashDispenser: dispenser,
    statuses: () => [dispenser.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
  /** A daemon's recovery (a new one is a restarted kiosk), reaching the host through the link. */
  const newRecovery = () => new SessionRecoveryService(devices, journal, host);
  const recoveries: SessionRecoveryService[] = [];
  const maintenances: MaintenanceService[] = [];
  const daemon = () => {
    const recovery = newRecovery();
    recoveries.push(recovery);
    const { maintenance, checks } = maintenanceOn(devices, journal, config, recovery);
    maintenances.push(maintenance);
    return {
      recovery,
      maintenance,
      checks,
      logIn: (staffId: keyof typeof STAFF_PINS) => staffPad.logIn(maintenance, staffId),
    };
  };
  const first = daemon();

  // the withdrawal: authorised, dispensed and presented, cut short while its notes were pulled back
  const tx = await journal.openTransaction('s1', 'withdraw');
  const tools = journeyTools(
    journal,
    tx,
    () => 'en',
    () => undefined,
  );
  const before = simulator.state.balanceOfCard(li.cardNumber)!;
  await journalPresented(tools, tx, realHost, dispenser, AMOUNT);
  await journal.recordStep(tx, 'cash.retract', 'intent', dispenserCounts(dispenser));
  dispenser.takeCash(); // gone from the presenter, the retract bin counted nothing: nobody knows where
  await first.recovery.recoverUnfinished().then(
    () => {
      throw new Error('expected the withdrawal left for staff');
    },
    (e: unknown) => {
      if (KioskError.from(e).code !== ErrorCode.WITHDRAWAL_UNDECIDED) throw e;
    },
  );

  const ledger = (kind: 'withdrawalReversal' | 'withdrawalPaid') =>
    simulator.state.ledger.transactions().filter((t) => t.kind === kind).length;
  const stepCount = async (step: string) =>
    (await journal.stepsOf(tx)).filter((s) => `${s.step}:${s.phase}` === step).length;
  return {
    journal,
    link,
    tx,
    before,
    first,
    daemon,
    ledger,
    stepCount,
    balance: () => simulator.state.balanceOfCard(li.cardNumber)!,
    held: async () => (await realHost.withdrawalByKey(tx))?.heldFen,
    isOpen: async () => (await journal.openTransactions()).some((t) => t.id === tx),
    /** As settleWithdrawalByStaff journals it before anything else, cut off right after (a restart). */
    verdictJournaled: (verdict: 'paid' | 'notPaid') =>
      journal.recordStep(tx, 'recovery.staffVerdict', 'event', { verdict, staff: 'FS-0002' }),
    async close() {
      for (const r of recoveries) r.onApplicationShutdown();
      for (const m of maintenances) await m.onApplicationShutdown();
      await connection.onApplicationShutdown();
      await dispenser.close();
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export type WithdrawalSettlementWorld = Awaited<ReturnType<typeof withdrawalSettlementWorld>>;
