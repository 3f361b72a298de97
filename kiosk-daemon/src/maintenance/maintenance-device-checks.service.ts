/**
 * Field staff's device checks: a test dispense (one note of each cassette into the reject bin), a
 * test card (a blank through the chip station and the print station into the reject bin), clearing
 * a device's fault (its own self test re-run: back in service when healthy, else it stays out with
 * MAINTENANCE_FAULT_PERSISTS), and settling a withdrawal or a card making recovery left for staff
 * (supervisors).
 * Each is journaled first, acted, its counts journaled, and told to the fleet.
 */
import { Injectable, Optional } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import {
  DEVICE_KINDS,
  ErrorCode,
  KioskError,
  type DeviceKind,
  type DeviceStatus,
  type JammedCardWhereabouts,
  type PendingCardMaking,
  type PendingWithdrawalSettlement,
} from '@kiosk/domain';
import { HostService } from '../host/host.service.js';
import { DevicesService } from '../devices/devices.service.js';
import { recordDeviceCounters } from '../journeys/journey-tools.js';
import type { CardWhereabouts } from '../journeys/issuance-staff-settlement.js';
import type { OldCardWhereabouts } from '../journeys/old-card-staff-settlement.js';
import { verdictDetail, type WithdrawalVerdict } from '../journeys/withdrawal-verdict.js';
import { JournalService, type StepDetail } from '../journal/journal.service.js';
import { outlivingItsJourney } from '../journal/late-writes.js';
import { SessionRecoveryService } from '../sessions/session-recovery.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import {
  ANY_STAFF,
  MaintenanceService,
  SUPERVISORS,
  type MaintenanceAction,
  type MaintenanceEvent,
} from './maintenance.service.js';
import { pendingCardMakings } from './pending-card-makings.js';
import { pendingWithdrawals } from './pending-withdrawals.js';
import { clearDeviceFault } from './clear-device-fault.js';
import { guardStaffAction } from './staff-guard.js';
import { inSupplyTurn } from './supply-turns.js';
import { runTestCard } from './test-card.js';
import { runTestDispense } from './test-dispense.js';

/**
 * How long the supervisor's list waits for the host's list of held withdrawals: a host away (when
 * staff are often called) costs each render of the view this much, the closed ones left out
 */
const HELD_LIST_MS = 2_000;

/**
 * What a supervisor's settlement is as an act designed to outlive the staff visit (ADR 0010: it
 * runs until the host answers; the visit may end meanwhile and its self test waits for it): its
 * steps journaled into the visit closed meanwhile are logged at info, not warned (`late-writes.ts`).
 */
const STAFF_SETTLEMENT = 'a staff settlement outliving its visit';

@Injectable()
export class MaintenanceDeviceChecksService {
  constructor(
    private readonly maintenance: MaintenanceService,
    private readonly sessions: SessionsService,
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    private readonly recovery: SessionRecoveryService,
    // the host, to list what it still holds for withdrawals whose session ended (absent in unit specs)
    @Optional() private readonly moduleRef?: ModuleRef,
  ) {}

  /**
   * One note of each cassette into the reject bin (DEVICE_BIN_FULL when it cannot take them), a
   * supply act of that bin (`test-dispense.ts`): a restart cutting it off leaves it for staff.
   */
  async testDispense(token: string): Promise<{ notes: number }> {
    const { visit, transactionId } = guardStaffAction(this.maintenance, this.sessions, token, ANY_STAFF);
    const deps = { journal: this.journal, devices: this.devices, maintenance: this.maintenance };
    // in the reject bin's turn: never beside an emptying of it or staff's answer to an act of it
    const { notes } = await this.checked('testDispense', visit.staffId, 'cashDispenser', () =>
      inSupplyTurn(this.maintenance, 'cashDispenser', 'rejectBin', () =>
        runTestDispense(deps, transactionId, visit.staffId),
      ),
    );
    this.maintenance.report({
      action: 'testDispense',
      staffId: visit.staffId,
      device: 'cashDispenser',
      supply: 'rejectBin',
      count: notes,
    });
    return { notes };
  }

  /** A blank to the chip station, a test face printed, the card into the reject bin. */
  async testCard(token: string): Promise<{ rejected: true }> {
    const { visit, transactionId } = guardStaffAction(this.maintenance, this.sessions, token, ANY_STAFF);
    const printer = this.devices.cardPrinter;
    await this.checked('testCard', visit.staffId, 'cardPrinter', () =>
      runTestCard(this.journal, printer, transactionId),
    );
    await recordDeviceCounters(this.journal, printer.status());
    this.maintenance.report({
      action: 'testCard',
      staffId: visit.staffId,
      device: 'cardPrinter',
      supply: 'rejectBin',
      count: 1,
    });
    return { rejected: true };
  }

  /**
   * Re-runs the device's self test; healthy: done, and the kiosk offers what it allows again;
   * still faulty: journaled failed and refused with MAINTENANCE_FAULT_PERSISTS (the fault's code in
   * the details), so it stays out of service. A card printer's jam cleared: staff say where its
   * card went (`jammedCard`), journaled and counted (`clear-device-fault.ts`).
   */
  async clearFault(
    token: string,
    device: DeviceKind,
    jammedCard?: JammedCardWhereabouts,
  ): Promise<{ device: DeviceKind; status: DeviceStatus }> {
    const { visit, transactionId } = guardStaffAction(this.maintenance, this.sessions, token, ANY_STAFF);
    if (!(DEVICE_KINDS as readonly string[]).includes(device)) {
      throw new KioskError(ErrorCode.GATEWAY_MALFORMED_MESSAGE, 'No such device.', {
        device: String(device),
      });
    }
    const deps = { devices: this.devices, journal: this.journal, maintenance: this.maintenance };
    return clearDeviceFault(deps, { staffId: visit.staffId, transactionId }, device, jammedCard);
  }

