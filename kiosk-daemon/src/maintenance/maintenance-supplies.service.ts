/**
 * Field staff's refills and bin emptying, each one journaled first (`maintenance.refill` /
 * `maintenance.emptyBin`, the intent carrying what boot needs to finish it), acted through the
 * device's port, its outcome journaled with the device's counts, then the journal's count and the
 * act's `maintenance_supply` entry (each once across a restart: `supply-act-recovery.ts`, ADR 0022),
 * and an event to the fleet. An act of the same supply cut off by a restart and not confirmed by
 * staff yet refuses a new one (MAINTENANCE_SUPPLY_UNSETTLED), as a test dispense whose note of that
 * cassette is in question does a cassette's refill (`undecidedActOn`). A device silent past
 * `timeouts.supplyActMs` leaves its act for staff the same way (MAINTENANCE_SUPPLY_ACT_TIMEOUT,
 * `supply-act-timeout.ts`) rather than hold the staff screen and the supply's turn. A count staff
 * entered is checked against the journal's before anything moves (the refusals of each act:
 * `refill-and-emptying.ts`); a count that does not reconcile is refused (MAINTENANCE_COUNT_MISMATCH)
 * and journaled as refused. Cash (cassettes and the dispenser's bins, which hold notes) needs a
 * supervisor.
 */
import { Inject, Injectable, Optional } from '@nestjs/common';
import { DEFAULT_SUPPLY_ACT_MS, type KioskConfig } from '@kiosk/config';
import {
  countOf,
  replenishableSupply,
  type ReplenishablePort,
  type ReplenishResult,
} from '@kiosk/device-drivers';
import { ErrorCode, KioskError, type DeviceKind } from '@kiosk/domain';
import { KIOSK_CONFIG } from '../config/kiosk-config.token.js';
import { DevicesService } from '../devices/devices.service.js';
import { DeviceCountersService } from '../journal/device-counters.service.js';
import { JournalService } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { ANY_STAFF, MaintenanceService, SUPERVISORS } from './maintenance.service.js';
import {
  emptyBinAct,
  refillAct,
  unsettled,
  type Refusal,
  type SupplyAct,
  type SupplySpec,
} from './refill-and-emptying.js';
import { guardStaffAction, type GuardedVisit } from './staff-guard.js';
import { stockCapacityOf } from './supply-capacity.js';
import { closeWithItsLastAct } from './supply-act-left-for-staff.js';
import { undecidedActOn, undecidedSupplyActs } from './supply-act-recovery.js';
import { outcomeOf } from './supply-act-named.js';
import { recordActCounts } from './supply-act-counts.js';
import { intentDetail, supplyActIntent } from './supply-act-steps.js';
import { supplyCounts } from './supply-reconciliation.js';
import { answerWithin, leaveUnansweredAct, NO_ANSWER, type LeavingDeps } from './supply-act-timeout.js';
import { inSupplyTurn } from './supply-turns.js';
import type {
  EmptyBinRequest,
  RefillRequest,
  ReplenishableDevice,
  SupplyActResult,
} from './maintenance-supply-requests.js';

export {
  REPLENISHABLE_DEVICES,
  type EmptyBinRequest,
  type RefillRequest,
  type ReplenishableDevice,
  type SupplyActResult,
} from './maintenance-supply-requests.js';

@Injectable()
export class MaintenanceSuppliesService {
  constructor(
    private readonly maintenance: MaintenanceService,
    private readonly sessions: SessionsService,
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    private readonly counters: DeviceCountersService,
    private readonly supplyLog: MaintenanceSupplyLog,
    @Optional() @Inject(KIOSK_CONFIG) private readonly config?: KioskConfig,
  ) {
    this.boundMs = config?.timeouts.supplyActMs ?? DEFAULT_SUPPLY_ACT_MS;
    this.leaving = { journal, devices, maintenance };
  }

  /** how long a device may take to answer an act (`timeouts.supplyActMs`) */
  private readonly boundMs: number;
  private readonly leaving: LeavingDeps;

  port(device: ReplenishableDevice): ReplenishablePort {
    return this.devices[device];
  }

  async refill(token: string, request: RefillRequest): Promise<SupplyActResult> {
    const capacity = stockCapacityOf(this.config?.devices, request.device, request.supply);
    return this.supplyAct(token, refillAct(request, this.devices.emulators, capacity));
  }

  async emptyBin(token: string, request: EmptyBinRequest): Promise<SupplyActResult> {
    return this.supplyAct(token, emptyBinAct(request, this.devices.emulators));
  }

  /**
   * One refill or bin emptying: the role checked, the supply known to the device, staff's count
   * checked against the journal's (and the device's) before anything moves, the intent journaled,
   * the act, the device's counts journaled, the act logged, done; every refusal journaled failed,
   * told to the fleet and thrown (MAINTENANCE_COUNT_MISMATCH).
   */
  private async supplyAct(token: string, act: SupplyAct): Promise<SupplyActResult> {
    const { device, supply } = act;
    const roles = device === 'cashDispenser' ? SUPERVISORS : ANY_STAFF;
    const guarded = guardStaffAction(this.maintenance, this.sessions, token, roles);
    const spec = replenishableSupply(device, this.port(device).replenishableSupplies(), supply, act.role);
    // in the supply's turn: never beside staff's answer to a cut-off act of it, nor another act of it
    return inSupplyTurn(this.maintenance, device, supply, () => this.actInTurn(act, guarded, spec));
  }

