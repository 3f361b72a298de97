/**
 * The world of the withdrawal staff-settlement specs: a real journal (SQLite in a temp folder), the
 * real host simulator (embedded, over HTTP) behind a link the spec takes down or holds at a gate,
 * the cash dispenser emulator, and a withdrawal recovery left for staff: 300 yuan authorised at the
 * host, dispensed and presented, then cut short while its notes were being pulled back, the
 * presenter found empty and the retract bin not counting them (`recovery.needsStaff`). The
 * maintenance service with the demo staff and the device checks run on the real
 * SessionRecoveryService.
 */
import { jest } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '@kiosk/config';
import { CashDispenserEmulator, SecurePin } from '@kiosk/device-drivers';
import { ErrorCode, KioskError, demoResident } from '@kiosk/domain';
import type { DevicesService } from '../devices/devices.service.js';
import { HostConnection } from '../host/host-connection.js';
import { HostService } from '../host/host.service.js';
import { journeyTools } from '../journeys/journey-tools.js';
import { dispenserCounts } from '../journeys/withdrawal-journey.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import type { SessionsService } from '../sessions/sessions.service.js';
import { MetricsService } from '../telemetry/metrics.service.js';
import { MaintenanceDeviceChecksService } from './maintenance-device-checks.service.js';
import { MaintenanceService } from './maintenance.service.js';
import { openSpecJournal, STAFF_PINS, staffConfig } from './staff-journal.spec-support.js';

export const AMOUNT = 30_000;
const li = demoResident('li')!;

/**
 * The host as the kiosk reaches it: `down` refuses every call (unreachable), `answerLost` lets a
 * confirm or reversal through and loses its answer, `hold()` holds the next confirm or reversal
 * before it reaches the host until released.
 */
export interface SpecLink {
  down: boolean;
  answerLost: boolean;
  hold(): { waiting: Promise<void>; release: () => void };
}

function hostLink(host: HostService): { host: HostService; link: SpecLink } {
  let gate: Promise<void> | undefined;
  let arrived: (() => void) | undefined;
  const link: SpecLink = {
    down: false,
    answerLost: false,
    hold() {
      let release!: () => void;
      gate = new Promise<void>((resolve) => (release = resolve));
      const waiting = new Promise<void>((resolve) => (arrived = resolve));
      return {
        waiting,
        release: () => {
          gate = undefined;
          release();
        },
      };
    },
  };
  const unreachable = () => new KioskError(ErrorCode.HOST_UNREACHABLE, 'The back office cannot be reached.');
  const asked = async <T>(ask: () => Promise<T>): Promise<T> => {
    if (link.down) throw unreachable();
    return ask();
  };
  const acted = async <T>(act: () => Promise<T>): Promise<T> => {
    arrived?.();
    if (gate) await gate;
    if (link.down) throw unreachable();
    const answer = await act();
    if (link.answerLost)
      throw new KioskError(ErrorCode.HOST_TIMEOUT, 'The back office did not answer in time.');
    return answer;
  };
  const wrapped = Object.create(host) as HostService;
  wrapped.reverseWithdrawal = (...args) => acted(() => host.reverseWithdrawal(...args));
  wrapped.confirmWithdrawal = (...args) => acted(() => host.confirmWithdrawal(...args));
  wrapped.authorisedWithdrawals = (...args) => asked(() => host.authorisedWithdrawals(...args));
  wrapped.withdrawalByKey = (...args) => asked(() => host.withdrawalByKey(...args));
  return { host: wrapped, link };
}

export async function withdrawalSettlementWorld() {
  const dir = mkdtempSync(join(tmpdir(), 'withdrawal-settlement-'));
  const config = staffConfig(dir);
  const { db, journal } = await openSpecJournal(config);
  const connection = new HostConnection(loadConfig({ profile: 'test' }));
  await connection.onModuleInit();
  const simulator = connection.embedded()!;
  const realHost = new HostService(connection, new MetricsService());
  const { host, link } = hostLink(realHost);
  const dispenser = new CashDispenserEmulator();
  await dispenser.open();
  let nextPin = '';
  const devices = {
    pinPad: {
      collectPin: async () => ({
        result: 'entered' as const,
        pin: SecurePin.fromKeys([...nextPin].map(Number)),
      }),
    },
    cardReader: { cardPosition: () => 'none' },
    cashDispenser: dispenser,
    statuses: () => [dispenser.status()],
    onAnyStatus: () => () => undefined,
  } as unknown as DevicesService;
  const sessions = { sessionInProgress: false, enterMaintenance: jest.fn(), exitMaintenance: jest.fn() };
  /** A daemon's recovery (a new one is a restarted kiosk), reaching the host through the link. */
  const newRecovery = () => new SessionRecoveryService(devices, journal, host);
  const recoveries: SessionRecoveryService[] = [];
  const maintenances: MaintenanceService[] = [];
  const daemon = () => {
    const recovery = newRecovery();
    recoveries.push(recovery);
    const maintenance = new MaintenanceService(
      sessions as unknown as SessionsService,
      devices,
      journal,
      journal.counters,
      config,
    );
    maintenances.push(maintenance);
    const checks = new MaintenanceDeviceChecksService(
      maintenance,
      sessions as unknown as SessionsService,
      devices,
      journal,
      recovery,
    );
    return {
      recovery,
      maintenance,
      checks,
      async logIn(staffId: keyof typeof STAFF_PINS) {
        nextPin = STAFF_PINS[staffId];
        return (await maintenance.logIn(staffId)).token;
      },
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
  const view = await tools.irreversible(
    'withdrawal.authorise',
    () =>
      realHost.authoriseWithdrawal({
        cardNumber: li.cardNumber,
        idNumber: li.idNumber,
        amountFen: AMOUNT,
        transactionSerial: tx,
      }),
    { amountFen: AMOUNT },
  );
  await tools.step('withdrawal.authorised', { authorisationId: view.authorisationId, amountFen: AMOUNT });
  await tools.irreversible('cash.dispense', () => dispenser.dispense(AMOUNT), {
    amountFen: AMOUNT,
    ...dispenserCounts(dispenser),
  });
  await tools.irreversible('cash.present', () => dispenser.present());
  await journal.recordStep(tx, 'cash.retract', 'intent', dispenserCounts(dispenser));
  dispenser.takeCash(); // gone from the presenter, the retract bin counted nothing: nobody knows where
  await first.recovery.recoverUnfinished().then(
    () => {
      throw new Error('expected the withdrawal left for staff');
    },
    (e: unknown) => {
      if (KioskError.from(e).code !== ErrorCode.SESSION_INTERRUPTED) throw e;
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