  /**
   * Withdrawals left for staff (`recovery.needsStaff`; or one whose session ended that the host still
   * holds undecided: its notes left in the presenter by a failed retract, or the sweep could not
   * decide it), oldest first, each with the verdict
   * a supervisor gave already whose confirm or reversal the host has not answered (null: none), the
   * amount asked for, the card and name masked, the step the kiosk stopped at and the dispenser's counts.
   */
  pendingSettlements(): Promise<PendingWithdrawalSettlement[]> {
    const host = this.moduleRef?.get(HostService, { strict: false });
    // withdrawals whose session ended still held at the host: listed when left for staff
    const held = host
      ? async () =>
          (await host.authorisedWithdrawals(AbortSignal.timeout(HELD_LIST_MS))).map(
            (w) => w.transactionSerial,
          )
      : undefined;
    return pendingWithdrawals(this.journal, this.devices.cashDispenser, held);
  }

  /** Card makings (new or replacement) recovery left for staff: where did the card go? */
  pendingCardMakings(): Promise<PendingCardMaking[]> {
    return pendingCardMakings(this.journal, this.devices.cardPrinter);
  }

  /**
   * A supervisor counted the cash of an undecided withdrawal: confirm (paid), reverse (notPaid) or
   * both (taken); `aboveHoldFen`: counted paid above what the host held (only the hold confirmed).
   */
  async settleWithdrawal(
    token: string,
    transactionId: string,
    verdict: WithdrawalVerdict,
  ): Promise<{ transactionId: string; hostStatus: string; aboveHoldFen?: number }> {
    const settled = await this.staffSettlement(token, {
      action: 'settleWithdrawal',
      intent: { transactionId, ...verdictDetail(verdict) },
      settle: (staffId) => this.recovery.settleByStaff(transactionId, verdict, staffId),
      done: (answer) => ({ transactionId, ...answer }),
      report: { device: 'cashDispenser' },
    });
    return { transactionId, ...settled };
  }

  /**
   * A supervisor looked for the card of an undecided card making: in the reject bin (reported
   * abandoned), handed to the resident (taken: reported issued) or nowhere (missing: reported
   * abandoned, the number voided). Journaled in the visit first, then settled.
   */
  async settleCardMaking(
    token: string,
    transactionId: string,
    card: CardWhereabouts,
  ): Promise<{ transactionId: string; card: CardWhereabouts; outcome: 'issued' | 'abandoned' }> {
    const { outcome } = await this.staffSettlement(token, {
      action: 'settleCardMaking',
      intent: { transactionId, card },
      settle: (staffId) => this.recovery.settleCardMakingByStaff(transactionId, card, staffId),
      done: ({ outcome }) => ({ transactionId, outcome }),
      report: { device: 'cardPrinter', supply: 'rejectBin', count: card === 'inRejectBin' ? 1 : 0 },
    });
    return { transactionId, card, outcome };
  }

  /** A supervisor's verdict on a handed-in card recovery left unknown: journaled in the visit, then settled. */
  async settleOldCard(
    token: string,
    transactionId: string,
    oldCard: OldCardWhereabouts,
  ): Promise<{ transactionId: string; oldCard: OldCardWhereabouts; outcome: 'closed' | 'leftForStaff' }> {
    const { outcome } = await this.staffSettlement(token, {
      action: 'settleCardMaking',
      intent: { transactionId, oldCard },
      settle: (staffId) => this.recovery.settleOldCardByStaff(transactionId, oldCard, staffId),
      done: ({ outcome }) => ({ transactionId, outcome }),
      report: { device: 'cardReader', supply: 'captureBin', count: oldCard === 'inCaptureBin' ? 1 : 0 },
    });
    return { transactionId, oldCard, outcome };
  }

  /**
   * A supervisor's settlement in the visit's journal: `maintenance.<action>` intent, the settlement
   * (a refusal journaled failed with its code, told to the fleet and thrown), then done, and told
   * to the fleet.
   */
  private staffSettlement<R>(
    token: string,
    act: {
      readonly action: 'settleWithdrawal' | 'settleCardMaking';
      readonly intent: StepDetail;
      readonly settle: (staffId: string) => Promise<R>;
      readonly done: (settled: R) => StepDetail;
      readonly report: Omit<MaintenanceEvent, 'action' | 'staffId'> & { readonly device: DeviceKind };
    },
  ): Promise<R> {
    const { visit, transactionId: visitTx } = guardStaffAction(
      this.maintenance,
      this.sessions,
      token,
      SUPERVISORS,
    );
    const step = `maintenance.${act.action}`;
    // designed to outlive the visit: a visit ended under it has its steps journaled as expected
    return outlivingItsJourney(STAFF_SETTLEMENT, async () => {
      await this.journal.recordStep(visitTx, step, 'intent', act.intent);
      const settled = await this.checked(act.action, visit.staffId, act.report.device, async () => {
        try {
          return await act.settle(visit.staffId);
        } catch (e) {
          await this.journal.recordStep(visitTx, step, 'failed', { code: KioskError.from(e).code });
          throw e;
        }
      });
      await this.journal.recordStep(visitTx, step, 'done', act.done(settled));
      this.maintenance.report({ action: act.action, staffId: visit.staffId, ...act.report });
      return settled;
    });
  }

  /** Runs the act; a refusal is told to the fleet with its code and thrown. */
  private async checked<T>(
    action: MaintenanceAction,
    staffId: string,
    device: DeviceKind,
    work: () => Promise<T>,
  ): Promise<T> {
    try {
      return await work();
    } catch (e) {
      this.maintenance.report({ action, staffId, device, code: KioskError.from(e).code });
      throw e;
    }
  }
}