  private async actInTurn(act: SupplyAct, guarded: GuardedVisit, spec: SupplySpec): Promise<SupplyActResult> {
    const { action, device, supply, quantity } = act;
    const { transactionId } = guarded;
    const { staffId } = guarded.visit;
    const port = this.port(device);
    const journalBefore = await this.journaledCount(device, supply);
    const deviceBefore = countOf(this.devices[device].status().supplies, supply);
    const expected = journalBefore ?? deviceBefore;
    const step = `maintenance.${action}`;
    const base = act.detail(journalBefore);
    const refuse = async ([reason, details, code]: Refusal, journaled = true): Promise<never> => {
      const coded = code ?? ErrorCode.MAINTENANCE_COUNT_MISMATCH;
      if (journaled)
        await this.journal.recordStep(transactionId, step, 'failed', { ...base, code: coded, ...details });
      this.maintenance.report({ action, staffId, device, supply, code: coded });
      throw new KioskError(coded, reason, { device, supply, ...details });
    };
    const pending = undecidedActOn(await undecidedSupplyActs(this.journal), device, supply);
    if (pending) await refuse(unsettled(pending.transactionId));
    const refusal = act
      .refusals({ spec, journalBefore, deviceBefore, expected })
      .find((r) => r !== undefined);
    // past what the stock holds: refused, nothing journaled (the count was never in doubt)
    if (refusal) await refuse(refusal, refusal[2] !== ErrorCode.MAINTENANCE_OVER_CAPACITY);
    const intent = supplyActIntent(act, {
      staffId,
      spec,
      journalBefore,
      deviceBefore,
      countsAfter: await this.counters.lastRecord(),
      countsFromJournal: device === 'cashDispenser' && this.devices.cashDispenser.countsFromJournal === true,
    });
    await this.journal.recordStep(transactionId, step, 'intent', {
      ...base,
      ...act.intent,
      ...intentDetail(intent),
    });
    const result = await this.act(transactionId, step, staffId, action, device, supply, () => act.work(port));
    // no answer: left for staff (journal first), the visit going on apart from it
    if (result === NO_ANSWER)
      throw await leaveUnansweredAct(this.leaving, transactionId, intent, this.boundMs);
    // the outcome right after the device act, with the counts it says; the count and the entry
    // follow, each once (a restart between is caught up at boot: `supply-act-recovery.ts`)
    const moved = { deviceBefore: result.before, deviceAfter: result.after };
    const outcome = { ...outcomeOf(intent), ...moved };
    const after = act.refusalAfter?.(result, spec);
    if (after) {
      const [, details] = after;
      await this.journal.recordStep(transactionId, step, 'failed', {
        code: ErrorCode.MAINTENANCE_COUNT_MISMATCH,
        ...details,
        ...outcome,
        logged: true,
      });
    } else await this.journal.recordStep(transactionId, step, 'done', outcome);
    await recordActCounts(this.journal, this.devices, intent);
    await this.supplyLog.append({
      transactionId,
      staffId,
      kind: device,
      supply,
      action: action === 'refill' ? 'refill' : 'empty',
      quantity,
      journalBefore,
      countedByStaff: act.countedByStaff,
      ...moved,
    });
    // a visit that left another act of this transaction for staff went on apart: its last act closes it
    await closeWithItsLastAct(this.journal, transactionId);
    if (after) await refuse(after, false);
    this.maintenance.report({ action, staffId, device, supply, count: quantity });
    const levelAfter = this.devices[device].status().supplies.find((s) => s.name === supply)?.level ?? null;
    return { device, supply, journalBefore: expected, quantity, after: result.after, levelAfter };
  }

  /** The journal's latest count of a supply, or null when the journal never counted it. */
  async journaledCount(device: DeviceKind, supply: string): Promise<number | null> {
    const latest = (await this.counters.latestCounters())[device];
    return latest ? (supplyCounts(latest.counters).get(supply) ?? null) : null;
  }

  /**
   * Runs the device act; a refusal is journaled failed, told to the fleet and thrown. No answer
   * within the bound: NO_ANSWER, nothing journaled (the act's outcome is not known).
   */
  private async act(
    transactionId: string,
    step: string,
    staffId: string,
    action: 'refill' | 'emptyBin',
    device: ReplenishableDevice,
    supply: string,
    work: () => Promise<ReplenishResult>,
  ): Promise<ReplenishResult | typeof NO_ANSWER> {
    try {
      return await answerWithin(work(), this.boundMs, `${staffId}'s ${action} of ${device} ${supply}`);
    } catch (e) {
      const code = KioskError.from(e).code;
      await this.journal.recordStep(transactionId, step, 'failed', {
        ...outcomeOf({ step, device, supply }),
        code,
      });
      await closeWithItsLastAct(this.journal, transactionId);
      this.maintenance.report({ action, staffId, device, supply, code });
      throw e;
    }
  }
}
