/**
 * Field staff's refills and bin emptying, each one journaled first (`maintenance.refill` /
 * `maintenance.emptyBin`, the intent carrying what boot needs to finish it), acted through the
 * device's port, its outcome journaled with the device's counts, then the journal's count and the
 * act's `maintenance_supply` entry (each once across a restart: `supply-act-recovery.ts`, ADR 0022),
 * and an event to the fleet. An act of the same supply cut off by a restart and not confirmed by
 * staff yet refuses a new one (MAINTENANCE_SUPPLY_UNSETTLED). A device silent past
 * `timeouts.supplyActMs` leaves its act for staff the same way (MAINTENANCE_SUPPLY_ACT_TIMEOUT,
 * `supply-act-timeout.ts`) rather than hold the staff screen and the supply's turn. A count staff entered is checked against the journal's before anything moves; a
 * count that does not reconcile is refused (MAINTENANCE_COUNT_MISMATCH) and journaled as refused.
 * Cash (cassettes and the dispenser's bins, which hold notes) needs a supervisor.
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
import { JournalService, type StepDetail } from '../journal/journal.service.js';
import { MaintenanceSupplyLog } from '../journal/maintenance-supply-log.service.js';
import { SessionsService } from '../sessions/sessions.service.js';
import { emulatedEmptyBin, emulatedRefill } from './emulated-hands.js';
import { ANY_STAFF, MaintenanceService, SUPERVISORS } from './maintenance.service.js';
import { guardStaffAction, type GuardedVisit } from './staff-guard.js';
import { undecidedSupplyActs } from './supply-act-recovery.js';
import { outcomeOf } from './supply-act-named.js';
import { intentDetail, recordActCounts, supplyActIntent } from './supply-act-steps.js';
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

/**
 * Why a supply act is refused: the reason told to staff, what is journaled and thrown with it, and
 * its code (MAINTENANCE_COUNT_MISMATCH unless given).
 */
type Refusal = readonly [reason: string, details: StepDetail, code?: ErrorCode];

/**
 * An earlier act on the same supply, cut off by a restart, that staff have not confirmed: refused
 * until they do (ADR 0022). Its count is the base of this one's check and of the journal's count
 * this one makes, and the engineer at the supply is the one who can look whether it was done.
 */
const unsettled = (transactionId: string): Refusal => [
  'An earlier refill or emptying of this supply was cut off by a restart and is not confirmed; confirm it first.',
  { unsettledTransactionId: transactionId },
  ErrorCode.MAINTENANCE_SUPPLY_UNSETTLED,
];

type SupplySpec = ReturnType<typeof replenishableSupply>;

/** What a refill and a bin emptying differ in; `supplyAct` does the rest alike. */
interface SupplyAct {
  readonly action: 'refill' | 'emptyBin';
  readonly role: 'stock' | 'bin';
  readonly device: ReplenishableDevice;
  readonly supply: string;
  /** units loaded, or taken out of the bin */
  readonly quantity: number;
  /** what staff counted, for the supply log */
  readonly countedByStaff: number | null;
  /** every step's detail (what staff said, the journal's count before) */
  readonly detail: (journalBefore: number | null) => StepDetail;
  /** more detail for the intent */
  readonly intent?: StepDetail;
  /** the refusals before anything moves, in order: the first one that applies is given */
  readonly refusals: (counts: {
    readonly spec: SupplySpec;
    readonly journalBefore: number | null;
    readonly deviceBefore: number | null;
    readonly expected: number | null;
  }) => readonly (Refusal | undefined)[];
  readonly work: (port: ReplenishablePort) => Promise<ReplenishResult>;
  /** a refusal once the device acted (logged already) */
  readonly refusalAfter?: (result: ReplenishResult, spec: SupplySpec) => Refusal | undefined;
}

@Injectable()
export class MaintenanceSuppliesService {
  constructor(
    private readonly maintenance: MaintenanceService,
    private readonly sessions: SessionsService,
    private readonly devices: DevicesService,
    private readonly journal: JournalService,
    private readonly counters: DeviceCountersService,
    private readonly supplyLog: MaintenanceSupplyLog,
    @Optional() @Inject(KIOSK_CONFIG) config?: KioskConfig,
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
    const { device, supply, added, countedBefore } = request;
    return this.supplyAct(token, {
      action: 'refill',
      role: 'stock',
      device,
      supply,
      quantity: added,
      countedByStaff: countedBefore ?? null,
      detail: (journalBefore) => ({ device, supply, added, journalBefore }),
      intent: { countedBefore: countedBefore ?? null },
      refusals: ({ spec, journalBefore, deviceBefore, expected }) => [
        spec.denominationFen !== undefined && request.denominationFen !== spec.denominationFen
          ? [
              'These notes are not of the cassette\u2019s denomination.',
              {
                denominationFen: request.denominationFen ?? null,
                cassetteDenominationFen: spec.denominationFen,
              },
            ]
          : undefined,
        journalBefore !== null && deviceBefore !== null && journalBefore !== deviceBefore
          ? ['The device and the journal disagree; a supervisor reconciles first.', { deviceBefore }]
          : undefined,
        countedBefore !== undefined && expected !== null && countedBefore !== expected
          ? ['The count entered does not agree with the journal; count again.', { countedBefore }]
          : undefined,
      ],
      work: (port) => {
        emulatedRefill(this.devices.emulators, device, supply, added);
        return port.refillSupply(supply, added);
      },
      // the device counted what was loaded (a ribbon replaces, a sensed supply cannot tell)
      refusalAfter: (result, spec) =>
        spec.replaces ||
        result.before === null ||
        result.after === null ||
        result.after - result.before === added
          ? undefined
          : ['The device counted another number than was loaded.', { deviceAfter: result.after }],
    });
  }

  async emptyBin(token: string, request: EmptyBinRequest): Promise<SupplyActResult> {
    const { device, supply, counted } = request;
    return this.supplyAct(token, {
      action: 'emptyBin',
      role: 'bin',
      device,
      supply,
      quantity: counted,
      countedByStaff: counted,
      detail: (journalBefore) => ({ device, supply, counted, journalBefore }),
      refusals: ({ expected }) => [
        expected !== null && counted !== expected
          ? ['The count taken out does not agree with the journal; count again.', { counted }]
          : undefined,
      ],
      work: (port) => {
        emulatedEmptyBin(this.devices.emulators, device, supply);
        return port.emptySupplyBin(supply);
      },
    });
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
    const pending = (await undecidedSupplyActs(this.journal)).find(
      (u) => u.act.intent.device === device && u.act.intent.supply === supply,
    );
    if (pending) await refuse(unsettled(pending.transactionId));
    const refusal = act
      .refusals({ spec, journalBefore, deviceBefore, expected })
      .find((r) => r !== undefined);
    if (refusal) await refuse(refusal);
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
    if (after) await refuse(after, false);
    this.maintenance.report({ action, staffId, device, supply, count: quantity });
    return { device, supply, journalBefore: expected, quantity, after: result.after };
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
      this.maintenance.report({ action, staffId, device, supply, code });
      throw e;
    }
  }
}
